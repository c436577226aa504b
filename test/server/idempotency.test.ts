/**
 * Idempotency (idempotency.ts): how long a pending claim lives, and a claim that expires while
 * its request still runs; through the real handler in front of the real sandbox.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryIdempotencyStore, type IdempotencyRecord } from '../../src/server/stores.js';
import { assertNoKeyLeaksAtEnd, clock, createHarness, NOW, TEST_CARDS, type Harness } from './helpers.js';

assertNoKeyLeaksAtEnd();

const WALLET_PATH = /^\/v1\/customers\/[^/]+\/wallet$/;

describe('pending idempotency claims', () => {
  it('a claim left pending by a crashed instance expires after the wait limit, not after a day', async () => {
    const time = clock();
    let crashed = true;
    const records: IdempotencyRecord[] = [];
    const shared = new MemoryIdempotencyStore();
    const store = {
      claim: (key: string, record: IdempotencyRecord, now: number) => (records.push(record), shared.claim(key, record, now)),
      get: (key: string, now: number) => shared.get(key, now),
      // A crashed instance never finishes its record nor releases it.
      put: async (key: string, record: IdempotencyRecord) => (crashed ? undefined : shared.put(key, record)),
      release: async (key: string, claimed: IdempotencyRecord) => (crashed ? undefined : shared.release(key, claimed)),
    };
    const h = createHarness({ now: time.now, timeoutMs: 50, stores: { idempotency: store } });
    const customerId = await h.backend.seedShopper([]);
    const token = await h.token();
    h.backend.sandbox.faults.add({ status: 503, method: 'POST', path: WALLET_PATH, times: 1 });
    const send = () => h.call('POST', '/methods', { body: { token }, headers: { 'Idempotency-Key': 'crash' } });
    assert.equal((await send()).status, 502);
    crashed = false;
    time.advance(60_000);
    const retry = await send();
    assert.equal(retry.status, 201);
    assert.equal(h.wallet(customerId).length, 1);
    assert.ok(records[0]!.expiresAt - NOW <= 2_000, `a pending claim lives ${records[0]!.expiresAt - NOW} ms, about the wait limit`);
    // The done record lives the full TTL.
    time.advance(23 * 3_600_000);
    const replay = await send();
    assert.equal(replay.headers.get('Idempotent-Replayed'), 'true');
  });
});

describe('a claim that expires while its request still runs', () => {
  it(
    'a retry after the pending claim expired waits for the running request instead of saving in parallel',
    { timeout: 10_000 },
    async t => {
      const time = clock();
      let release!: () => void;
      const gate = new Promise<void>(resolve => (release = resolve));
      let firstSaveStarted!: () => void;
      const firstSave = new Promise<void>(resolve => (firstSaveStarted = resolve));
      let saves = 0;
      // Counts finished SHA-256 digests: each request fingerprints its body right before it asks the
      // idempotency layer whether the key is running, so once a request's digest is done (and the
      // microtasks after it ran) it has either parked behind the first request or gone ahead.
      let digestsDone = 0;
      const subtle = crypto.subtle;
      const digest = subtle.digest.bind(subtle);
      t.mock.method(subtle, 'digest', async (...args: Parameters<SubtleCrypto['digest']>) => {
        const result = await digest(...args);
        digestsDone += 1;
        return result;
      });
      const until = async (condition: () => boolean, message: string) => {
        const deadline = performance.now() + 5_000;
        while (!condition()) {
          if (performance.now() > deadline) assert.fail(message);
          await new Promise(resolve => setImmediate(resolve));
        }
      };
      const h: Harness = createHarness({
        now: time.now,
        fetch: async (url, init) => {
          if (init.method === 'POST' && WALLET_PATH.test(new URL(url).pathname)) {
            saves += 1;
            // The first save hangs (a slow gateway) until the test lets it go.
            if (saves === 1) {
              firstSaveStarted();
              await gate;
            }
          }
          return h.backend.sandbox.handle(new Request(url, init));
        },
      });
      const customerId = await h.backend.seedShopper([]);
      const token = await h.token();
      const send = () => h.call('POST', '/methods', { body: { token }, headers: { 'Idempotency-Key': 'slow-save' } });
      const first = send();
      await Promise.race([
        firstSave,
        new Promise((_, reject) => setTimeout(() => reject(new Error('the first save never reached the gateway')), 5_000).unref()),
      ]);
      // Far beyond any pending lifetime: the store has forgotten the claim, the request still runs.
      time.advance(30 * 60_000);
      const digestsBefore = digestsDone;
      const second = send();
      const third = send();
      // Both duplicates fingerprinted their bodies, then one more turn of the event loop: each has
      // passed the point where it either waits for the first request or starts its own save.
      await until(() => digestsDone >= digestsBefore + 2, 'the duplicates never fingerprinted their bodies');
      await new Promise(resolve => setImmediate(resolve));
      assert.equal(saves, 1, 'no second save started while the first still runs');
      release();
      const answers = await Promise.all([first, second, third]);
      assert.deepEqual(
        answers.map(a => a.status),
        [201, 201, 201],
      );
      assert.equal(answers[1]!.headers.get('Idempotent-Replayed'), 'true');
      assert.equal(answers[2]!.headers.get('Idempotent-Replayed'), 'true');
      assert.equal(saves, 1);
      assert.equal(h.wallet(customerId).length, 1);
    },
  );

  it('a pending claim lives as long as an add can run at worst', async () => {
    const records: IdempotencyRecord[] = [];
    const shared = new MemoryIdempotencyStore();
    const store = {
      claim: (key: string, record: IdempotencyRecord, now: number) => (records.push(record), shared.claim(key, record, now)),
      get: (key: string, now: number) => shared.get(key, now),
      put: (key: string, record: IdempotencyRecord) => shared.put(key, record),
      release: (key: string, claimed: IdempotencyRecord) => shared.release(key, claimed),
    };
    const h = createHarness({ timeoutMs: 10_000, retry: { attempts: 3, baseDelayMs: 100 }, stores: { idempotency: store } });
    await h.backend.seedShopper([]);
    assert.equal((await h.addCard(TEST_CARDS.visa.number, { key: 'lifetime' })).status, 201);
    // 5 single calls + 7 retried reads/undos of 3 attempts (plus 100 + 200 ms backoff) + one timeout's margin.
    assert.equal(records[0]!.expiresAt - NOW, 5 * 10_000 + 7 * (3 * 10_000 + 300) + 10_000);
  });
});
