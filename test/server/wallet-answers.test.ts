/**
 * What every wallet answer carries beyond the gateway's list: the order (the default first, then
 * newest first) and the merchant's removal policy (`removable: false` with the reason), asked per
 * method (`canRemove`) or once per wallet (`removePolicy`). Through the real handler and sandbox.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PaymentMethod } from '../../src/protocol/index.js';
import { createWalletHandler } from '../../src/server/index.js';
import { assertNoKeyLeaksAtEnd, card, clock, createHarness, entry, PRIVATE_KEY, PUBLIC_KEY, TEST_CARDS } from './helpers.js';

assertNoKeyLeaksAtEnd();

const SUBSCRIPTION = 'Pays for your Coffee Club subscription.';

type Listed = { last4: string; isDefault: boolean; removable?: boolean; removeBlockedReason?: string };
const summary = (methods: Listed[]) => methods.map(item => `${item.last4}:${item.isDefault}`);

describe('the order of a wallet', () => {
  it('lists the default first, then the others newest first', async () => {
    const time = clock();
    const h = createHarness({ now: time.now });
    await h.backend.seedShopper([]);
    for (const number of [TEST_CARDS.visa.number, TEST_CARDS.mastercard.number, TEST_CARDS.discover.number]) {
      assert.equal((await h.addCard(number)).status, 201);
      time.advance(60_000);
    }
    // The first save is the default; the gateway lists newest first.
    const answer = await h.call('GET', '/methods');
    assert.deepEqual(summary(answer.body.methods), ['4242:true', '1117:false', '4444:false']);
    const created = answer.body.methods.slice(1).map((item: PaymentMethod) => Date.parse(item.createdAt));
    assert.ok(created[0] > created[1], 'createdAt tells the gateway’s order apart');

    const changed = await h.call('PUT', `/methods/${answer.body.methods[2].id}/default`);
    assert.deepEqual(summary(changed.body.methods), ['4444:true', '1117:false', '4242:false'], 'a change answers in the same order');
  });
});

describe('the removal policy in every wallet', () => {
  it('asks removePolicy once per wallet and marks what it refuses; DELETE still enforces it', async () => {
    const asked: string[][] = [];
    const h = createHarness({
      removePolicy: methods => {
        asked.push(methods.map(method => method.last4).sort());
        return Object.fromEntries(
          methods.filter(method => method.last4 === '4242').map(method => [method.id, { allowed: false as const, reason: SUBSCRIPTION }]),
        );
      },
    });
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number)]);
    const listed = await h.call('GET', '/methods');
    assert.deepEqual(asked, [['4242', '4444']]);
    const [visa, mastercard] = listed.body.methods as Listed[];
    assert.deepEqual([visa!.last4, visa!.removable, visa!.removeBlockedReason], ['4242', false, SUBSCRIPTION]);
    assert.equal('removable' in mastercard!, false, 'a removable method carries no mark');

    const refused = await h.call('DELETE', `/methods/${entry(h.wallet(customerId), '4242').id}`);
    assert.equal(refused.status, 409);
    assert.deepEqual([refused.body.error.code, refused.body.error.reason], ['remove_blocked', SUBSCRIPTION]);
    assert.equal(h.gatewayWrites().length, 0);
  });

  it('takes a Map from removePolicy, and cleans a reason like any text the shopper sees', async () => {
    const h = createHarness({
      removePolicy: methods =>
        new Map(methods.map(method => [method.id, { allowed: false as const, reason: `Card ${TEST_CARDS.visaAlt.number} pays for it.` }])),
    });
    await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    const listed = await h.call('GET', '/methods');
    const [visa] = listed.body.methods as Listed[];
    assert.equal(visa!.removable, false);
    assert.ok(!listed.text.includes(TEST_CARDS.visaAlt.number), 'no card-like number in the reason');
  });

  it('marks the wallet beside an error too', async () => {
    const h = createHarness({ canRemove: method => (method.last4 === '4242' ? { allowed: false, reason: SUBSCRIPTION } : true) });
    await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    const answer = await h.call('DELETE', '/methods/abcdef123456');
    assert.equal(answer.status, 404);
    assert.deepEqual([answer.body.methods[0].removable, answer.body.methods[0].removeBlockedReason], [false, SUBSCRIPTION]);
  });

  it('refuses a configuration with both canRemove and removePolicy', () => {
    assert.throws(
      () =>
        createWalletHandler({
          privateKey: PRIVATE_KEY,
          publicKey: PUBLIC_KEY,
          customerFor: () => null,
          canRemove: () => true,
          removePolicy: () => ({}),
        }),
      /canRemove or removePolicy, not both/,
    );
  });
});
