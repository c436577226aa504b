/**
 * Saves that race each other through the real handler and the real sandbox: a
 * shopper's first saves before their gateway customer exists, and the same card
 * saved from two tabs at once.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoKeyLeaksAtEnd, createHarness, GATEWAY, PRIVATE_KEY, TEST_CARDS, type Harness } from './helpers.js';

assertNoKeyLeaksAtEnd();

/** A merchant whose shoppers get their eCrypt customer on their first save, recorded per account. */
function lazyShop(options: { adds?: number; profile?: (account: string) => Record<string, string> } = {}) {
  const accounts = new Map<string, string>();
  const created: string[] = [];
  let session = 'alice';
  const profile = options.profile ?? ((account: string) => ({ firstName: account, merchantIdentifier: `acct-${account}` }));
  const h: Harness = createHarness({
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
    const answers = await Promise.all(tokens.map((token, i) => h.call('POST', '/methods', { body: { token }, headers: { 'Idempotency-Key': `first-${i}` } })));
    const statuses = answers.map((answer) => answer.status);
    assert.equal(statuses.filter((status) => status === 201).length, 2, `statuses: ${statuses.join(',')}`);
    assert.equal(statuses.filter((status) => status === 429).length, 18);
    assert.equal(h.backend.sandbox.state.customerIds().length, 1, 'one gateway customer');
    assert.deepEqual(created, h.backend.sandbox.state.customerIds(), 'the merchant was told once');
    const saved = answers.filter((answer) => answer.status === 201).map((answer) => answer.body.method.id as string);
    assert.deepEqual(h.wallet(accounts.get('alice')).map((item) => item.id).sort(), saved.sort(), 'the shopper sees every method answered 201');
  });

  it('creates one customer for parallel first saves without Idempotency-Key', async () => {
    const { h, accounts } = lazyShop();
    const tokens = await Promise.all(CARDS.slice(0, 4).map((c) => h.token({ accountNumber: c.number })));
    const answers = await Promise.all(tokens.map((token) => h.call('POST', '/methods', { body: { token } })));
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [201, 201, 201, 201],
    );
    assert.equal(h.backend.sandbox.state.customerIds().length, 1);
    assert.equal(h.wallet(accounts.get('alice')).length, 4);
    assert.equal(h.wallet(accounts.get('alice')).filter((item) => item.default).length, 1, 'one default');
  });

  it('counts the attempts made before the customer existed against it afterwards', async () => {
    const { h } = lazyShop({ adds: 2 });
    assert.equal((await h.addCard(TEST_CARDS.visa.number)).status, 201);
    assert.equal((await h.addCard(TEST_CARDS.mastercard.number)).status, 201);
    assert.equal((await h.addCard(TEST_CARDS.amex.number)).status, 429);
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
    const deleted = await h.backend.sandbox.handle(new Request(`${GATEWAY}/v1/customers/${first}`, { method: 'DELETE', headers: { 'x-api-key': PRIVATE_KEY } }));
    assert.equal(deleted.status, 200);
    accounts.delete('alice');
    const again = await h.addCard(TEST_CARDS.mastercard.number);
    assert.equal(again.status, 201, JSON.stringify(again.body));
    assert.notEqual(accounts.get('alice'), first);
    assert.deepEqual(h.backend.sandbox.state.customerIds(), [accounts.get('alice')]);
    assert.equal(h.wallet(accounts.get('alice')).length, 1);
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
    const saved = answers.find((answer) => answer.status === 201);
    const refused = answers.find((answer) => answer.status === 409);
    assert.ok(saved && refused, `statuses: ${answers.map((answer) => answer.status).join(',')}`);
    assert.equal(refused.body.error.code, 'duplicate');
    assert.equal(refused.body.error.existingMethodId, saved.body.method.id);
    assert.equal(h.wallet(customerId).length, 1);
    assert.equal(h.wallet(customerId)[0]!.default, true);
  });

  it('does not hold up saves of other shoppers', async () => {
    const h = createHarness();
    const first = await h.backend.seedShopper([]);
    // The first shopper's save hangs at the gateway; another shopper's save still completes.
    h.backend.sandbox.faults.add({ latencyMs: 300, method: 'POST', path: `/v1/customers/${first}/wallet`, times: 1 });
    const slow = h.addCard(TEST_CARDS.visa.number);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await h.backend.seedShopper([]);
    const started = performance.now();
    assert.equal((await h.addCard(TEST_CARDS.visa.number)).status, 201);
    assert.ok(performance.now() - started < 250, 'not queued behind the other shopper');
    assert.equal((await slow).status, 201);
  });
});
