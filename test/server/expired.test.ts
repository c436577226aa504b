/**
 * Expired cards and the default: never made the default on request (`409 expired`), and never
 * left the default after a removal when an unexpired method remains. The sandbox and the handler
 * share one clock, moved past a card's expiry month.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditEvent } from '../../src/server/index.js';
import { assertNoKeyLeaksAtEnd, card, clock, createHarness, entry, TEST_CARDS } from './helpers.js';

assertNoKeyLeaksAtEnd();

/** 1 December 2026: a card that expires 11/26 (usable through 30 November) has expired. */
const DECEMBER = Date.UTC(2026, 11, 1, 12);

describe('expired cards and the default', () => {
  it('refuses to make an expired card the default: 409 expired with the wallet, nothing sent', async () => {
    const time = clock();
    const h = createHarness({ now: time.now });
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number, { expires: '1126' })]);
    const mastercard = entry(h.wallet(customerId), '4444').id;
    time.advance(DECEMBER - time.now());

    const answer = await h.call('PUT', `/methods/${mastercard}/default`);
    assert.equal(answer.status, 409, answer.text);
    assert.equal(answer.body.error.code, 'expired');
    assert.equal(answer.body.methods.length, 2);
    assert.equal(h.gatewayWrites().length, 0);
    assert.equal(entry(h.wallet(customerId), '4242').default, true);
  });

  it('still makes a card the default through the last day of its expiry month', async () => {
    const time = clock();
    const h = createHarness({ now: time.now });
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number, { expires: '1126' })]);
    const mastercard = entry(h.wallet(customerId), '4444').id;
    time.advance(Date.UTC(2026, 10, 30, 23, 59) - time.now());
    const answer = await h.call('PUT', `/methods/${mastercard}/default`);
    assert.equal(answer.status, 200, answer.text);
    assert.equal(entry(h.wallet(customerId), '4444').default, true);
  });

  it('after removing the default, makes the newest unexpired method the default instead of an expired one the gateway promoted', async () => {
    const time = clock();
    const events: AuditEvent[] = [];
    const h = createHarness({ now: time.now, audit: event => void events.push(event) });
    // Saved in this order: the gateway promotes the newest remaining, the expiring Mastercard.
    const customerId = await h.backend.seedShopper([
      card(TEST_CARDS.visa.number),
      card(TEST_CARDS.discover.number),
      card(TEST_CARDS.mastercard.number, { expires: '1126' }),
    ]);
    const visa = entry(h.wallet(customerId), '4242').id;
    const discover = entry(h.wallet(customerId), '1117').id;
    time.advance(DECEMBER - time.now());

    const answer = await h.call('DELETE', `/methods/${visa}`);
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.body.promoted, discover);
    assert.deepEqual(
      answer.body.methods.map((item: { last4: string; isDefault: boolean }) => `${item.last4}:${item.isDefault}`),
      ['1117:true', '4444:false'],
    );
    assert.equal(entry(h.wallet(customerId), '1117').default, true, 'the gateway holds it');
    assert.deepEqual(
      events.map(event => [event.type, event.methodId]),
      [
        ['method_removed', visa],
        ['default_changed', discover],
      ],
    );
  });

  it('keeps the gateway’s choice when every remaining method has expired, and names it', async () => {
    const time = clock();
    const h = createHarness({ now: time.now });
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number, { expires: '1126' })]);
    const visa = entry(h.wallet(customerId), '4242').id;
    const mastercard = entry(h.wallet(customerId), '4444').id;
    time.advance(DECEMBER - time.now());

    const answer = await h.call('DELETE', `/methods/${visa}`);
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.body.promoted, mastercard);
    assert.deepEqual(
      h.gatewayWrites().map(write => write.method),
      ['DELETE'],
    );
  });

  it('names no promoted method when the removed one was not the default', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number)]);
    const answer = await h.call('DELETE', `/methods/${entry(h.wallet(customerId), '4444').id}`);
    assert.equal(answer.status, 200);
    assert.equal('promoted' in answer.body, false);
  });
});
