/**
 * The handler facing a misbehaving gateway: slow, failing, garbled, or
 * echoing the key; and the tolerant reading of gateway answers.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sandboxFetch } from '../../src/sandbox/index.js';
import { brandFromNetwork, camelize, normalizeMethod, readRequestId, readWalletList } from '../../src/server/normalize.js';
import { assertNoKeyLeaksAtEnd, captureLogger, card, createHarness, PRIVATE_KEY, TEST_CARDS } from './helpers.js';

assertNoKeyLeaksAtEnd();

const WALLET_PATH = /^\/v1\/customers\/[^/]+\/wallet$/;

describe('gateway timeouts', () => {
  it('answers 504 gateway_timeout when the gateway is slower than timeoutMs, aborting the call', { timeout: 5_000 }, async () => {
    const timeoutMs = 100;
    const h = createHarness({ timeoutMs });
    await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    // Far longer than any test timeout: only the handler's abort can end this call.
    h.backend.sandbox.faults.add({ latencyMs: 600_000, method: 'GET', path: WALLET_PATH });
    const started = performance.now();
    const answer = await h.call('GET', '/methods');
    const elapsed = performance.now() - started;
    assert.equal(answer.status, 504);
    assert.ok(elapsed < timeoutMs + 1_000, `answered in time (${Math.round(elapsed)} ms)`);
    assert.equal(answer.body.error.code, 'gateway_timeout');
    const calls = h.backend.sandbox.requests.filter(r => r.method === 'GET' && WALLET_PATH.test(r.path));
    // Status 0: the sandbox saw the request aborted, not answered; a timeout is not retried.
    assert.deepEqual(
      calls.map(r => r.status),
      [0],
    );
  });

  it('answers 504 for a slow save and never retries it', async () => {
    const h = createHarness({ timeoutMs: 100 });
    await h.backend.seedShopper([]);
    h.backend.sandbox.faults.add({ latencyMs: 5_000, method: 'POST', path: WALLET_PATH });
    const answer = await h.addCard(TEST_CARDS.visa.number);
    assert.equal(answer.status, 504);
    assert.equal(h.gatewayWrites().filter(w => w.method === 'POST').length, 1);
  });

  it('times out even when the injected fetch ignores the abort signal', { timeout: 5_000 }, async () => {
    const timeoutMs = 50;
    const h = createHarness({ timeoutMs, fetch: () => new Promise<Response>(() => {}) });
    await h.backend.seedShopper([]);
    const started = performance.now();
    const answer = await h.call('GET', '/methods');
    const elapsed = performance.now() - started;
    assert.equal(answer.status, 504);
    assert.ok(elapsed < timeoutMs + 1_000, `answered in time (${Math.round(elapsed)} ms)`);
  });
});

describe('gateway retries', () => {
  it('retries a GET after 5xx and 429 with backoff, then succeeds', async t => {
    const h = createHarness({ retry: { attempts: 3, baseDelayMs: 50 } });
    await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    h.backend.sandbox.faults.add({ status: 503, method: 'GET', path: WALLET_PATH, times: 1 });
    h.backend.sandbox.faults.add({ status: 429, method: 'GET', path: WALLET_PATH, times: 1 });
    // The backoff is jittered to 50–100 % of 50 ms, then of 100 ms; pin the jitter at its
    // top so the two waits are exactly 50 + 100 ms.
    t.mock.method(Math, 'random', () => 1);
    const started = performance.now();
    const answer = await h.call('GET', '/methods');
    const elapsed = performance.now() - started;
    t.mock.restoreAll();
    assert.ok(elapsed >= 140, `two retries waited 50 + 100 ms of backoff (took ${Math.round(elapsed)} ms)`);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.methods.length, 1);
    assert.deepEqual(
      h.backend.sandbox.requests.map(r => r.status),
      [503, 429, 200],
    );
  });

  it('retries a GET after a dropped connection', async () => {
    const h = createHarness();
    await h.backend.seedShopper([]);
    h.backend.sandbox.faults.add({ dropConnection: true, method: 'GET', path: WALLET_PATH, times: 1 });
    assert.equal((await h.call('GET', '/methods')).status, 200);
    assert.equal(h.backend.sandbox.requests.length, 2);
  });

  it('gives up after the configured attempts with 502 gateway_error', async () => {
    const h = createHarness({ retry: { attempts: 2, baseDelayMs: 1 } });
    await h.backend.seedShopper([]);
    h.backend.sandbox.faults.add({ status: 500, method: 'GET', path: WALLET_PATH });
    const answer = await h.call('GET', '/methods');
    assert.equal(answer.status, 502);
    assert.equal(answer.body.error.code, 'gateway_error');
    assert.equal(typeof answer.body.error.requestId, 'string', 'the gateway request id is passed on');
    assert.equal(h.backend.sandbox.requests.length, 2);
  });

  it('never retries a write: a 503 on save is answered 502 after one attempt, nothing stored', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([]);
    h.backend.sandbox.faults.add({ status: 503, method: 'POST', path: WALLET_PATH });
    const answer = await h.addCard(TEST_CARDS.visa.number);
    assert.equal(answer.status, 502);
    assert.equal(h.gatewayWrites().length, 1);
    assert.equal(h.wallet(customerId).length, 0);
  });

  it('does not retry PUT or DELETE after a dropped connection', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number)]);
    const [newest] = h.wallet(customerId);
    h.backend.sandbox.faults.add({ dropConnection: true, method: 'PUT' });
    h.backend.sandbox.faults.add({ dropConnection: true, method: 'DELETE' });
    assert.equal((await h.call('PUT', `/methods/${newest!.id}/default`)).status, 502);
    assert.equal((await h.call('DELETE', `/methods/${newest!.id}`)).status, 502);
    assert.equal(h.gatewayWrites().length, 2);
  });
});

describe('garbage from the gateway', () => {
  it('answers 502 to a malformed body and keeps serving', async () => {
    const h = createHarness({ retry: { attempts: 1, baseDelayMs: 1 } });
    await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    h.backend.sandbox.faults.add({ malformedBody: true, method: 'GET', path: WALLET_PATH, times: 1 });
    const answer = await h.call('GET', '/methods');
    assert.equal(answer.status, 502);
    assert.equal(answer.body.error.code, 'gateway_error');
    assert.equal((await h.call('GET', '/methods')).status, 200, 'the next request is served normally');
  });

  const shapes: [string, () => Response][] = [
    ['an HTML error page', () => new Response('<html>Bad gateway</html>', { status: 200, headers: { 'Content-Type': 'text/html' } })],
    ['a list that is not a list', () => Response.json({ wallet: 'nope' })],
    ['an entry without an id', () => Response.json({ wallet: [{ network: 'visa', accountNumber: '4***1111', created: '2026-01-01' }] })],
    [
      'an entry whose id would escape a URL',
      () => Response.json({ wallet: [{ id: '../../v1/customers', network: 'visa', accountNumber: '4***1111', created: '2026-01-01' }] }),
    ],
    ['null', () => Response.json(null)],
    ['an empty body', () => new Response('')],
    ['deeply nested JSON', () => new Response('['.repeat(5000) + ']'.repeat(5000))],
  ];
  for (const [name, respond] of shapes) {
    it(`answers 502 gateway_error to ${name}`, async () => {
      const h = createHarness({ fetch: async () => respond() });
      await h.backend.seedShopper([]);
      const answer = await h.call('GET', '/methods');
      assert.equal(answer.status, 502);
      assert.equal(answer.body.error.code, 'gateway_error');
    });
  }

  it('maps a gateway 401 (wrong key) to 502 without echoing anything about the key', async () => {
    const h = createHarness();
    await h.backend.seedShopper([]);
    const wrongKey = createHarness({ privateKey: `${PRIVATE_KEY}-wrong`, fetch: sandboxFetch(h.backend.sandbox) });
    wrongKey.backend.signIn(h.backend.customerId);
    const answer = await wrongKey.call('GET', '/methods');
    assert.equal(answer.status, 502);
    assert.equal(answer.body.error.code, 'gateway_error');
    assert.match(answer.body.error.message, /credentials/);
  });
});

describe('the private key stays on the server', () => {
  it('redacts the key, and card-like numbers, from gateway messages that echo them', async () => {
    const echo = `x-api-key ${PRIVATE_KEY} is invalid for card 4242 4242 4242 4242`;
    const h = createHarness({
      fetch: async () =>
        Response.json({ requestId: 'req-12345678', errors: [{ type: 'VALIDATION', message: echo, field: 'token' }] }, { status: 400 }),
    });
    await h.backend.seedShopper([]);
    const answer = await h.addCard(TEST_CARDS.visa.number);
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.field, 'token');
    assert.equal(answer.body.error.requestId, 'req-12345678');
    assert.ok(!answer.text.includes(PRIVATE_KEY));
    assert.ok(!answer.text.replace(/\s/g, '').includes('4242424242424242'));
    assert.match(answer.body.error.message, /\[redacted\]/);
  });

  it('keeps the key out of answers even when a merchant hook puts it in a reason', async () => {
    const h = createHarness({ canRemove: () => ({ allowed: false, reason: `blocked by ${PRIVATE_KEY}` }) });
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    const answer = await h.call('DELETE', `/methods/${h.wallet(customerId)[0]!.id}`);
    assert.equal(answer.status, 409);
    assert.ok(!answer.text.includes(PRIVATE_KEY));
  });

  it('keeps the key out of log lines even when a hook throws with it', async () => {
    const lines: string[] = [];
    const logger = {
      info: (m: string, f?: object) => (captureLogger.info(m, f as never), lines.push(m + JSON.stringify(f ?? {}))),
      warn: (m: string, f?: object) => (captureLogger.warn(m, f as never), lines.push(m + JSON.stringify(f ?? {}))),
      error: (m: string, f?: object) => (captureLogger.error(m, f as never), lines.push(m + JSON.stringify(f ?? {}))),
    };
    const h = createHarness({
      logger,
      customerFor: () => {
        throw new Error(`cannot use ${PRIVATE_KEY}`);
      },
    });
    assert.equal((await h.call('GET', '/methods')).status, 500);
    assert.ok(lines.some(line => line.includes('unhandled error') && line.includes('[redacted]')));
    assert.ok(lines.every(line => !line.includes(PRIVATE_KEY)));
  });

  it('keeps card-like numbers out of log lines, keeping the gateway ids an operator looks up', async () => {
    const lines: string[] = [];
    const keep = (level: 'info' | 'warn' | 'error') => (m: string, f?: object) => (
      captureLogger[level](m, f as never),
      lines.push(`${m} ${JSON.stringify(f ?? {})}`)
    );
    const h = createHarness({
      logger: { info: keep('info'), warn: keep('warn'), error: keep('error') },
      canRemove: () => {
        throw new Error(`subscription on card ${TEST_CARDS.visaAlt.number} (account 000123456789)`);
      },
    });
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    // A failing policy leaves the list readable (unmarked); a removal needs its answer.
    assert.equal((await h.call('GET', '/methods')).status, 200);
    assert.equal((await h.call('DELETE', `/methods/${h.wallet(customerId)[0]!.id}`)).status, 500);
    const failure = lines.find(line => line.startsWith('unhandled error'));
    assert.ok(failure?.includes('[redacted]'), failure);
    assert.ok(lines.every(line => !line.includes(TEST_CARDS.visaAlt.number) && !line.includes('000123456789')));
    const call = lines.find(line => line.startsWith('gateway call'));
    assert.match(call ?? '', /"requestId":"[0-9a-f-]{36}"/, 'the gateway request id is logged whole');
  });

  it('answers 500 when customerFor answers something that is not an id, and creates no customer', async () => {
    let created = 0;
    const h = createHarness({
      customerFor: () => 12345678 as unknown as string,
      createCustomer: { profileFor: () => ({ merchantIdentifier: 'acct-1' }), onCreated: () => void (created += 1) },
    });
    for (const [method, route] of [
      ['GET', '/methods'],
      ['POST', '/methods'],
    ] as const) {
      const answer = await h.call(method, route, method === 'POST' ? { body: { token: await h.token() } } : {});
      assert.equal(answer.status, 500, `${method} ${route}`);
      assert.equal(answer.body.error.code, 'internal_error');
    }
    assert.equal(created, 0);
    assert.equal(h.backend.sandbox.state.customerIds().length, 0);
  });

  it('refuses a configuration that would serve the private key as the public one', async () => {
    assert.throws(
      () => createHarness({ publicKey: PRIVATE_KEY }),
      (error: Error) => /publicKey/.test(error.message) && !error.message.includes(PRIVATE_KEY),
    );
  });
});

describe('reading gateway answers', () => {
  it('reads snake_case, `wallets` and `request_id`', () => {
    const body = camelize({
      request_id: 'abc-123',
      wallets: [
        {
          id: 'wallet-0001',
          network: 'MasterCard',
          account_number: '5***4444',
          expiry: '0927',
          default: true,
          created: '2026-02-03T04:05:06Z',
          name_on_card: 'Ada L',
        },
      ],
    });
    assert.equal(readRequestId(body), 'abc-123');
    assert.deepEqual(readWalletList(body), [
      {
        id: 'wallet-0001',
        kind: 'card',
        brand: 'mastercard',
        last4: '4444',
        expMonth: 9,
        expYear: 2027,
        isDefault: true,
        createdAt: '2026-02-03T04:05:06.000Z',
        holderName: 'Ada L',
      },
    ]);
  });

  it('maps every documented network, and unknown ones to unknown', () => {
    assert.equal(brandFromNetwork('visa'), 'visa');
    assert.equal(brandFromNetwork('mastercard'), 'mastercard');
    assert.equal(brandFromNetwork('american express'), 'amex');
    assert.equal(brandFromNetwork('discover card'), 'discover');
    assert.equal(brandFromNetwork('ach'), 'ach');
    assert.equal(brandFromNetwork('jcb'), 'unknown');
    assert.equal(brandFromNetwork(undefined), 'unknown');
  });

  it('reads a bank entry: kind bank, account type, no expiry', () => {
    const method = normalizeMethod({
      id: 'wallet-0002',
      network: 'ach',
      accountNumber: '********6789',
      expiry: '',
      default: false,
      created: 1767225600,
      accountType: 0,
    });
    assert.deepEqual(method, {
      id: 'wallet-0002',
      kind: 'bank',
      brand: 'ach',
      last4: '6789',
      isDefault: false,
      createdAt: '2026-01-01T00:00:00.000Z',
      accountType: 'checking',
    });
  });

  it('ignores a prototype-polluting key', () => {
    const parsed = camelize(JSON.parse('{"__proto__": {"polluted": true}, "wallet": []}')) as Record<string, unknown>;
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(readWalletList(parsed), []);
  });
});
