import { expect } from '@open-wc/testing';
import { TEST_CARDS } from '../../src/sandbox/test-data.js';
import type { Tokenizer } from '../../src/client/tokenizer.js';
import { fillCard, mount, nextEvent, submitButton, useShopperBackend } from './ecrypt-add-card.helpers.js';

/** Whether this page has fetched the gateway tokenizer module (each test file runs in a fresh page). */
const tokenizerFetched = () => performance.getEntriesByType('resource').some(entry => /\/client\/tokenizer\.[jt]s(\?|$)/.test(entry.name));

describe('<ecrypt-add-card> gateway tokenizer', () => {
  useShopperBackend(() => {});

  // First in this file: once the module is fetched, the page keeps it.
  it('is never fetched when the page supplies its own tokenizer', async () => {
    const el = await mount();
    const requests: unknown[] = [];
    const own: Tokenizer = {
      tokenize: async request => {
        requests.push(request);
        return { token: 'tok_own', metadata: {} };
      },
    };
    el.tokenizer = own;
    await fillCard(el, { number: TEST_CARDS.visa.number });
    // The backend refuses a token the sandbox never issued; only what the page fetched matters here.
    const failed = nextEvent(el, 'ecrypt-error');
    submitButton(el).click();
    await failed;
    expect(requests).to.have.length(1);
    expect(tokenizerFetched()).to.be.false;
  });

  it('is not fetched until the shopper edits a field, then tokenizes the card', async () => {
    const el = await mount();
    expect(tokenizerFetched()).to.be.false;
    await fillCard(el, { number: TEST_CARDS.visa.number });
    const added = nextEvent(el, 'ecrypt-method-added');
    submitButton(el).click();
    const { method } = await added;
    expect(method).to.include({ kind: 'card', last4: '4242' });
    expect(tokenizerFetched()).to.be.true;
  });
});
