/**
 * The demo's order backend against the sandbox, in Node (no browser): a sale
 * whose answer is lost after the gateway handled it is `unknown`, never
 * `failed`, and submitting the same order again never charges twice.
 * Also the demo's small HTTP helpers: a capped, streamed body and a malformed
 * session cookie.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { BodyTooLarge, readCookie, readFields } from '../../demo/server/http.js';
import { createOrders } from '../../demo/server/orders.js';
import { createSessions } from '../../demo/server/session.js';
import { DEMO_SHOPPERS, SEED_CLOCK_SHIFT_MS, seedCustomers, type DemoShopper } from '../../demo/server/shoppers.js';
import type { DemoOrder } from '../../demo/shared/order.js';

const BASE = 'http://sandbox.test';
const SALE = '/v1/transactions/sale';
const ada = DEMO_SHOPPERS[0] as DemoShopper;

describe('demo orders when the gateway answer is lost', () => {
  let sandbox: Sandbox;
  let customerId: string;
  let walletId: string;
  /** Every sale the orders module sent: its Idempotency-Key and whether the sandbox replayed a stored answer. */
  let sales: { key: string | null; replayed: boolean }[];
  let orders: ReturnType<typeof createOrders>;

  /** Sales the sandbox actually ran (a replay charges nothing). */
  const charged = () => sales.filter(sale => !sale.replayed).length;

  const submit = async (orderKey: string): Promise<{ status: number; order: DemoOrder }> => {
    const response = await orders.place(
      new Request('http://demo.test/api/orders', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', 'Sec-Fetch-Site': 'same-origin' },
        body: new URLSearchParams({ paymentMethod: walletId, orderKey }).toString(),
      }),
      ada,
    );
    return { status: response.status, ...((await response.json()) as { order: DemoOrder }) };
  };

  beforeEach(async () => {
    // As the demo does: seed on a clock set back, so last month's card could be saved while valid.
    let shift = -SEED_CLOCK_SHIFT_MS;
    sandbox = createSandbox({ now: () => Date.now() + shift });
    const ids = await sandbox.seed({ customers: seedCustomers(new Date()) });
    shift = 0;
    customerId = ids[0] as string;
    const entry = sandbox.state.wallet(customerId).find(method => method.default);
    assert.ok(entry, 'Ada has a default method');
    walletId = entry.id;
    sales = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      const isSale = request.method === 'POST' && new URL(request.url).pathname === SALE;
      try {
        const response = await sandbox.handle(request);
        if (isSale)
          sales.push({ key: request.headers.get('Idempotency-Key'), replayed: response.headers.get('idempotent-replayed') === 'true' });
        return response;
      } catch (error) {
        // A dropped connection after handling: the sale ran, its answer is gone.
        if (isSale) sales.push({ key: request.headers.get('Idempotency-Key'), replayed: false });
        throw error;
      }
    };
    orders = createOrders({
      gateway: { baseUrl: BASE, publicKey: sandbox.publicKey, privateKey: sandbox.privateKey },
      customerIdOf: () => customerId,
      fetch,
      timeoutMs: 2000,
    });
  });

  it('approves a normal order once and sends the order key as Idempotency-Key', async () => {
    const first = await submit('order-key-normal-1');
    assert.equal(first.order.status, 'approved');
    assert.equal(sales.length, 1);
    assert.equal(sales[0]?.key, 'ada:order-key-normal-1');
    const again = await submit('order-key-normal-1');
    assert.equal(again.order.id, first.order.id);
    assert.equal(charged(), 1);
  });

  for (const [name, fault] of [
    ['the connection drops', { dropConnection: true }],
    ['a 504 replaces the answer', { status: 504 }],
  ] as const) {
    it(`charges exactly once when ${name} after the sale was handled and the form is sent again`, async () => {
      sandbox.faults.add({ ...fault, afterHandling: true, path: SALE, method: 'POST', times: 1 });

      const first = await submit('order-key-lost-1');
      assert.equal(first.order.status, 'unknown', 'a lost answer is not a failure');
      assert.equal(first.status, 202);
      assert.match(first.order.message, /checking/i);
      assert.match(first.order.message, /not be charged twice/i);
      assert.equal(charged(), 1);

      // Back button, same form, same key: the gateway replays its first answer.
      const second = await submit('order-key-lost-1');
      assert.equal(second.order.id, first.order.id);
      assert.equal(second.order.status, 'approved');
      assert.ok(second.order.transactionId);
      assert.equal(charged(), 1, 'exactly one sale in the sandbox');
      assert.deepEqual(
        sales.map(sale => sale.key),
        ['ada:order-key-lost-1', 'ada:order-key-lost-1'],
      );

      // And once more: the settled order is replayed without asking the gateway.
      const third = await submit('order-key-lost-1');
      assert.equal(third.order.status, 'approved');
      assert.equal(sales.length, 2);
    });
  }

  it('settles an unknown order when the order page asks, without charging again', async () => {
    sandbox.faults.add({ dropConnection: true, afterHandling: true, path: SALE, method: 'POST', times: 1 });
    const first = await submit('order-key-page-1');
    assert.equal(first.order.status, 'unknown');
    const [looked, resubmitted] = await Promise.all([orders.get(first.order.id, ada), submit('order-key-page-1')]);
    const { order } = (await looked.json()) as { order: DemoOrder };
    assert.equal(order.status, 'approved');
    assert.equal(resubmitted.order.status, 'approved');
    assert.equal(order.transactionId, resubmitted.order.transactionId);
    assert.equal(charged(), 1);
    assert.ok(sales.length <= 2, 'concurrent checks share one request');
  });

  it('answers 413 for an order body over the limit', async () => {
    const response = await orders.place(
      new Request('http://demo.test/api/orders', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: `paymentMethod=${'a'.repeat(10_000)}`,
      }),
      ada,
    );
    assert.equal(response.status, 413);
    assert.equal(sales.length, 0);
  });
});

describe('demo HTTP helpers', () => {
  it('stops reading a body as soon as it is over the limit', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(1024).fill(97);
    // 1 MiB offered in 1 KiB chunks, with no Content-Length: only reading can tell.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 1024) return controller.close();
        pulled += 1;
        controller.enqueue(chunk);
      },
    });
    const request = new Request('http://demo.test/api/orders', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
      duplex: 'half',
    } as RequestInit);
    await assert.rejects(readFields(request, 4096), BodyTooLarge);
    assert.ok(pulled < 16, `read ${pulled} KiB of a 1 MiB body`);
  });

  it('refuses a declared Content-Length over the limit without reading', async () => {
    const request = new Request('http://demo.test/x', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': '999999' },
      body: '{}',
    });
    await assert.rejects(readFields(request, 4096), BodyTooLarge);
  });

  it('still reads a body within the limit', async () => {
    const form = new Request('http://demo.test/x', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=%C3%A9&b=2',
    });
    assert.deepEqual(await readFields(form), { a: 'é', b: '2' });
    const json = new Request('http://demo.test/x', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"a":"1","n":2}',
    });
    assert.deepEqual(await readFields(json), { a: '1' });
  });

  it('treats a malformed cookie as no session instead of throwing', () => {
    assert.equal(readCookie('demo_session=%E0%A4%A', 'demo_session'), null);
    assert.equal(readCookie('other=%zz; demo_session=abc', 'demo_session'), 'abc');
    assert.equal(createSessions().shopperOf('demo_session=%'), undefined);
  });
});
