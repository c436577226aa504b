import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { TEST_CARDS } from '../../src/sandbox/index.js';
import type { PaymentMethod } from '../../src/protocol/index.js';
import { listMethods, removeMethod } from '../../src/client/wallet-client.js';
import {
  CHECKING,
  MASTERCARD,
  VISA,
  addButton,
  announced,
  clock,
  focused,
  mount,
  next,
  numbers,
  rowOf,
  setupBackend,
  teardown,
  type EcryptWallet,
} from './ecrypt-wallet.helpers.js';

const addForm = (el: EcryptWallet) => el.shadowRoot!.querySelector('ecrypt-add-card');

/** Opens the inline form and waits until the add-card has loaded its config. */
async function open(el: EcryptWallet) {
  addButton(el).click();
  await waitUntil(() => addForm(el)?.shadowRoot?.querySelector('form'), 'the add form did not open');
  return addForm(el)!;
}

/** Fills a field of the add form the way autofill does. */
function fill(form: HTMLElement, id: string, value: string) {
  const input = form.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText' }));
}

/** Fills the add form with a card and saves it. */
async function save(form: HTMLElement, number: string) {
  fill(form, 'number', number);
  fill(form, 'expiry', '12/35');
  fill(form, 'cvc', '123');
  fill(form, 'name', 'Ada Lovelace');
  fill(form, 'postal', '94107');
  await (form as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
}

describe('<ecrypt-wallet> add', () => {
  afterEach(teardown);

  it('loads <ecrypt-add-card> only when the shopper asks for it, and opens it inline', async () => {
    const backend = setupBackend();
    await backend.seedShopper([VISA]);
    const el = await mount();
    expect(customElements.get('ecrypt-add-card'), 'loaded before the click').to.be.undefined;
    expect(addButton(el).textContent!.trim()).to.equal('Add payment method');
    const form = await open(el);
    expect(customElements.get('ecrypt-add-card')).to.exist;
    expect(form.getAttribute('endpoint')).to.equal('/api/wallet');
    expect(form.hasAttribute('cancelable')).to.be.true;
    expect(form.getAttribute('part')).to.equal('add-form');
    expect(addButton(el)).to.be.null;
    await waitUntil(() => focused(el) === form && form.shadowRoot!.activeElement?.id === 'number', 'focus did not move to the first field');
  });

  it('closes the form on cancel and gives focus back to the add button', async () => {
    const backend = setupBackend();
    await backend.seedShopper([VISA]);
    const el = await mount();
    const form = await open(el);
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="cancel-button"]')!.click();
    await el.updateComplete;
    expect(addForm(el)).to.be.null;
    await waitUntil(() => focused(el) === addButton(el), 'focus did not return to the add button');
  });

  it('takes the saved method from the server’s answer into the list, once, and focuses it', async () => {
    const backend = setupBackend();
    const customerId = await backend.seedShopper([{ ...VISA, default: true }]);
    const el = await mount();
    const form = await open(el);
    const heard: PaymentMethod[] = [];
    const flags: { bubbles: boolean; composed: boolean }[] = [];
    const listener = (event: Event) => {
      heard.push((event as Event & { method: PaymentMethod }).method);
      flags.push({ bubbles: event.bubbles, composed: event.composed });
    };
    document.addEventListener('ecrypt-method-added', listener);
    await save(form, TEST_CARDS.mastercard.number);
    await waitUntil(() => numbers(el).includes('•••• 4444'), 'the new method is not in the list');
    document.removeEventListener('ecrypt-method-added', listener);
    expect(heard, 'the page hears the form’s event exactly once').to.have.length(1);
    expect(flags[0]).to.deep.equal({ bubbles: true, composed: true });
    const saved = backend.sandbox.state.wallet(customerId).find(m => m.accountNumber.endsWith('4444'))!;
    expect(heard[0]!.id).to.equal(saved.id);
    expect(addForm(el)).to.be.null;
    expect(rowOf(el, '4242').querySelector('[part~="default-badge"]')).to.exist;
    await waitUntil(() => announced(el) === 'Mastercard ending in 4444 was added.');
    await waitUntil(() => focused(el) === rowOf(el, '4444'), 'focus is not on the new method');
    expect(backend.requests.filter(r => r.method === 'POST')).to.have.length(1);
  });

  it('shows the list as the server answered the save, in its order (the default first, then newest first)', async () => {
    const backend = setupBackend();
    await backend.seedShopper([{ ...VISA, default: true }, CHECKING]);
    const el = await mount();
    const form = await open(el);
    const added = next(el, 'ecrypt-method-added');
    await save(form, TEST_CARDS.mastercard.number);
    await added;
    await el.updateComplete;
    const { methods } = await listMethods('/api/wallet');
    expect(numbers(el)).to.deep.equal(methods.map(m => `•••• ${m.last4}`));
    expect(numbers(el).slice(0, 2)).to.deep.equal(['•••• 4242', '•••• 4444']);
  });

  it('shows the list as the server answered when a duplicate is made the default instead', async () => {
    const backend = setupBackend();
    await backend.seedShopper([{ ...VISA, default: true }, MASTERCARD, CHECKING]);
    const el = await mount();
    // Meanwhile the checking account goes, in another tab.
    await removeMethod('/api/wallet', el.methods.find(m => m.kind === 'bank')!.id);
    const form = await open(el);
    await save(form, TEST_CARDS.mastercard.number);
    await waitUntil(
      () => form.shadowRoot!.querySelector('[part~="default-button"]'),
      'the form did not offer to make the saved card the default',
    );
    const changed = next(el, 'ecrypt-default-changed');
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="default-button"]')!.click();
    await changed;
    await el.updateComplete;
    const { methods } = await listMethods('/api/wallet');
    expect(numbers(el)).to.deep.equal(methods.map(m => `•••• ${m.last4}`));
    expect(el.methods.filter(m => m.isDefault).map(m => m.last4)).to.deep.equal(['4444']);
    expect(addForm(el), 'the form closed').to.equal(null);
    await waitUntil(() => announced(el) === 'Mastercard ending in 4444 is now your default payment method.', 'the wallet did not say so');
    await waitUntil(() => focused(el) === rowOf(el, '4444'), 'focus is not on the new default');
  });

  it('clears the old default when the new method is the default, and picks it in checkout mode', async () => {
    const backend = setupBackend();
    await backend.seedShopper([{ ...VISA, default: true }]);
    const el = await mount(html`<ecrypt-wallet endpoint="/api/wallet" selectable .now=${clock}></ecrypt-wallet>`);
    const form = await open(el);
    const added = {
      id: 'wallet-entry-new-1',
      kind: 'card',
      brand: 'mastercard',
      last4: '4444',
      expMonth: 12,
      expYear: 2035,
      isDefault: true,
      createdAt: '2026-11-23T12:00:00.000Z',
    };
    const changed = oneEvent(el, 'change');
    const { EcryptMethodAddedEvent } = await import('../../src/events/wallet-events.js');
    form.dispatchEvent(new EcryptMethodAddedEvent(added as PaymentMethod));
    await changed;
    expect(el.value).to.equal('wallet-entry-new-1');
    expect(rowOf(el, '4444').querySelector('[part~="default-badge"]')).to.exist;
    expect(rowOf(el, '4242').querySelector('[part~="default-badge"]')).to.be.null;
  });

  it('offers no add button when readonly, even with room for more methods', async () => {
    const backend = setupBackend();
    await backend.seedShopper([VISA, MASTERCARD]);
    const el = await mount(html`<ecrypt-wallet endpoint="/api/wallet" readonly></ecrypt-wallet>`);
    expect(addButton(el)).to.be.null;
  });
});
