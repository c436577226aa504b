/**
 * Lazily created customers (lazy-customer.ts): created once after a lost answer, and never
 * shared between shoppers; through the real handler in front of the real sandbox.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoKeyLeaksAtEnd, createHarness, TEST_CARDS } from './helpers.js';

assertNoKeyLeaksAtEnd();

describe('a lazily created customer whose answer was lost', () => {
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

describe('keys of shoppers without an eCrypt customer', () => {
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
