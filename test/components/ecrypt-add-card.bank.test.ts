import { expect, html, waitUntil } from '@open-wc/testing';
import { defaultLoaders, type AddCardLoaders } from '../../src/components/ecrypt-add-card/ecrypt-add-card.loaders.js';
import type { TestBackend } from '../support/backend.js';
import { TEST_BANK_ACCOUNTS } from '../../src/sandbox/test-data.js';
import {
  announced,
  bankLoaded,
  chooseBank,
  field,
  fill,
  mount,
  nextEvent,
  submitButton,
  useShopperBackend,
} from './ecrypt-add-card.helpers.js';

/** Whether this page has fetched the bank account module (each test file runs in a fresh page). */
const bankModuleFetched = () =>
  performance.getEntriesByType('resource').some(entry => /\/ecrypt-add-card\.bank\.[jt]s(\?|$)/.test(entry.name));

describe('<ecrypt-add-card> bank account module', () => {
  let backend: TestBackend;
  useShopperBackend(created => (backend = created));

  // First in this file: once the module is fetched, the page keeps it.
  it('is not fetched when only cards are offered', async () => {
    const el = await mount(
      html`<ecrypt-add-card public-key="pk_sandbox_public_demo" gateway-url="https://gateway.sandbox.test"></ecrypt-add-card>`,
    );
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('input[name="kind"]') === null, 'no card / bank account choice').to.equal(true);
    expect(el.shadowRoot!.querySelector('#holder') === null, 'no account holder field').to.equal(true);
    expect(bankModuleFetched()).to.be.false;
  });

  it('is fetched as soon as /config offers bank accounts, before the shopper picks one', async () => {
    const el = await mount();
    await bankLoaded(el);
    expect(bankModuleFetched()).to.be.true;
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('input[name="kind"][value="card"]')!.checked).to.be.true;
    expect(field(el, 'holder').offsetParent === null, 'the holder field is hidden').to.equal(true);
    expect(field(el, 'number').offsetParent).to.not.equal(null);
  });

  it('shows the bank account fields on choosing Bank account and saves one end to end', async () => {
    const el = await mount();
    await chooseBank(el);
    expect(field(el, 'routing').offsetParent).to.not.equal(null);
    const { checking } = TEST_BANK_ACCOUNTS;
    await fill(el, 'holder', 'Ada Lovelace');
    await fill(el, 'routing', checking.routingNumber);
    await fill(el, 'account', checking.accountNumber);
    const added = nextEvent(el, 'ecrypt-method-added');
    submitButton(el).click();
    const { method } = await added;
    expect(method).to.include({ kind: 'bank', last4: '6789' });
    const [save] = backend.requests.filter(r => r.method === 'POST' && r.pathname.endsWith('/methods'));
    expect(JSON.parse(save!.body)).to.deep.include({ billingAddress: { name: 'Ada Lovelace' } });
    expect(save!.body).not.to.include(checking.accountNumber);
    await waitUntil(() => announced(el) !== '');
    expect(announced(el)).to.equal('Bank account ending in 6789 was saved.');
    await expect(el).to.be.accessible();
  });

  it('checks bank fields with the loaded validation', async () => {
    const el = await mount();
    await chooseBank(el);
    await el.submit();
    expect(el.shadowRoot!.querySelector('#routing-error')!.textContent!.trim()).to.equal('Enter the routing number.');
    expect(el.shadowRoot!.activeElement === field(el, 'holder'), 'the account holder has focus').to.equal(true);
  });

  it('lets merchants override the bank sentences', async () => {
    const el = await mount();
    el.messages = { holderNameLabel: 'Kontoinhaber', accountTypeLegend: 'Kontoart', routingNumberRequired: 'Bankleitzahl fehlt.' };
    await chooseBank(el);
    expect(el.shadowRoot!.querySelector('label[for="holder"]')!.textContent).to.equal('Kontoinhaber');
    expect(el.shadowRoot!.querySelector('.types')!.closest('fieldset')!.querySelector('legend')!.textContent).to.equal('Kontoart');
    await el.submit();
    expect(el.shadowRoot!.querySelector('#routing-error')!.textContent!.trim()).to.equal('Bankleitzahl fehlt.');
  });

  it('says why Save does nothing while the bank account fields are loading, or after they failed to load, and loads them on retry', async () => {
    // A loader the test settles: what the element sees while the chunk is on its way, and when its fetch fails.
    let fail = (_error: Error) => {};
    let calls = 0;
    const loaders: AddCardLoaders = {
      ...defaultLoaders,
      bank: () => (++calls === 1 ? new Promise((_resolve, reject) => (fail = reject)) : defaultLoaders.bank()),
    };
    const el = await mount(html`<ecrypt-add-card endpoint="/api/wallet" .loaders=${loaders}></ecrypt-add-card>`);
    el.shadowRoot!.querySelector<HTMLInputElement>('input[name="kind"][value="bank"]')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[data-kind="bank"] .loading'), 'a loading placeholder').to.exist;
    submitButton(el).click();
    await waitUntil(() => announced(el) === 'Loading the payment form…', 'Save while loading said nothing');
    fail(new TypeError('Failed to fetch dynamically imported module'));
    const retryButton = () => el.shadowRoot!.querySelector<HTMLButtonElement>('[data-kind="bank"] [part="retry-button"]');
    await waitUntil(retryButton, 'no retry offered');
    submitButton(el).click();
    await waitUntil(() => announced(el) === 'The payment form could not be loaded.', 'Save after a failed load said nothing');
    expect(backend.sandbox.requests.filter(r => r.path === '/v1/tokens')).to.have.length(0);
    await expect(el).to.be.accessible();
    retryButton()!.click();
    await bankLoaded(el);
    expect(calls).to.equal(2);
  });
});
