/**
 * Every route of the merchant endpoint contract, through the real handler
 * against the real sandbox: happy paths, sessions, ownership, limits,
 * duplicates, merchant hooks.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_BANK_ACCOUNTS } from '../../src/sandbox/index.js';
import type { AuditEvent } from '../../src/server/index.js';
import { assertNoKeyLeaksAtEnd, card, clock, createHarness, entry, GATEWAY, NOW, PUBLIC_KEY, TEST_CARDS } from './helpers.js';

assertNoKeyLeaksAtEnd();

describe('GET /config', () => {
  it('answers the public facts only, without a session', async () => {
    const { call, backend } = createHarness();
    backend.signIn(null);
    const answer = await call('GET', '/config');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { publicKey: PUBLIC_KEY, gatewayUrl: GATEWAY, limit: 4, kinds: ['card', 'bank'] });
  });
});

describe('GET /methods', () => {
  it('answers the signed-in shopper’s wallet, normalised', async () => {
    const h = createHarness();
    await h.backend.seedShopper([card(TEST_CARDS.visa.number, { expires: '0328' }), card(TEST_CARDS.amex.number)]);
    const answer = await h.call('GET', '/methods');
    assert.equal(answer.status, 200);
    assert.equal(answer.body.limit, 4);
    // The default first, then the others newest first.
    const [visa, amex] = answer.body.methods;
    assert.deepEqual(
      { kind: visa.kind, brand: visa.brand, last4: visa.last4, expMonth: visa.expMonth, expYear: visa.expYear, isDefault: visa.isDefault },
      { kind: 'card', brand: 'visa', last4: '4242', expMonth: 3, expYear: 2028, isDefault: true },
    );
    assert.equal(amex.brand, 'amex');
    assert.equal(amex.last4, '0005');
    assert.equal(amex.isDefault, false);
    assert.match(visa.id, /^[0-9A-Za-z-]{8,64}$/);
    assert.ok(!Number.isNaN(Date.parse(visa.createdAt)));
    assert.ok(!answer.text.includes(TEST_CARDS.visa.number), 'no full card number in the answer');
  });

  it('answers 401 unauthenticated without a session, and asks the gateway nothing', async () => {
    const h = createHarness();
    h.backend.signIn(null);
    const answer = await h.call('GET', '/methods');
    assert.equal(answer.status, 401);
    assert.equal(answer.body.error.code, 'unauthenticated');
    assert.equal(h.backend.sandbox.requests.length, 0);
  });
});

describe('POST /methods', () => {
  it('saves a card and answers 201 with the method and the whole wallet', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    const answer = await h.addCard(TEST_CARDS.mastercard.number, { expires: '0730' });
    assert.equal(answer.status, 201);
    assert.equal(answer.body.method.brand, 'mastercard');
    assert.equal(answer.body.method.last4, '4444');
    assert.equal(answer.body.method.expMonth, 7);
    assert.equal(answer.body.method.expYear, 2030);
    assert.equal(answer.body.method.isDefault, false);
    assert.equal(answer.body.limit, 4);
    assert.deepEqual(
      answer.body.methods.map((m: { id: string }) => m.id).sort(),
      h
        .wallet(customerId)
        .map(entry => entry.id)
        .sort(),
    );
  });

  it('makes the new method the default when asked, demoting the old one', async () => {
    const h = createHarness();
    await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    const answer = await h.addCard(TEST_CARDS.discover.number, { makeDefault: true });
    assert.equal(answer.status, 201);
    assert.equal(answer.body.method.brand, 'discover');
    assert.equal(answer.body.method.isDefault, true);
    assert.deepEqual(
      answer.body.methods.filter((m: { isDefault: boolean }) => m.isDefault).map((m: { id: string }) => m.id),
      [answer.body.method.id],
    );
  });

  it('saves a bank account as kind bank, brand ach, with its account type', async () => {
    const h = createHarness();
    await h.backend.seedShopper([]);
    const { accountNumber, routingNumber } = TEST_BANK_ACCOUNTS.savings;
    const token = await h.token({ bank: { accountNumber, routingNumber, accountType: 1 } });
    const answer = await h.call('POST', '/methods', { body: { token } });
    assert.equal(answer.status, 201);
    assert.equal(answer.body.method.kind, 'bank');
    assert.equal(answer.body.method.brand, 'ach');
    assert.equal(answer.body.method.last4, '2227');
    assert.equal(answer.body.method.accountType, 'savings');
    assert.equal(answer.body.method.expMonth, undefined);
    assert.equal(answer.body.method.isDefault, true, 'the first method is the default');
  });

  it('refuses a fifth method with 409 wallet_full without asking the gateway to save', async () => {
    const h = createHarness();
    const numbers = [TEST_CARDS.visa, TEST_CARDS.mastercard, TEST_CARDS.amex, TEST_CARDS.discover].map(c => c.number);
    const customerId = await h.backend.seedShopper(numbers.map(n => card(n)));
    const answer = await h.addCard(TEST_CARDS.visaAlt.number);
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error.code, 'wallet_full');
    assert.equal(h.wallet(customerId).length, 4);
    assert.equal(h.gatewayWrites().length, 0);
  });

  it('refuses a duplicate with 409 duplicate, the existing id, and nothing stored', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number)]);
    const before = h.wallet(customerId);
    const answer = await h.addCard(TEST_CARDS.visa.number, { makeDefault: true });
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error.code, 'duplicate');
    assert.equal(answer.body.error.existingMethodId, entry(before, '4242').id);
    assert.deepEqual(h.wallet(customerId), before, 'the wallet, default included, is exactly as before');
  });

  it('does not treat the same number with another expiry as a duplicate', async () => {
    const h = createHarness();
    await h.backend.seedShopper([card(TEST_CARDS.visa.number, { expires: '1235' })]);
    const answer = await h.addCard(TEST_CARDS.visa.number, { expires: '0136' });
    assert.equal(answer.status, 201);
  });

  it('answers 402 declined when the gateway declines the method', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([]);
    const answer = await h.addCard(TEST_CARDS.declined.number);
    assert.equal(answer.status, 402);
    assert.equal(answer.body.error.code, 'declined');
    assert.equal(typeof answer.body.error.requestId, 'string');
    assert.equal(h.wallet(customerId).length, 0);
  });

  it('answers 400 invalid_request with the field for a token the gateway does not know', async () => {
    const h = createHarness();
    await h.backend.seedShopper([]);
    const answer = await h.call('POST', '/methods', { body: { token: crypto.randomUUID() } });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, 'invalid_request');
    assert.equal(answer.body.error.field, 'token');
  });

  it('answers 401 without a session and asks the gateway nothing', async () => {
    const h = createHarness();
    const token = await h.token();
    h.backend.signIn(null);
    const answer = await h.call('POST', '/methods', { body: { token } });
    assert.equal(answer.status, 401);
    assert.equal(h.gatewayWrites().length, 0);
  });
});

describe('PUT /methods/{id}/default', () => {
  it('makes the method the default and answers the wallet', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number)]);
    const target = entry(h.wallet(customerId), '4444').id;
    const answer = await h.call('PUT', `/methods/${target}/default`);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.limit, 4);
    const defaults = answer.body.methods.filter((m: { isDefault: boolean }) => m.isDefault);
    assert.deepEqual(
      defaults.map((m: { id: string }) => m.id),
      [target],
    );
    assert.equal(h.wallet(customerId).find(entry => entry.default)?.id, target);
  });

  it('answers 404 for another shopper’s method and changes nothing', async () => {
    const h = createHarness();
    const victim = await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number)]);
    const victimMethod = entry(h.wallet(victim), '4444').id;
    const before = h.wallet(victim);
    await h.backend.seedShopper([card(TEST_CARDS.amex.number)]);
    const answer = await h.call('PUT', `/methods/${victimMethod}/default`);
    assert.equal(answer.status, 404);
    assert.equal(answer.body.error.code, 'not_found');
    assert.deepEqual(h.wallet(victim), before);
    assert.equal(h.gatewayWrites().length, 0, 'no write reached the gateway');
  });

  it('answers 404 for ids that are not gateway ids, before any gateway call', async () => {
    const h = createHarness();
    await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    for (const id of ['short', '..%2F..%2Fcustomers', 'a'.repeat(65), 'abc_def!ghij', '%E0%A4%A']) {
      const answer = await h.call('PUT', `/methods/${id}/default`);
      assert.equal(answer.status, 404, id);
      assert.equal(answer.body.error.code, 'not_found');
    }
    assert.equal(h.backend.sandbox.requests.length, 0);
  });
});

describe('DELETE /methods/{id}', () => {
  it('removes the method and answers the wallet with the promoted default', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([
      card(TEST_CARDS.visa.number),
      card(TEST_CARDS.mastercard.number),
      card(TEST_CARDS.amex.number),
    ]);
    const wallet = h.wallet(customerId);
    const oldDefault = entry(wallet, '4242');
    const newest = entry(wallet, '0005');
    assert.equal(oldDefault.default, true);
    const answer = await h.call('DELETE', `/methods/${oldDefault.id}`);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.methods.length, 2);
    assert.ok(!answer.body.methods.some((m: { id: string }) => m.id === oldDefault.id));
    assert.equal(answer.body.methods.find((m: { isDefault: boolean }) => m.isDefault)?.id, newest.id);
    assert.equal(h.wallet(customerId).length, 2);
  });

  it('answers 404 for another shopper’s method and changes nothing', async () => {
    const h = createHarness();
    const victim = await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    const before = h.wallet(victim);
    await h.backend.seedShopper([card(TEST_CARDS.mastercard.number)]);
    const answer = await h.call('DELETE', `/methods/${before[0]!.id}`);
    assert.equal(answer.status, 404);
    assert.deepEqual(h.wallet(victim), before);
    assert.equal(h.gatewayWrites().length, 0);
  });

  it('lets the canRemove policy block a removal with its reason', async () => {
    const seen: string[] = [];
    const h = createHarness({
      canRemove: method => {
        seen.push(method.brand);
        return method.brand === 'visa' ? { allowed: false, reason: 'This card pays for your active subscription.' } : true;
      },
    });
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number)]);
    const visa = entry(h.wallet(customerId), '4242');
    const mastercard = entry(h.wallet(customerId), '4444');
    const blocked = await h.call('DELETE', `/methods/${visa.id}`);
    assert.equal(blocked.status, 409);
    assert.equal(blocked.body.error.code, 'remove_blocked');
    assert.equal(blocked.body.error.reason, 'This card pays for your active subscription.');
    assert.equal(h.wallet(customerId).length, 2);
    assert.equal(h.gatewayWrites().length, 0);
    const allowed = await h.call('DELETE', `/methods/${mastercard.id}`);
    assert.equal(allowed.status, 200);
    // Asked before each removal, then for the wallet the allowed removal answers (the visa alone).
    assert.deepEqual(seen, ['visa', 'mastercard', 'visa']);
    assert.deepEqual(
      allowed.body.methods.map((m: { id: string; removable?: boolean; removeBlockedReason?: string }) => [
        m.id,
        m.removable,
        m.removeBlockedReason,
      ]),
      [[visa.id, false, 'This card pays for your active subscription.']],
    );
  });
});

describe('routing', () => {
  it('answers 405 with Allow for a method a route does not take', async () => {
    const h = createHarness();
    await h.backend.seedShopper([]);
    const answer = await h.call('PATCH', '/methods');
    assert.equal(answer.status, 405);
    assert.equal(answer.body.error.code, 'invalid_request');
    assert.equal(answer.headers.get('Allow'), 'GET, POST');
  });

  it('answers 404 not_found for unknown routes below the mount point', async () => {
    const h = createHarness();
    const answer = await h.call('GET', '/nothing-here');
    assert.equal(answer.status, 404);
    assert.equal(answer.body.error.code, 'not_found');
  });

  it('answers 500 internal_error, without details, when a merchant hook throws', async () => {
    const h = createHarness({
      customerFor: () => {
        throw new Error('session store down');
      },
    });
    const answer = await h.call('GET', '/methods');
    assert.equal(answer.status, 500);
    assert.equal(answer.body.error.code, 'internal_error');
    assert.ok(!answer.text.includes('session store down'));
  });
});

describe('lazy customer creation', () => {
  function lazyHarness() {
    const accounts = new Map<string, string>();
    let session: string | null = 'alice';
    const created: string[] = [];
    const h = createHarness({
      customerFor: () => (session ? (accounts.get(session) ?? null) : null),
      createCustomer: {
        profileFor: () => (session ? { firstName: 'Alice', lastName: 'Liddell', emailAddress: 'alice@example.test' } : null),
        onCreated: (_request, customerId) => {
          created.push(customerId);
          if (session) accounts.set(session, customerId);
        },
      },
    });
    return { h, accounts, created, signOut: () => (session = null) };
  }

  it('answers an empty wallet to a signed-in shopper without a customer, creating nothing', async () => {
    const { h, created } = lazyHarness();
    const answer = await h.call('GET', '/methods');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { methods: [], limit: 4 });
    assert.equal(created.length, 0);
    assert.equal(h.backend.sandbox.state.customerIds().length, 0);
  });

  it('creates the customer on the first save and tells the merchant its id', async () => {
    const { h, accounts, created } = lazyHarness();
    const answer = await h.addCard(TEST_CARDS.visa.number);
    assert.equal(answer.status, 201);
    assert.equal(created.length, 1);
    assert.deepEqual(h.backend.sandbox.state.customerIds(), created);
    assert.equal(accounts.get('alice'), created[0]);
    assert.equal(h.wallet(created[0]).length, 1);
    const list = await h.call('GET', '/methods');
    assert.equal(list.body.methods[0].id, answer.body.method.id);
    const second = await h.addCard(TEST_CARDS.mastercard.number);
    assert.equal(second.status, 201);
    assert.equal(created.length, 1, 'the second save uses the same customer');
  });

  it('answers 401 when profileFor says the request is not signed in', async () => {
    const { h, signOut } = lazyHarness();
    signOut();
    const answer = await h.addCard(TEST_CARDS.visa.number);
    assert.equal(answer.status, 401);
    assert.equal(h.backend.sandbox.state.customerIds().length, 0);
  });
});

describe('audit', () => {
  it('reports additions, default changes and removals with the gateway request id', async () => {
    const events: AuditEvent[] = [];
    const time = clock();
    const h = createHarness({ audit: event => void events.push(event), now: time.now });
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    const first = entry(h.wallet(customerId), '4242').id;

    const added = await h.addCard(TEST_CARDS.mastercard.number, { makeDefault: true });
    const id = added.body.method.id as string;
    await h.call('PUT', `/methods/${first}/default`);
    await h.call('DELETE', `/methods/${id}`);

    assert.deepEqual(
      events.map(({ type, customerId: c, methodId, at }) => ({ type, c, methodId, at })),
      [
        { type: 'method_added', c: customerId, methodId: id, at: new Date(NOW).toISOString() },
        { type: 'default_changed', c: customerId, methodId: id, at: new Date(NOW).toISOString() },
        { type: 'default_changed', c: customerId, methodId: first, at: new Date(NOW).toISOString() },
        { type: 'method_removed', c: customerId, methodId: id, at: new Date(NOW).toISOString() },
      ],
    );
    for (const event of events) assert.match(event.requestId ?? '', /^[\w-]{8,}$/);
    assert.equal(new Set(events.map(e => e.requestId)).size, 4, 'each change has its own gateway request id');
  });

  it('reports nothing for refused or failed changes, and a throwing hook does not fail the request', async () => {
    const events: AuditEvent[] = [];
    const h = createHarness({
      audit: event => {
        events.push(event);
        throw new Error('audit sink down');
      },
    });
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    assert.equal((await h.addCard(TEST_CARDS.visa.number)).status, 409);
    assert.equal((await h.addCard(TEST_CARDS.declined.number)).status, 402);
    assert.equal(events.length, 0);
    const answer = await h.call('DELETE', `/methods/${h.wallet(customerId)[0]!.id}`);
    assert.equal(answer.status, 200);
    assert.equal(events.length, 1);
  });
});
