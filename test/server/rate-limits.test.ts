/**
 * Rate limits that mean what they say: every route is limited per shopper, a
 * retry carrying the same idempotency key never counts again, and a store that
 * fails lets reads go on but stops changes and saves before the gateway.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  MemoryIdempotencyStore,
  MemorySaveNoteStore,
  type HandlerStores,
  type LogFields,
  type Logger,
  type WalletHandlerOptions,
} from '../../src/server/index.js';
import { assertNoKeyLeaksAtEnd, captureLogger, card, clock, createHarness, entry, TEST_CARDS } from './helpers.js';

assertNoKeyLeaksAtEnd();

const WALLET_WRITE = /^\/v1\/customers\/[^/]+\/wallet$/;

/** A logger that keeps its lines for the test and for the file's leak check. */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep =
    (level: 'info' | 'warn' | 'error') =>
    (message: string, fields?: LogFields): void => {
      lines.push(`${level} ${message}`);
      captureLogger[level](message, fields);
    };
  return { lines, info: keep('info'), warn: keep('warn'), error: keep('error') };
}

const unreachable = (): Promise<never> => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.7:6379'));

describe('rate limit on saves, retried with their key', () => {
  it('counts a save once however often it is retried with its key after a failure, and refuses the next new save', async () => {
    const h = createHarness({ rateLimit: { adds: 3, windowMs: 60_000 } });
    const customerId = await h.backend.seedShopper([]);
    for (const [index, number] of [TEST_CARDS.visa.number, TEST_CARDS.mastercard.number, TEST_CARDS.amex.number].entries()) {
      const token = await h.token({ accountNumber: number });
      const send = () => h.call('POST', '/methods', { body: { token }, headers: { 'Idempotency-Key': `save-${index}` } });
      // The first attempt fails at the gateway twice; the key is released each time.
      h.backend.sandbox.faults.add({ status: 500, method: 'POST', path: WALLET_WRITE, times: 2 });
      assert.equal((await send()).status, 502);
      assert.equal((await send()).status, 502);
      const saved = await send();
      assert.equal(saved.status, 201, `save ${index} succeeds on its third try: ${saved.text}`);
    }
    assert.equal(h.wallet(customerId).length, 3);

    const fourth = await h.addCard(TEST_CARDS.discover.number, { key: 'save-3' });
    assert.equal(fourth.status, 429, 'three saves, three attempts');
    assert.equal(fourth.body.error.code, 'rate_limited');
    assert.equal(fourth.headers.get('Retry-After'), '60');
  });

  it('counts a retry whose save reached the gateway (answer lost) once too', async () => {
    const h = createHarness({ rateLimit: { adds: 1, windowMs: 60_000 } });
    const customerId = await h.backend.seedShopper([]);
    const token = await h.token();
    const send = () => h.call('POST', '/methods', { body: { token }, headers: { 'Idempotency-Key': 'lost' } });
    h.backend.sandbox.faults.add({ status: 503, method: 'POST', path: WALLET_WRITE, afterHandling: true, times: 1 });
    assert.equal((await send()).status, 502);
    const retried = await send();
    assert.equal(retried.status, 201, retried.text);
    assert.equal(h.wallet(customerId).length, 1);
    const replay = await send();
    assert.equal(replay.status, 201);
    assert.equal(replay.headers.get('Idempotent-Replayed'), 'true');
  });

  it('counts a request sent again without a key every time', async () => {
    const h = createHarness({ rateLimit: { adds: 1, windowMs: 60_000 } });
    await h.backend.seedShopper([]);
    const token = await h.token();
    h.backend.sandbox.faults.add({ status: 500, method: 'POST', path: WALLET_WRITE, times: 1 });
    assert.equal((await h.call('POST', '/methods', { body: { token } })).status, 502);
    assert.equal((await h.call('POST', '/methods', { body: { token } })).status, 429);
  });

  it('counts the same key with another body as another attempt', async () => {
    const h = createHarness({ rateLimit: { adds: 1, windowMs: 60_000 } });
    await h.backend.seedShopper([]);
    h.backend.sandbox.faults.add({ status: 500, method: 'POST', path: WALLET_WRITE, times: 1 });
    assert.equal((await h.addCard(TEST_CARDS.visa.number, { key: 'reused' })).status, 502);
    assert.equal((await h.addCard(TEST_CARDS.mastercard.number, { key: 'reused' })).status, 429);
  });
});

describe('rate limit on reads and changes', () => {
  it('limits reads per shopper, 429 with Retry-After, without asking the gateway, until the window ends', async () => {
    const time = clock();
    const h = createHarness({ rateLimit: { reads: 3, windowMs: 60_000 }, now: time.now });
    await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    for (let read = 0; read < 3; read++) assert.equal((await h.call('GET', '/methods')).status, 200);
    const gatewayReads = h.backend.sandbox.requests.length;
    const limited = await h.call('GET', '/methods');
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'rate_limited');
    assert.equal(limited.body.error.retryAfter, 60);
    assert.equal(limited.headers.get('Retry-After'), '60');
    assert.equal(h.backend.sandbox.requests.length, gatewayReads, 'the limited read never reached the gateway');

    await h.backend.seedShopper([]);
    assert.equal((await h.call('GET', '/methods')).status, 200, 'another shopper has a window of their own');

    time.advance(60_000);
    h.backend.signIn(null);
    assert.equal((await h.call('GET', '/methods')).status, 401, 'a request without a shopper is not counted');
  });

  it('limits make default and remove together per shopper, and the refused change writes nothing', async () => {
    const h = createHarness({ rateLimit: { changes: 2, windowMs: 60_000 } });
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number)]);
    const visa = entry(h.wallet(customerId), '4242').id;
    const mastercard = entry(h.wallet(customerId), '4444').id;
    assert.equal((await h.call('PUT', `/methods/${mastercard}/default`)).status, 200);
    assert.equal((await h.call('PUT', `/methods/${visa}/default`)).status, 200);
    const writes = h.gatewayWrites().length;
    const limited = await h.call('DELETE', `/methods/${visa}`);
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'rate_limited');
    assert.ok(Number(limited.headers.get('Retry-After')) > 0);
    assert.equal(h.gatewayWrites().length, writes);
    assert.equal(h.wallet(customerId).length, 2);
  });

  it('has generous defaults: a shopper reads and changes freely', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number)]);
    const ids = [entry(h.wallet(customerId), '4444').id, entry(h.wallet(customerId), '4242').id];
    for (let round = 0; round < 50; round++) {
      assert.equal((await h.call('GET', '/methods')).status, 200);
      assert.equal((await h.call('PUT', `/methods/${ids[round % 2]}/default`)).status, 200);
    }
  });

  it('refuses limits that cannot work, naming the option', () => {
    for (const rateLimit of [{ reads: 0 }, { changes: -1 }, { reads: Number.NaN }]) {
      assert.throws(
        () => createHarness({ rateLimit } as Partial<WalletHandlerOptions>),
        (error: Error) => error instanceof TypeError && /rateLimit\.(reads|changes)/.test(error.message),
      );
    }
  });
});

describe('a store that fails', () => {
  it('lets reads go on unlimited, and logs the outage once', async () => {
    const logger = recordingLogger();
    const h = createHarness({ stores: { rateLimit: { hit: unreachable } }, logger });
    await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    for (let read = 0; read < 3; read++) assert.equal((await h.call('GET', '/methods')).status, 200);
    assert.equal(logger.lines.filter(line => line.startsWith('error store failed')).length, 1);
    assert.ok(!logger.lines.some(line => line.includes('ECONNREFUSED')), 'the store’s own message (hosts, ports) is not logged');
  });

  it('answers 503 store_unavailable to a change, which never reaches the gateway', async () => {
    const h = createHarness({ stores: { rateLimit: { hit: unreachable } } });
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number)]);
    const mastercard = entry(h.wallet(customerId), '4444').id;
    for (const [method, route] of [
      ['PUT', `/methods/${mastercard}/default`],
      ['DELETE', `/methods/${mastercard}`],
    ] as const) {
      const answer = await h.call(method, route);
      assert.equal(answer.status, 503, `${method}: ${answer.text}`);
      assert.equal(answer.body.error.code, 'store_unavailable');
    }
    assert.deepEqual(h.gatewayWrites(), []);
    assert.equal(entry(h.wallet(customerId), '4444').default, false);
  });

  const failing: [string, () => HandlerStores][] = [
    ['the rate-limit store', () => ({ rateLimit: { hit: unreachable } })],
    [
      'the idempotency store',
      () => {
        const store = new MemoryIdempotencyStore();
        return { idempotency: Object.assign(store, { claim: unreachable }) };
      },
    ],
    [
      'the save-note store',
      () => {
        const store = new MemorySaveNoteStore();
        return { saveNotes: Object.assign(store, { note: unreachable }) };
      },
    ],
    ['the lock', () => ({ lock: { run: unreachable } })],
  ];
  for (const [name, stores] of failing) {
    it(`answers 503 store_unavailable to a save when ${name} fails, and writes nothing at the gateway`, async () => {
      const h = createHarness({ stores: stores() });
      const customerId = await h.backend.seedShopper([]);
      const answer = await h.addCard(TEST_CARDS.visa.number, { key: 'store-down' });
      assert.equal(answer.status, 503, answer.text);
      assert.deepEqual(answer.body.error.code, 'store_unavailable');
      assert.deepEqual(h.gatewayWrites(), []);
      assert.deepEqual(h.wallet(customerId), []);
    });
  }

  it('answers the saved method when only recording its answer fails, and a retry with the key stores nothing twice', async () => {
    const store = new MemoryIdempotencyStore();
    const h = createHarness({ stores: { idempotency: Object.assign(store, { put: unreachable }) } });
    const customerId = await h.backend.seedShopper([]);
    const token = await h.token();
    const send = () => h.call('POST', '/methods', { body: { token }, headers: { 'Idempotency-Key': 'unrecorded' } });
    const saved = await send();
    assert.equal(saved.status, 201, `the gateway holds the method, so the answer says so: ${saved.text}`);
    assert.equal(h.wallet(customerId).length, 1);
    const retried = await send();
    assert.equal(retried.status, 201, retried.text);
    assert.equal(retried.body.method.id, saved.body.method.id);
    assert.equal(h.wallet(customerId).length, 1);
  });

  it('answers a save’s unknown outcome as such when forgetting its key fails, never that nothing changed', async () => {
    const store = new MemoryIdempotencyStore();
    const h = createHarness({ stores: { idempotency: Object.assign(store, { release: unreachable }) } });
    const customerId = await h.backend.seedShopper([]);
    h.backend.sandbox.faults.add({ status: 500, method: 'POST', path: WALLET_WRITE, afterHandling: true, times: 1 });
    const answer = await h.addCard(TEST_CARDS.visa.number, { key: 'unforgotten' });
    assert.equal(answer.status, 502, answer.text);
    assert.equal(answer.body.error.code, 'gateway_error');
    assert.equal(h.wallet(customerId).length, 1, 'the gateway saved it before failing');
  });

  it('answers a save whose lease was lost at the gateway, and cannot be taken again, as an unknown outcome its retry finishes', async () => {
    let harness: ReturnType<typeof createHarness> | undefined;
    let takeFails = false;
    const lock = {
      async run<T>(_key: string, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
        if (takeFails) {
          takeFails = false;
          throw new Error('connect ECONNREFUSED 10.0.0.7:6379');
        }
        // The lease is lost once the save has reached the gateway, and the store stays down for the next take.
        const signal = {
          get aborted() {
            const lost = (harness?.gatewayWrites().length ?? 0) > 0 && !retrying;
            if (lost) takeFails = true;
            return lost;
          },
        } as AbortSignal;
        return task(signal);
      },
    };
    let retrying = false;
    const h = (harness = createHarness({ stores: { lock } }));
    const customerId = await h.backend.seedShopper([]);
    const token = await h.token();
    const send = () => h.call('POST', '/methods', { body: { token }, headers: { 'Idempotency-Key': 'lease-lost' } });
    const first = await send();
    assert.equal(first.status, 502, `the method stands at the gateway, unchecked: never "nothing changed" (${first.text})`);
    assert.equal(first.body.error.code, 'gateway_error');
    assert.equal(h.wallet(customerId).length, 1);
    retrying = true;
    const retried = await send();
    assert.equal(retried.status, 201, retried.text);
    assert.equal(h.wallet(customerId).length, 1);
  });

  it('answers the task’s own outcome when only the lock’s release fails', async () => {
    const h = createHarness({
      stores: {
        lock: {
          async run<T>(_key: string, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
            await task(new AbortController().signal);
            throw new Error('lease release failed');
          },
        },
      },
    });
    const customerId = await h.backend.seedShopper([]);
    const answer = await h.addCard(TEST_CARDS.visa.number, { key: 'release' });
    assert.equal(answer.status, 201, answer.text);
    assert.equal(h.wallet(customerId).length, 1);
  });
});
