/**
 * Saves that race each other through the real handler and the real sandbox: a
 * shopper's first saves before their gateway customer exists, and the same card
 * saved from two tabs at once.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Logger } from '../../src/server/index.js';
import type { WalletHandlerOptions } from '../../src/server/options.js';
import { MemoryIdempotencyStore, type IdempotencyRecord } from '../../src/server/stores.js';
import { assertNoKeyLeaksAtEnd, captureLogger, clock, createHarness, GATEWAY, PRIVATE_KEY, TEST_CARDS, type Harness } from './helpers.js';

assertNoKeyLeaksAtEnd();

/** A merchant whose shoppers get their eCrypt customer on their first save, recorded per account. */
function lazyShop(
  options: { adds?: number; profile?: (account: string) => Record<string, string>; handler?: Partial<WalletHandlerOptions> } = {},
) {
  const accounts = new Map<string, string>();
  const created: string[] = [];
  let session = 'alice';
  const profile = options.profile ?? ((account: string) => ({ firstName: account, merchantIdentifier: `acct-${account}` }));
  const h: Harness = createHarness({
    ...options.handler,
    ...(options.adds ? { rateLimit: { adds: options.adds, windowMs: 60_000 } } : {}),
    customerFor: () => accounts.get(session) ?? null,
    createCustomer: {
      profileFor: () => profile(session),
      onCreated: (_request, id) => {
        created.push(id);
        accounts.set(session, id);
      },
    },
  });
  return { h, accounts, created, signInAs: (account: string) => (session = account) };
}

const CARDS = [TEST_CARDS.visa, TEST_CARDS.visaAlt, TEST_CARDS.mastercard, TEST_CARDS.amex, TEST_CARDS.discover];

describe('first saves of a shopper without a gateway customer', () => {
  it('rate-limits parallel first saves by the shopper, and creates one customer holding every saved method', async () => {
    const { h, accounts, created } = lazyShop({ adds: 2 });
    const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => h.token({ accountNumber: CARDS[i % CARDS.length]!.number })));
    const answers = await Promise.all(
      tokens.map((token, i) => h.call('POST', '/methods', { body: { token }, headers: { 'Idempotency-Key': `first-${i}` } })),
    );
    const statuses = answers.map(answer => answer.status);
    assert.equal(statuses.filter(status => status === 201).length, 2, `statuses: ${statuses.join(',')}`);
    assert.equal(statuses.filter(status => status === 429).length, 18);
    assert.equal(h.backend.sandbox.state.customerIds().length, 1, 'one gateway customer');
    assert.deepEqual(created, h.backend.sandbox.state.customerIds(), 'the merchant was told once');
    const saved = answers.filter(answer => answer.status === 201).map(answer => answer.body.method.id as string);
    assert.deepEqual(
      h
        .wallet(accounts.get('alice'))
        .map(item => item.id)
        .sort(),
      saved.sort(),
      'the shopper sees every method answered 201',
    );
  });

  it('creates one customer for parallel first saves without Idempotency-Key', async () => {
    const { h, accounts } = lazyShop();
    const tokens = await Promise.all(CARDS.slice(0, 4).map(c => h.token({ accountNumber: c.number })));
    const answers = await Promise.all(tokens.map(token => h.call('POST', '/methods', { body: { token } })));
    assert.deepEqual(
      answers.map(answer => answer.status),
      [201, 201, 201, 201],
    );
    assert.equal(h.backend.sandbox.state.customerIds().length, 1);
    assert.equal(h.wallet(accounts.get('alice')).length, 4);
    assert.equal(h.wallet(accounts.get('alice')).filter(item => item.default).length, 1, 'one default');
  });

  it('counts failed attempts made before the customer existed against it afterwards: one limit in all', async () => {
    const { h, accounts } = lazyShop({ adds: 3 });
    // The first two saves fail at customer creation, so they are counted under the shopper's identity only.
    h.backend.sandbox.faults.add({ method: 'POST', path: /^\/v1\/customers$/, status: 500, times: 2 });
    assert.equal((await h.addCard(TEST_CARDS.visa.number)).status, 502);
    assert.equal((await h.addCard(TEST_CARDS.visa.number)).status, 502);
    assert.equal(accounts.get('alice'), undefined, 'no customer yet');
    assert.equal((await h.addCard(TEST_CARDS.visa.number)).status, 201, 'the third attempt creates the customer');
    const writes = h.gatewayWrites().length;
    const fourth = await h.addCard(TEST_CARDS.mastercard.number);
    assert.equal(fourth.status, 429, 'three attempts in all, whether the customer existed or not');
    assert.equal(fourth.body.error.code, 'rate_limited');
    assert.ok(Number(fourth.headers.get('Retry-After')) >= 1);
    assert.equal(h.gatewayWrites().length, writes, 'the refused attempt sent nothing to the gateway');
    assert.equal(h.wallet(accounts.get('alice')).length, 1);
  });

  it('gets the same customer back from the gateway when onCreated failed to record it (merchantIdentifier)', async () => {
    const { h, accounts, created } = lazyShop();
    const forget = () => accounts.delete('alice');
    assert.equal((await h.addCard(TEST_CARDS.visa.number)).status, 201);
    forget();
    const second = await h.addCard(TEST_CARDS.mastercard.number);
    assert.equal(second.status, 201);
    assert.equal(h.backend.sandbox.state.customerIds().length, 1, 'no second customer');
    assert.deepEqual(new Set(created).size, 1);
    assert.equal(second.body.methods.length, 2, 'both methods in the one wallet');
  });

  it('creates one fresh customer when the one its key names was deleted at the gateway since', async () => {
    const { h, accounts } = lazyShop();
    assert.equal((await h.addCard(TEST_CARDS.visa.number)).status, 201);
    const first = accounts.get('alice')!;
    const deleted = await h.backend.sandbox.handle(
      new Request(`${GATEWAY}/v1/customers/${first}`, { method: 'DELETE', headers: { 'x-api-key': PRIVATE_KEY } }),
    );
    assert.equal(deleted.status, 200);
    accounts.delete('alice');
    const again = await h.addCard(TEST_CARDS.mastercard.number);
    assert.equal(again.status, 201, JSON.stringify(again.body));
    assert.notEqual(accounts.get('alice'), first);
    assert.deepEqual(h.backend.sandbox.state.customerIds(), [accounts.get('alice')]);
    assert.equal(h.wallet(accounts.get('alice')).length, 1);
  });

  it('answers 502 gateway_error, logged, when the customer created after a deleted one was deleted too', async () => {
    const errors: string[] = [];
    const logger: Logger = {
      ...captureLogger,
      error: (message, fields) => (errors.push(`${message} ${JSON.stringify(fields ?? {})}`), captureLogger.error(message, fields)),
    };
    const { h, accounts, created } = lazyShop({ handler: { logger } });
    const deleteAtGateway = async (id: string) => {
      const answer = await h.backend.sandbox.handle(
        new Request(`${GATEWAY}/v1/customers/${id}`, { method: 'DELETE', headers: { 'x-api-key': PRIVATE_KEY } }),
      );
      assert.equal(answer.status, 200);
      accounts.delete('alice');
    };
    assert.equal((await h.addCard(TEST_CARDS.visa.number)).status, 201);
    await deleteAtGateway(created[0]!);
    assert.equal((await h.addCard(TEST_CARDS.mastercard.number)).status, 201);
    assert.equal(created.length, 2);
    await deleteAtGateway(created[1]!);

    const third = await h.addCard(TEST_CARDS.amex.number);
    assert.equal(third.status, 502, JSON.stringify(third.body));
    assert.equal(third.body.error.code, 'gateway_error');
    assert.deepEqual(h.backend.sandbox.state.customerIds(), [], 'no third customer');
    assert.equal(created.length, 2, 'onCreated was not called again');
    assert.ok(
      errors.some(line => line.includes('deleted customer') && line.includes(created[1]!)),
      `logged: ${errors.join(' | ')}`,
    );
  });

  it("keeps a save's pending Idempotency-Key claim for as long as its longest gateway path (merchantIdentifier)", async () => {
    // Every gateway call costs a whole timeout on the handler's clock: the worst the claim must outlast.
    const timeoutMs = 10_000;
    const time = clock();
    const claims: IdempotencyRecord[] = [];
    class RecordingStore extends MemoryIdempotencyStore {
      override async claim(key: string, record: IdempotencyRecord, now: number) {
        claims.push(record);
        return super.claim(key, record, now);
      }
    }
    let gatewayCalls = 0;
    // While set, every read of this wallet fails twice before it answers.
    let flaky: string | null = null;
    const failTwice = (customerId: string) =>
      h.backend.sandbox.faults.add({ method: 'GET', path: `/v1/customers/${customerId}/wallet`, status: 503, times: 2 });
    const { h, accounts, created } = lazyShop({
      handler: {
        now: time.now,
        timeoutMs,
        stores: { idempotency: new RecordingStore() },
        fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
          gatewayCalls += 1;
          time.advance(timeoutMs);
          const request = new Request(input, init);
          const response = await h.backend.sandbox.handle(request);
          if (flaky && request.method === 'GET' && response.ok && request.url.endsWith(`/${flaky}/wallet`)) failTwice(flaky);
          return response;
        },
      },
    });
    assert.equal((await h.addCard(TEST_CARDS.visa.number)).status, 201);
    const first = created[0]!;
    assert.equal(
      (
        await h.backend.sandbox.handle(
          new Request(`${GATEWAY}/v1/customers/${first}`, { method: 'DELETE', headers: { 'x-api-key': PRIVATE_KEY } }),
        )
      ).status,
      200,
    );
    accounts.delete('alice');
    assert.equal((await h.addCard(TEST_CARDS.mastercard.number)).status, 201);
    const second = created[1]!;
    // onCreated's record is lost: the next save replays the deleted customer, then the second one.
    accounts.delete('alice');
    // Each wallet read needs every retry: the checks of both customers, the read before the save and the one after.
    failTwice(first);
    failTwice(second);
    flaky = second;
    const token = await h.token({ accountNumber: TEST_CARDS.amex.number });
    gatewayCalls = 0;
    const answer = await h.call('POST', '/methods', { body: { token, makeDefault: true }, headers: { 'Idempotency-Key': 'slowest' } });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.equal(answer.body.method.isDefault, true);
    assert.equal(gatewayCalls, 16, 'two creations, a save, a default and four wallet reads of three attempts each');
    assert.equal(claims.length, 1);
    assert.ok(time.now() <= claims[0]!.expiresAt, `the claim lapsed ${time.now() - claims[0]!.expiresAt} ms before the save finished`);
  });

  it('never hands one account the customer another account created, even when their profiles look alike', async () => {
    // No merchantIdentifier: two accounts with the same name and email are still two shoppers.
    const { h, accounts, signInAs } = lazyShop({ profile: () => ({ firstName: 'Sam', emailAddress: 'sam@example.test' }) });
    signInAs('sam-1');
    assert.equal((await h.addCard(TEST_CARDS.visa.number)).status, 201);
    signInAs('sam-2');
    assert.equal((await h.addCard(TEST_CARDS.mastercard.number)).status, 201);
    assert.notEqual(accounts.get('sam-1'), accounts.get('sam-2'));
    assert.equal(h.wallet(accounts.get('sam-2')).length, 1);
  });
});

describe('the same card saved from two tabs at once', () => {
  it('stores it once; the other save gets 409 duplicate naming the stored method', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([]);
    const [a, b] = await Promise.all([h.token(), h.token()]);
    const answers = await Promise.all([
      h.call('POST', '/methods', { body: { token: a }, headers: { 'Idempotency-Key': 'tab-a' } }),
      h.call('POST', '/methods', { body: { token: b }, headers: { 'Idempotency-Key': 'tab-b' } }),
    ]);
    const saved = answers.find(answer => answer.status === 201);
    const refused = answers.find(answer => answer.status === 409);
    assert.ok(saved && refused, `statuses: ${answers.map(answer => answer.status).join(',')}`);
    assert.equal(refused.body.error.code, 'duplicate');
    assert.equal(refused.body.error.existingMethodId, saved.body.method.id);
    assert.equal(h.wallet(customerId).length, 1);
    assert.equal(h.wallet(customerId)[0]!.default, true);
  });

  it('does not hold up saves of other shoppers', { timeout: 10_000 }, async () => {
    // The first shopper's save is held at the gateway until the test lets it go.
    let release!: () => void;
    const gate = new Promise<void>(resolve => (release = resolve));
    let reached!: () => void;
    const held = new Promise<void>(resolve => (reached = resolve));
    let slowPath = '';
    const h: Harness = createHarness({
      fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
        const request = new Request(input, init);
        if (request.method === 'POST' && new URL(request.url).pathname === slowPath) {
          reached();
          await gate;
        }
        return h.backend.sandbox.handle(request);
      },
    });
    slowPath = `/v1/customers/${await h.backend.seedShopper([])}/wallet`;
    let slowSettled = false;
    const slow = h.addCard(TEST_CARDS.visa.number).finally(() => (slowSettled = true));
    await held;

    // Were it queued behind the held save, this would never finish (the test's timeout would fail it).
    const other = await h.backend.seedShopper([]);
    assert.equal((await h.addCard(TEST_CARDS.visa.number)).status, 201);
    assert.equal(h.wallet(other).length, 1);
    assert.equal(slowSettled, false, 'the first save is still held at the gateway');

    release();
    assert.equal((await slow).status, 201);
  });
});
