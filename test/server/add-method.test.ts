/**
 * `POST /methods` (routes/add-method.ts) after failures: lost answers, undoing a duplicate, a
 * full wallet, look-alike bank accounts, replayed saves; through the real handler in front of
 * the real sandbox.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_BANK_ACCOUNTS } from '../../src/sandbox/index.js';
import {
  assertNoKeyLeaksAtEnd,
  captureLogger,
  card,
  createHarness,
  entry,
  PRIVATE_KEY,
  rewritingFetch,
  TEST_CARDS,
  type Harness,
} from './helpers.js';

assertNoKeyLeaksAtEnd();

const WALLET_PATH = /^\/v1\/customers\/[^/]+\/wallet$/;

describe('POST /methods: a save whose answer was lost', () => {
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
});

describe('POST /methods: undoing a duplicate save', () => {
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

describe('POST /methods: wallet_full only for a full wallet', () => {
  it('maps a field error that mentions a maximum to invalid_request with the field', async () => {
    const h: Harness = createHarness({
      fetch: rewritingFetch(
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

describe('POST /methods: bank accounts sharing their last 4', () => {
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

describe('POST /methods: replayed saves, full wallets and reused keys', () => {
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

describe('POST /methods: a lost save that filled the wallet', () => {
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
