import { expect, waitUntil } from '@open-wc/testing';
import { TEST_CARDS } from '../../src/sandbox/test-data.js';
import { fill, fillCard, mount, nextEvent, notice, submitButton, useShopperBackend } from './ecrypt-add-card.helpers.js';

/** Whether this page has fetched the outcome module (each test file runs in a fresh page). */
const outcomeFetched = () => performance.getEntriesByType('resource').some(entry => /\/ecrypt-add-card\.outcome\.[jt]s(\?|$)/.test(entry.name));

describe('<ecrypt-add-card> outcome module', () => {
  useShopperBackend(() => {});

  // First in this file: once the module is fetched, the page keeps it.
  it('is not fetched until the shopper edits a field, then at once', async () => {
    const el = await mount();
    expect(outcomeFetched()).to.be.false;
    await fill(el, 'name', 'Ada Lovelace');
    await waitUntil(outcomeFetched, 'the outcome module was not fetched on the first edit');
  });

  it('tells the outcome of a save, in the merchant’s words where given', async () => {
    const el = await mount();
    el.messages = { declinedCard: 'Karte abgelehnt.' };
    await fillCard(el, { number: TEST_CARDS.declined.number });
    const failed = nextEvent(el, 'ecrypt-error');
    submitButton(el).click();
    await failed;
    await el.updateComplete;
    expect(notice(el)).to.equal('Karte abgelehnt.');
  });
});
