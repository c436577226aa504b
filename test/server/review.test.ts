/**
 * Regression tests for the security review's findings, each through the real
 * handler in front of the real sandbox.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_BANK_ACCOUNTS } from '../../src/sandbox/index.js';
import { assertSameSite } from '../../src/server/cross-site.js';
import type { GatewayFetch } from '../../src/server/gateway-client.js';
import { sanitizeUpstreamText } from '../../src/server/redact.js';
import { MemoryIdempotencyStore, type IdempotencyRecord } from '../../src/server/stores.js';
import {
  assertNoKeyLeaksAtEnd,
  captureLogger,
  card,
  clock,
  createHarness,
  entry,
  NOW,
  PRIVATE_KEY,
  TEST_CARDS,
  type Harness,
} from './helpers.js';

assertNoKeyLeaksAtEnd();

const WALLET_PATH = /^\/v1\/customers\/[^/]+\/wallet$/;

/** A gateway fetch that sends to the harness's sandbox and lets the test rewrite the answer body. */
function rewriting(
  getHarness: () => Harness,
  rewrite: (path: string, method: string, status: number, body: Record<string, unknown>) => Record<string, unknown> | void,
): GatewayFetch {
  return async (url, init) => {
    const response = await getHarness().backend.sandbox.handle(new Request(url, init));
    const text = await response.text();
    const body = JSON.parse(text) as Record<string, unknown>;
    const changed = rewrite(new URL(url).pathname, init.method, response.status, body) ?? body;
    return new Response(JSON.stringify(changed), { status: response.status, headers: response.headers });
  };
}

describe('review 1: allowedOrigins and Origin: null', () => {
  for (const bad of ['localhost:3000', 'shop.example:443', 'file:///srv/shop/index.html', 'ftp://shop.example', 'null']) {
    it(`refuses the configuration entry ${JSON.stringify(bad)} with a clear error`, () => {
      assert.throws(
        () => createHarness({ allowedOrigins: [bad] }),
        (error: Error) => error instanceof TypeError && /allowedOrigins .*http\(s\) origin/.test(error.message),
      );
    });
  }

  it('never lets Origin: null through, nor gives it CORS headers, even with allowed origins configured', async () => {
    const h = createHarness({ allowedOrigins: ['https://checkout.example', 'http://localhost:3000'] });
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number)]);
    const target = entry(h.wallet(customerId), '4444').id;
    for (const headers of <Record<string, string>[]>[
      { Origin: 'null', 'Sec-Fetch-Site': 'cross-site' },
      { Origin: 'null' },
      { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
    ]) {
      const answer = await h.call('PUT', `/methods/${target}/default`, { headers });
      assert.equal(answer.status, 403, JSON.stringify(headers));
      assert.equal(answer.headers.get('Access-Control-Allow-Origin'), null);
    }
    const preflight = await h.backend.fetch(h.backend.url(`/methods/${target}/default`), {
      method: 'OPTIONS',
      headers: { Origin: 'null', 'Access-Control-Request-Method': 'PUT' },
    });
    assert.equal(preflight.headers.get('Access-Control-Allow-Origin'), null);
    assert.equal(
      h
        .wallet(customerId)
        .find(m => m.default)
        ?.accountNumber.endsWith('4242'),
      true,
    );
  });

  it('refuses Origin: null in the check even if "null" were in the allowed set', () => {
    const request = new Request('http://localhost/api/wallet/methods', {
      method: 'POST',
      headers: { Origin: 'null', 'Sec-Fetch-Site': 'cross-site' },
    });
    assert.throws(() => assertSameSite(request, new Set(['null'])), { code: 'forbidden' });
    const noFetchMeta = new Request('http://localhost/api/wallet/methods', { method: 'POST', headers: { Origin: 'null' } });
    assert.throws(() => assertSameSite(noFetchMeta, new Set(['null'])), { code: 'forbidden' });
  });
});

describe('review 2: a save whose answer was lost', () => {
  it('a concurrent duplicate shares the failure instead of sending the save again; the retry then completes', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    const token = await h.token({ accountNumber: TEST_CARDS.mastercard.number });
    h.backend.sandbox.faults.add({ status: 502, method: 'POST', path: WALLET_PATH, times: 1, afterHandling: true, latencyMs: 20 });
    const send = () => h.call('POST', '/methods', { body: { token, makeDefault: true }, headers: { 'Idempotency-Key': 'lost-double' } });
    const [a, b] = await Promise.all([send(), send()]);
    assert.deepEqual([a.status, b.status], [502, 502]);
    assert.equal(h.gatewayWrites().filter(w => w.method === 'POST').length, 1, 'the waiter did not send the save again');
    const retry = await send();
    assert.equal(retry.status, 201);
    assert.equal(retry.body.method.brand, 'mastercard');
    assert.equal(retry.body.method.isDefault, true, 'makeDefault still runs after the replayed save');
    assert.equal(h.wallet(customerId).length, 2);
    assert.ok(entry(h.wallet(customerId), '4444').default);
  });

  it('completes the retry when the lost save filled the wallet', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([
      card(TEST_CARDS.visa.number),
      card(TEST_CARDS.mastercard.number),
      card(TEST_CARDS.amex.number),
    ]);
    const token = await h.token({ accountNumber: TEST_CARDS.discover.number });
    h.backend.sandbox.faults.add({ status: 504, method: 'POST', path: WALLET_PATH, times: 1, afterHandling: true });
    const send = () => h.call('POST', '/methods', { body: { token }, headers: { 'Idempotency-Key': 'lost-fourth' } });
    assert.equal((await send()).status, 502);
    const retry = await send();
    assert.equal(retry.status, 201);
    assert.equal(retry.body.method.brand, 'discover');
    assert.equal(h.wallet(customerId).length, 4);
  });

  it('a lazily created customer whose answer was lost is created once', async () => {
    const accounts = new Map<string, string>();
    const h = createHarness({
      customerFor: () => accounts.get('alice') ?? null,
      createCustomer: {
        profileFor: () => ({ firstName: 'Alice', emailAddress: 'alice@example.test' }),
        onCreated: (_request, id) => void accounts.set('alice', id),
      },
    });
    const token = await h.token();
    h.backend.sandbox.faults.add({ status: 502, method: 'POST', path: /^\/v1\/customers$/, times: 1, afterHandling: true });
    const send = () => h.call('POST', '/methods', { body: { token }, headers: { 'Idempotency-Key': 'lost-customer' } });
    assert.equal((await send()).status, 502);
    const retry = await send();
    assert.equal(retry.status, 201);
    assert.equal(h.backend.sandbox.state.customerIds().length, 1);
    assert.equal(h.wallet(accounts.get('alice')).length, 1);
  });
});

describe('review 3: undoing a duplicate save', () => {
  it('retries the compensating DELETE and answers duplicate', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    h.backend.sandbox.faults.add({ status: 503, method: 'DELETE', path: /\/wallet\/[^/]+$/, times: 2 });
    const answer = await h.addCard(TEST_CARDS.visa.number, { key: 'dup-retry' });
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error.code, 'duplicate');
    assert.equal(h.wallet(customerId).length, 1);
  });

  it('answers 502 (not remembered) when the DELETE keeps failing, logging the method id; the retry with the same key ends in 409 duplicate', async () => {
    const lines: string[] = [];
    const h = createHarness({
      logger: {
        ...captureLogger,
        error: (message, fields) => (captureLogger.error(message, fields), lines.push(`${message} ${JSON.stringify(fields)}`)),
      },
    });
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    h.backend.sandbox.faults.add({ status: 503, method: 'DELETE', path: /\/wallet\/[^/]+$/ });
    const token = await h.token();
    const send = () => h.call('POST', '/methods', { body: { token }, headers: { 'Idempotency-Key': 'dup-stuck' } });
    const first = await send();
    assert.equal(first.status, 502);
    assert.equal(first.body.error.code, 'gateway_error');
    const stranded = h.wallet(customerId).find(m => !m.default)!;
    const line = lines.find(l => l.startsWith('could not remove a duplicate'));
    assert.ok(line?.includes(stranded.id), `the log names the method: ${line}`);
    assert.ok(!line!.includes('4242424242424242'));
    assert.ok(h.backend.sandbox.requests.filter(r => r.method === 'DELETE').length > 1, 'the DELETE was retried');
    assert.equal(h.wallet(customerId).length, 2, 'the duplicate is still stored');
    // The gateway recovers; the add form retries the gateway_error with the same key.
    h.backend.sandbox.faults.clear();
    const retry = await send();
    assert.equal(retry.status, 409);
    assert.equal(retry.body.error.code, 'duplicate');
    assert.equal(retry.headers.get('Idempotent-Replayed'), null);
    assert.equal(h.wallet(customerId).length, 1, 'the duplicate is gone');
    assert.equal(retry.body.error.existingMethodId, h.wallet(customerId)[0]!.id);
    // The token was consumed once: the retry's save was the gateway replaying the first.
    assert.equal(
      h.wallet(customerId).some(m => m.id === stranded.id),
      false,
    );
    // From now on the final answer is replayed.
    const again = await send();
    assert.equal(again.status, 409);
    assert.equal(again.headers.get('Idempotent-Replayed'), 'true');
  });
});

describe('review 4: pending idempotency claims', () => {
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
      release: async (key: string) => (crashed ? undefined : shared.release(key)),
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
    assert.ok(records[0]!.expiresAt - NOW <= 1_000, `a pending claim lives ${records[0]!.expiresAt - NOW} ms, about the wait limit`);
    // The done record lives the full TTL.
    time.advance(23 * 3_600_000);
    const replay = await send();
    assert.equal(replay.headers.get('Idempotent-Replayed'), 'true');
  });
});

describe('follow-up: a claim that expires while its request still runs', () => {
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
      release: (key: string) => shared.release(key),
    };
    const h = createHarness({ timeoutMs: 10_000, retry: { attempts: 3, baseDelayMs: 100 }, stores: { idempotency: store } });
    await h.backend.seedShopper([]);
    assert.equal((await h.addCard(TEST_CARDS.visa.number, { key: 'lifetime' })).status, 201);
    // 4 single calls + 4 retried reads/undos of 3 attempts (plus 100 + 200 ms backoff) + one timeout's margin.
    assert.equal(records[0]!.expiresAt - NOW, 4 * 10_000 + 4 * (3 * 10_000 + 300) + 10_000);
  });
});

describe('review 5: wallet_full only for a full wallet', () => {
  it('maps a field error that mentions a maximum to invalid_request with the field', async () => {
    const h: Harness = createHarness({
      fetch: rewriting(
        () => h,
        (path, method, status, body) => {
          if (method === 'POST' && WALLET_PATH.test(path) && status === 400) {
            return {
              ...body,
              errors: [
                {
                  type: 'VALIDATION',
                  field: 'billingAddress.postalCode',
                  message: 'billingAddress.postalCode exceeds the maximum length.',
                },
              ],
            };
          }
        },
      ),
    });
    await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    const answer = await h.call('POST', '/methods', {
      body: { token: await h.token({ accountNumber: TEST_CARDS.mastercard.number }), billingAddress: { postalCode: '12345678901' } },
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, 'invalid_request');
    assert.equal(answer.body.error.field, 'billingAddress.postalCode');
  });

  it('maps the gateway refusing a fifth method (filled by another tab since the read) to wallet_full', async () => {
    let otherTab: string | null = null;
    const h: Harness = createHarness({
      fetch: async (url, init) => {
        if (otherTab && init.method === 'POST' && WALLET_PATH.test(new URL(url).pathname)) {
          const token = otherTab;
          otherTab = null;
          const saved = await h.backend.sandbox.handle(
            new Request(url, {
              method: 'POST',
              headers: { 'x-api-key': PRIVATE_KEY, 'Content-Type': 'application/json' },
              body: JSON.stringify({ token }),
            }),
          );
          assert.equal(saved.status, 200);
        }
        return h.backend.sandbox.handle(new Request(url, init));
      },
    });
    const customerId = await h.backend.seedShopper([
      card(TEST_CARDS.visa.number),
      card(TEST_CARDS.mastercard.number),
      card(TEST_CARDS.amex.number),
    ]);
    otherTab = await h.token({ accountNumber: TEST_CARDS.discover.number });
    const answer = await h.call('POST', '/methods', { body: { token: await h.token({ accountNumber: TEST_CARDS.visaAlt.number }) } });
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error.code, 'wallet_full');
    assert.equal(h.wallet(customerId).length, 4);
  });
});

describe('review 6: bank accounts sharing their last 4', () => {
  it('saves two different bank accounts ending in the same digits, and still refuses the same one twice', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([]);
    const checking = {
      accountNumber: TEST_BANK_ACCOUNTS.checking.accountNumber,
      routingNumber: TEST_BANK_ACCOUNTS.checking.routingNumber,
      accountType: 0 as const,
    };
    const savings = { accountNumber: '000555556789', routingNumber: TEST_BANK_ACCOUNTS.savings.routingNumber, accountType: 1 as const };
    const a = await h.call('POST', '/methods', { body: { token: await h.token({ bank: checking }) } });
    assert.equal(a.status, 201);
    const b = await h.call('POST', '/methods', { body: { token: await h.token({ bank: savings }) } });
    assert.equal(b.status, 201, JSON.stringify(b.body));
    assert.equal(b.body.method.last4, a.body.method.last4);
    const again = await h.call('POST', '/methods', { body: { token: await h.token({ bank: checking }) } });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'duplicate');
    assert.equal(again.body.error.existingMethodId, a.body.method.id);
    assert.equal(h.wallet(customerId).length, 2);
  });
});

describe('review 7: redaction of upstream text', () => {
  const UUID = '9b2f1c3e-0000-4000-8000-000000000001';
  const AT = '2026-11-23T12:00:00.000Z';

  it('removes a bank-account-length number from a gateway message, keeping ids and timestamps', async () => {
    const h: Harness = createHarness({
      fetch: rewriting(
        () => h,
        (path, method, status, body) => {
          if (method === 'POST' && WALLET_PATH.test(path) && status === 400) {
            return {
              ...body,
              errors: [{ type: 'VALIDATION', field: 'token', message: `Account 123456789 was refused (request ${UUID} at ${AT}).` }],
            };
          }
        },
      ),
    });
    await h.backend.seedShopper([]);
    const answer = await h.call('POST', '/methods', { body: { token: crypto.randomUUID() } });
    assert.equal(answer.status, 400);
    const message: string = answer.body.error.message;
    assert.ok(!message.includes('123456789 '), message);
    assert.match(message, /\[redacted\]/);
    assert.ok(message.includes(UUID), message);
    assert.ok(message.includes(AT), message);
  });

  it('sanitizeUpstreamText: 7-20 digit runs go; UUIDs, dates and short numbers stay', () => {
    const clean = (text: string) => sanitizeUpstreamText(text, t => t)!;
    assert.equal(clean('acct 1234567 and 4242 4242 4242 4242'), 'acct [redacted] and [redacted]');
    assert.equal(clean('acct 000-123-456789.'), 'acct [redacted].');
    assert.equal(clean(`id ${UUID} at ${AT}, at 2026-11-23 12:00`), `id ${UUID} at ${AT}, at 2026-11-23 12:00`);
    assert.equal(clean('id 12345678-1234-1234-1234-123456789012'), 'id 12345678-1234-1234-1234-123456789012');
    assert.equal(clean('max 123456 characters, req_123456789012'), 'max 123456 characters, req_123456789012');
  });

  it('sanitizeUpstreamText: digit runs go wherever they stand and however long; only UUIDs, ISO dates/timestamps and req_ ids stay', () => {
    const clean = (text: string) => sanitizeUpstreamText(text, t => t)!;
    assert.equal(clean('pan-4111111111111111 rejected'), 'pan-[redacted] rejected');
    assert.equal(clean('pan_4111111111111111'), 'pan_[redacted]');
    assert.equal(clean('card4111111111111111x'), 'card[redacted]x');
    assert.equal(clean('acct 123456789012345678901234'), 'acct [redacted]');
    assert.equal(clean('4111 1111 1111 1111-'), '[redacted]-');
    assert.equal(clean('4111-1111-1111-1111 bad'), '[redacted] bad');
    assert.equal(clean('4111-11-11-1111111'), '[redacted]');
    assert.equal(clean(`${UUID}-4111111111111111`), `${UUID}-[redacted]`);
    assert.equal(clean('req_abc-4111111111111111'), 'req_abc-[redacted]');
    // A date that runs straight on into more digits is not told apart from a number: it goes too.
    assert.equal(clean('on 2026-11-23 4111111111111111'), 'on [redacted]');
    assert.equal(clean('on 2026-11-23, 4111111111111111'), 'on 2026-11-23, [redacted]');
    assert.equal(
      clean(`id ${UUID} req_123456789012 at ${AT} and 2026-11-23T12:00:00+01:00 on 2026-11-23`),
      `id ${UUID} req_123456789012 at ${AT} and 2026-11-23T12:00:00+01:00 on 2026-11-23`,
    );
    assert.equal(clean('max 123456 characters'), 'max 123456 characters');
  });

  it('sanitizeUpstreamText: a card-length digit run does not survive inside a req_ id', () => {
    const clean = (text: string) => sanitizeUpstreamText(text, t => t)!;
    assert.equal(clean('req_4111111111111111'), 'req_[redacted]');
    assert.equal(clean('request req_ab4111111111111111cd failed'), 'request req_ab[redacted]cd failed');
    assert.equal(clean('req_1234567890123456789012'), 'req_[redacted]');
    assert.equal(clean('req_123456789012 req_01HXYZ123'), 'req_123456789012 req_01HXYZ123');
  });
});

describe('review 8: keys of shoppers without an eCrypt customer', () => {
  it('two new shoppers sending the same key do not share an answer or a customer', async () => {
    let session = 'alice';
    const accounts = new Map<string, string>();
    const h = createHarness({
      customerFor: () => accounts.get(session) ?? null,
      createCustomer: {
        profileFor: () => ({ firstName: session, emailAddress: `${session}@example.test` }),
        onCreated: (_request, id) => void accounts.set(session, id),
      },
    });
    const alice = await h.addCard(TEST_CARDS.visa.number, { key: 'same-key' });
    session = 'bob';
    const bob = await h.addCard(TEST_CARDS.mastercard.number, { key: 'same-key' });
    assert.equal(alice.status, 201);
    assert.equal(bob.status, 201, JSON.stringify(bob.body));
    assert.equal(bob.headers.get('Idempotent-Replayed'), null);
    assert.equal(h.backend.sandbox.state.customerIds().length, 2);
    assert.equal(h.wallet(accounts.get('bob')).length, 1);
    assert.equal(h.wallet(accounts.get('bob'))[0]!.network, 'mastercard');
  });
});

describe('review 9: unreadable creation times', () => {
  for (const created of [1e300, -1e20, 'yesterday', '42']) {
    it(`answers 502 gateway_error for created = ${JSON.stringify(created)}`, async () => {
      const h: Harness = createHarness({
        fetch: rewriting(
          () => h,
          (path, method, _status, body) => {
            if (method === 'GET' && WALLET_PATH.test(path))
              return { ...body, wallet: (body.wallet as Record<string, unknown>[]).map(item => ({ ...item, created })) };
          },
        ),
      });
      await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
      const answer = await h.call('GET', '/methods');
      assert.equal(answer.status, 502);
      assert.equal(answer.body.error.code, 'gateway_error');
    });
  }
});

describe('follow-up: replayed saves, full wallets and reused keys', () => {
  it('a replayed save whose entry was removed since answers 409 idempotency_conflict, not an invented method', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    const token = await h.token({ accountNumber: TEST_CARDS.mastercard.number });
    const send = () => h.call('POST', '/methods', { body: { token }, headers: { 'Idempotency-Key': 'lost-then-removed' } });
    h.backend.sandbox.faults.add({ status: 504, method: 'POST', path: WALLET_PATH, times: 1, afterHandling: true });
    assert.equal((await send()).status, 502);
    const saved = entry(h.wallet(customerId), '4444');
    assert.equal((await h.call('DELETE', `/methods/${saved.id}`)).status, 200);
    const retry = await send();
    assert.equal(retry.status, 409);
    assert.equal(retry.body.error.code, 'idempotency_conflict');
    assert.match(retry.body.error.message, /removed/);
    assert.equal(retry.body.method, undefined);
    assert.equal(h.wallet(customerId).length, 1);
    const list = await h.call('GET', '/methods');
    assert.deepEqual(
      list.body.methods.map((m: { id: string }) => m.id),
      [h.wallet(customerId)[0]!.id],
    );
  });

  it("does not trust a replayed save's isDefault: a retry asking for the default gets it", async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([]);
    const token = await h.token({ accountNumber: TEST_CARDS.visa.number });
    const send = () => h.call('POST', '/methods', { body: { token, makeDefault: true }, headers: { 'Idempotency-Key': 'stale-default' } });
    h.backend.sandbox.faults.add({ status: 504, method: 'POST', path: WALLET_PATH, times: 1, afterHandling: true });
    assert.equal((await send()).status, 502);
    // Saved as the first (so default) method; another card has become the default since.
    assert.equal((await h.addCard(TEST_CARDS.mastercard.number, { makeDefault: true })).status, 201);
    assert.equal(entry(h.wallet(customerId), '4242').default, false);
    const retry = await send();
    assert.equal(retry.status, 201);
    assert.equal(retry.body.method.last4, '4242');
    assert.equal(retry.body.method.isDefault, true);
    assert.equal(entry(h.wallet(customerId), '4242').default, true);
    assert.equal(h.wallet(customerId).length, 2);
  });

  it('refuses a full wallet with 409 wallet_full without a gateway save, also with a fresh Idempotency-Key', async () => {
    const h = createHarness();
    const numbers = [TEST_CARDS.visa.number, TEST_CARDS.mastercard.number, TEST_CARDS.amex.number, TEST_CARDS.discover.number];
    const customerId = await h.backend.seedShopper(numbers.map(n => card(n)));
    assert.equal(h.wallet(customerId).length, 4);
    const answer = await h.addCard(TEST_CARDS.visa.number, { key: 'fresh-key', expires: '0237' });
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error.code, 'wallet_full');
    assert.equal(h.backend.sandbox.requests.filter(r => r.method === 'POST' && WALLET_PATH.test(r.path)).length, 0, 'no gateway save');
  });

  it('a client key reused with another token does not replay the first card upstream', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([]);
    const send = async (number: string) =>
      h.call('POST', '/methods', {
        body: { token: await h.token({ accountNumber: number }) },
        headers: { 'Idempotency-Key': 'reused-key' },
      });
    h.backend.sandbox.faults.add({ status: 504, method: 'POST', path: WALLET_PATH, times: 1, afterHandling: true });
    assert.equal((await send(TEST_CARDS.visa.number)).status, 502);
    const other = await send(TEST_CARDS.mastercard.number);
    assert.equal(other.status, 201);
    assert.equal(other.body.method.last4, '4444');
    assert.equal(h.wallet(customerId).length, 2);
  });
});

describe('follow-up: a lost save that filled the wallet', () => {
  it('the retry with the same key and body completes (201), although the wallet now reads full', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([
      card(TEST_CARDS.visa.number),
      card(TEST_CARDS.mastercard.number),
      card(TEST_CARDS.amex.number),
    ]);
    const token = await h.token({ accountNumber: TEST_CARDS.discover.number });
    const send = () => h.call('POST', '/methods', { body: { token }, headers: { 'Idempotency-Key': 'fills-it' } });
    h.backend.sandbox.faults.add({ status: 504, method: 'POST', path: WALLET_PATH, times: 1, afterHandling: true });
    assert.equal((await send()).status, 502);
    assert.equal(h.wallet(customerId).length, 4);
    const retry = await send();
    assert.equal(retry.status, 201);
    assert.equal(retry.body.method.last4, '1117');
    assert.equal(h.wallet(customerId).length, 4);
  });
});
