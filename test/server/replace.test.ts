/**
 * `POST /methods` with `replaces`: save the new method (not the default), make it the default if
 * the old one was, remove the old one, all under one `Idempotency-Key`. Through the real handler
 * against the real sandbox, with a failure injected at each step.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditEvent } from '../../src/server/index.js';
import { assertNoKeyLeaksAtEnd, card, createHarness, entry, PRIVATE_KEY, TEST_CARDS, type Answer, type Harness } from './helpers.js';

assertNoKeyLeaksAtEnd();

const WALLET_ADD = /^\/v1\/customers\/[^/]+\/wallet$/;
const WALLET_ENTRY = /^\/v1\/customers\/[^/]+\/wallet\/[^/]+$/;

/** A shopper with an expiring Visa (the default) and a Mastercard; answers their ids. */
async function seedExpiringDefault(h: Harness) {
  const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number, { expires: '1226' }), card(TEST_CARDS.mastercard.number)]);
  const wallet = h.wallet(customerId);
  return { customerId, visa: entry(wallet, '4242').id, mastercard: entry(wallet, '4444').id };
}

/** Sends one replacing save with a token made once, so a retry is the same request. */
function replacer(h: Harness, replaces: string, key: string) {
  let token: string | undefined;
  return async (): Promise<Answer> => {
    token ??= await h.token({ accountNumber: TEST_CARDS.discover.number });
    return h.call('POST', '/methods', { body: { token, replaces }, headers: { 'Idempotency-Key': key } });
  };
}

/** The sandbox's wallet as `last4:default` pairs, sorted. */
function holdings(h: Harness, customerId: string): string[] {
  return h
    .wallet(customerId)
    .map(item => `${item.accountNumber.slice(-4)}:${item.default}`)
    .sort();
}

describe('replacing a method', () => {
  it('saves the new method, makes it the default in the old one’s place and removes the old one', async () => {
    const events: AuditEvent[] = [];
    const h = createHarness({ audit: event => void events.push(event) });
    const { customerId, visa } = await seedExpiringDefault(h);
    const answer = await replacer(h, visa, 'replace-1')();

    assert.equal(answer.status, 201, answer.text);
    assert.equal(answer.body.method.last4, '1117');
    assert.equal(answer.body.method.isDefault, true);
    assert.deepEqual(answer.body.replaced, { id: visa, removed: true });
    // One entry where there was one, listed first as the default.
    assert.deepEqual(
      answer.body.methods.map((item: { last4: string; isDefault: boolean }) => `${item.last4}:${item.isDefault}`),
      ['1117:true', '4444:false'],
    );
    assert.deepEqual(holdings(h, customerId), ['1117:true', '4444:false']);
    assert.deepEqual(
      h.gatewayWrites().map(write => write.method),
      ['POST', 'PUT', 'DELETE'],
      'save, make default, remove: in that order',
    );
    assert.deepEqual(
      events.map(event => event.type),
      ['method_added', 'default_changed', 'method_removed'],
    );
  });

  it('leaves the default alone when the replaced method was not the default', async () => {
    const h = createHarness();
    const { customerId, mastercard } = await seedExpiringDefault(h);
    const answer = await replacer(h, mastercard, 'replace-2')();
    assert.equal(answer.status, 201, answer.text);
    assert.equal(answer.body.method.isDefault, false);
    assert.deepEqual(answer.body.replaced, { id: mastercard, removed: true });
    assert.deepEqual(holdings(h, customerId), ['1117:false', '4242:true']);
    assert.deepEqual(
      h.gatewayWrites().map(write => write.method),
      ['POST', 'DELETE'],
    );
  });

  it('step 1 failed after the gateway saved: nothing lost, and a retry with the key completes without saving twice', async () => {
    const h = createHarness();
    const { customerId, visa } = await seedExpiringDefault(h);
    const send = replacer(h, visa, 'replace-3');
    h.backend.sandbox.faults.add({ path: WALLET_ADD, method: 'POST', status: 500, afterHandling: true, times: 1 });

    const failed = await send();
    assert.equal(failed.status, 502, failed.text);
    assert.equal(failed.body.error.code, 'gateway_error');
    assert.deepEqual(holdings(h, customerId), ['1117:false', '4242:true', '4444:false'], 'both saved; the old one still the default');

    const retried = await send();
    assert.equal(retried.status, 201, retried.text);
    assert.equal(retried.headers.get('Idempotent-Replayed'), null);
    assert.deepEqual(retried.body.replaced, { id: visa, removed: true });
    assert.deepEqual(holdings(h, customerId), ['1117:true', '4444:false'], 'one new entry: the save was replayed, not repeated');
  });

  it('step 2 failed: the answer says both are saved and which step failed, and a retry with the key completes', async () => {
    const h = createHarness();
    const { customerId, visa } = await seedExpiringDefault(h);
    const send = replacer(h, visa, 'replace-4');
    h.backend.sandbox.faults.add({ path: WALLET_ENTRY, method: 'PUT', status: 500, times: 1 });

    const partial = await send();
    assert.equal(partial.status, 201, partial.text);
    assert.deepEqual(partial.body.replaced, { id: visa, removed: false, failedStep: 'default', code: 'change_failed', retryable: true });
    assert.equal(partial.body.method.isDefault, false);
    assert.deepEqual(
      partial.body.methods.map((item: { id: string }) => item.id).sort(),
      h
        .wallet(customerId)
        .map(item => item.id)
        .sort(),
      'the answer shows what stands',
    );
    assert.deepEqual(holdings(h, customerId), ['1117:false', '4242:true', '4444:false']);

    const retried = await send();
    assert.equal(retried.status, 201, retried.text);
    assert.equal(retried.headers.get('Idempotent-Replayed'), null, 'an incomplete replacement is not replayed');
    assert.equal(retried.body.method.id, partial.body.method.id);
    assert.deepEqual(retried.body.replaced, { id: visa, removed: true });
    assert.deepEqual(holdings(h, customerId), ['1117:true', '4444:false']);
  });

  it('step 3 failed: the new method is the default, the old one stands, and a retry with the key removes it', async () => {
    const h = createHarness();
    const { customerId, visa } = await seedExpiringDefault(h);
    const send = replacer(h, visa, 'replace-5');
    h.backend.sandbox.faults.add({ path: WALLET_ENTRY, method: 'DELETE', status: 503, times: 1 });

    const partial = await send();
    assert.equal(partial.status, 201, partial.text);
    assert.deepEqual(partial.body.replaced, { id: visa, removed: false, failedStep: 'remove', code: 'change_failed', retryable: true });
    assert.equal(partial.body.method.isDefault, true);
    assert.deepEqual(holdings(h, customerId), ['1117:true', '4242:false', '4444:false']);

    const retried = await send();
    assert.equal(retried.status, 201, retried.text);
    assert.deepEqual(retried.body.replaced, { id: visa, removed: true });
    assert.equal(retried.body.method.id, partial.body.method.id);
    assert.deepEqual(holdings(h, customerId), ['1117:true', '4444:false']);
    // The retry found the save and the default done: only the removal was sent again.
    const writes = h.gatewayWrites().map(write => write.method);
    assert.deepEqual(writes, ['POST', 'PUT', 'DELETE', 'POST', 'DELETE']);
  });

  it('step 3 applied but its answer lost: the wallet read again shows it done', async () => {
    const h = createHarness();
    const { customerId, visa } = await seedExpiringDefault(h);
    h.backend.sandbox.faults.add({ path: WALLET_ENTRY, method: 'DELETE', status: 500, afterHandling: true, times: 1 });
    const answer = await replacer(h, visa, 'replace-6')();
    assert.equal(answer.status, 201, answer.text);
    assert.deepEqual(answer.body.replaced, { id: visa, removed: true });
    assert.deepEqual(holdings(h, customerId), ['1117:true', '4444:false']);
  });

  it('counts the old method removed when another tab removed it just before step 3', async () => {
    const late: { h?: Harness; raced?: boolean } = {};
    // The gateway transport: just before this replacement's DELETE arrives, the same DELETE from another tab is handled.
    const h = createHarness({
      fetch: async (url, init) => {
        const sandbox = late.h!.backend.sandbox;
        if (init.method === 'DELETE' && !late.raced) {
          late.raced = true;
          await sandbox.handle(new Request(url, init));
        }
        return sandbox.handle(new Request(url, init));
      },
    });
    late.h = h;
    const { customerId, visa } = await seedExpiringDefault(h);
    const answer = await replacer(h, visa, 'replace-10')();
    assert.equal(answer.status, 201, answer.text);
    assert.deepEqual(answer.body.replaced, { id: visa, removed: true });
    assert.deepEqual(holdings(h, customerId), ['1117:true', '4444:false']);
    assert.equal(late.raced, true);
  });

  it('a method canRemove keeps stays, the answer says why, and a retry replays that final answer', async () => {
    const reason = 'Pays for your Coffee Club subscription.';
    const h = createHarness({ canRemove: method => (method.last4 === '4242' ? { allowed: false, reason } : true) });
    const { customerId, visa } = await seedExpiringDefault(h);
    const send = replacer(h, visa, 'replace-7');

    const answer = await send();
    assert.equal(answer.status, 201, answer.text);
    assert.deepEqual(answer.body.replaced, { id: visa, removed: false, failedStep: 'remove', code: 'remove_blocked', reason });
    assert.equal(answer.body.method.isDefault, true, 'the new method took the default all the same');
    const kept = answer.body.methods.find((item: { id: string }) => item.id === visa);
    assert.deepEqual([kept.removable, kept.removeBlockedReason], [false, reason]);
    assert.deepEqual(holdings(h, customerId), ['1117:true', '4242:false', '4444:false']);

    const again = await send();
    assert.equal(again.headers.get('Idempotent-Replayed'), 'true');
    assert.deepEqual(again.body, answer.body);
    assert.equal(h.gatewayWrites().filter(write => write.method === 'DELETE').length, 0);
  });

  it('the removal policy threw: the answer says what stands, the failure is logged, and a retry with the key completes', async () => {
    const logs: string[] = [];
    const failing = { policy: true };
    const h = createHarness({
      logger: { info: () => {}, warn: () => {}, error: (message, fields) => void logs.push(`${message} ${JSON.stringify(fields ?? {})}`) },
      canRemove: () => {
        if (failing.policy) throw new Error(`policy store down (${PRIVATE_KEY})`);
        return true;
      },
    });
    const { customerId, visa } = await seedExpiringDefault(h);
    const send = replacer(h, visa, 'replace-11');

    const partial = await send();
    assert.equal(partial.status, 201, partial.text);
    assert.deepEqual(partial.body.replaced, { id: visa, removed: false, failedStep: 'remove', code: 'change_failed', retryable: true });
    assert.equal(partial.body.method.isDefault, true, 'the new method took the default before the policy was asked');
    assert.deepEqual(holdings(h, customerId), ['1117:true', '4242:false', '4444:false']);
    const logged = logs.find(line => line.startsWith('the removal policy failed during a replacement'));
    assert.ok(logged, logs.join('\n'));
    assert.ok(logged.includes(visa));
    assert.ok(!logs.some(line => line.includes(PRIVATE_KEY) || line.includes('policy store down')), 'the thrown message is not logged');

    failing.policy = false;
    const retried = await send();
    assert.equal(retried.status, 201, retried.text);
    assert.equal(retried.headers.get('Idempotent-Replayed'), null, 'an incomplete replacement is not replayed');
    assert.equal(retried.body.method.id, partial.body.method.id);
    assert.deepEqual(retried.body.replaced, { id: visa, removed: true });
    assert.deepEqual(holdings(h, customerId), ['1117:true', '4444:false']);
  });

  it('answers 404 with the wallet for a method that is not in it, and saves nothing', async () => {
    const h = createHarness();
    const { customerId } = await seedExpiringDefault(h);
    const other = await h.backend.seedShopper([card(TEST_CARDS.amex.number)]);
    const foreign = h.wallet(other)[0]!.id;
    h.backend.signIn(customerId);
    const answer = await replacer(h, foreign, 'replace-8')();
    assert.equal(answer.status, 404, answer.text);
    assert.equal(answer.body.error.code, 'not_found');
    assert.equal(answer.body.methods.length, 2);
    assert.equal(h.gatewayWrites().length, 0);
  });

  it('refuses a replaces that is not a method id', async () => {
    const h = createHarness();
    await seedExpiringDefault(h);
    const answer = await h.call('POST', '/methods', { body: { token: await h.token(), replaces: '../x' } });
    assert.equal(answer.status, 400);
    assert.deepEqual([answer.body.error.code, answer.body.error.field], ['invalid_request', 'replaces']);
  });

  it('answers wallet_full in a full wallet: the new method cannot be saved before the old one goes', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([
      card(TEST_CARDS.visa.number, { expires: '1226' }),
      card(TEST_CARDS.mastercard.number),
      card(TEST_CARDS.amex.number),
      card(TEST_CARDS.visaAlt.number),
    ]);
    const visa = entry(h.wallet(customerId), '4242').id;
    const answer = await replacer(h, visa, 'replace-9')();
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error.code, 'wallet_full');
    assert.equal(h.wallet(customerId).length, 4);
  });
});
