import { expect, html, waitUntil } from '@open-wc/testing';
import { TEST_CARDS } from '../../src/sandbox/test-data.js';
import { defaultLoaders, type AddCardLoaders } from '../../src/components/ecrypt-add-card/ecrypt-add-card.loaders.js';
import type { TestBackend } from '../support/backend.js';
import { fill, fillCard, mount, nextEvent, notice, submitAndSettle, submitButton, useShopperBackend } from './ecrypt-add-card.helpers.js';

/** Whether this page has fetched the outcome module (each test file runs in a fresh page). */
const outcomeFetched = () =>
  performance.getEntriesByType('resource').some(entry => /\/ecrypt-add-card\.outcome\.[jt]s(\?|$)/.test(entry.name));

describe('<ecrypt-add-card> outcome module', () => {
  let backend: TestBackend;
  useShopperBackend(created => (backend = created));

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

  it('reports a failed load of the module as the form failing to load, and sends nothing', async () => {
    // What a dynamic import throws when its chunk cannot be fetched.
    const loaders: AddCardLoaders = {
      ...defaultLoaders,
      outcome: () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')),
    };
    const el = await mount(html`<ecrypt-add-card endpoint="/api/wallet" .loaders=${loaders}></ecrypt-add-card>`);
    await fillCard(el, { number: TEST_CARDS.visa.number });
    const error = nextEvent(el, 'ecrypt-error');
    await submitAndSettle(el);
    expect((await error).operation).to.equal('config');
    expect(backend.sandbox.requests.filter(r => r.path === '/v1/tokens')).to.have.length(0);
    expect(backend.requests.filter(r => r.method === 'POST')).to.have.length(0);
    expect(notice(el)).to.equal('The payment form could not be loaded.');
  });
});
