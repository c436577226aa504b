import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { listMethods } from '../../src/client/wallet-client.js';
import { EcryptMethodAddedEvent } from '../../src/events/wallet-events.js';
import {
  AMEX_SOON,
  CHECKING,
  MASTERCARD,
  VISA,
  clock,
  errorResponse,
  failNext,
  focused,
  gate,
  method,
  name,
  radios,
  rowOf,
  setupBackend,
  teardown,
  type EcryptWallet,
} from './ecrypt-wallet.helpers.js';

const radioOf = (el: EcryptWallet, last4: string) => rowOf(el, last4).querySelector('input')!;
/** What has focus, by its accessible name (a failed comparison of elements can stall the runner's report). */
const focusedName = (el: EcryptWallet) => focused(el)?.getAttribute('aria-label') ?? focused(el)?.outerHTML.slice(0, 60);

/** A form with a checkout wallet of Visa (default), Mastercard and checking; methods loaded. */
async function checkout(attributes = html``, seed = [{ ...VISA, default: true }, MASTERCARD, CHECKING]) {
  const backend = setupBackend();
  await backend.seedShopper(seed);
  const form = await fixture<HTMLFormElement>(
    html`<form>
      <button type="button">before</button>
      <ecrypt-wallet endpoint="/api/wallet" selectable name="payment_method" .now=${clock} ${attributes}></ecrypt-wallet>
      <button type="button">after</button>
    </form>`,
  );
  const el = form.querySelector('ecrypt-wallet')!;
  await waitUntil(() => radios(el).length === seed.length, 'the methods did not load');
  await el.updateComplete;
  return { backend, form, el, before: form.querySelector('button')!, after: form.querySelectorAll('button')[1]! };
}

describe('<ecrypt-wallet selectable>', () => {
  afterEach(teardown);

  it('is a radio group of methods with their full names', async () => {
    const { el } = await checkout();
    const list = el.shadowRoot!.querySelector('[part~="list"]')!;
    expect(list.getAttribute('role')).to.equal('radiogroup');
    expect(list.getAttribute('aria-label')).to.equal('Choose a payment method');
    expect(radios(el)).to.have.length(3);
    expect(name(el, '4242')).to.equal('Visa ending in 4242, expires 04/27, default');
  });

  it('picks the default method until the shopper picks another, and submits its id', async () => {
    const { form, el } = await checkout();
    const visaId = el.methods.find(m => m.last4 === '4242')!.id;
    expect(el.value).to.equal(visaId);
    expect(radioOf(el, '4242').checked).to.be.true;
    expect(new FormData(form).get('payment_method')).to.equal(visaId);
  });

  it('fires a native change when the shopper clicks another method', async () => {
    const { form, el } = await checkout();
    const mastercardId = el.methods.find(m => m.last4 === '4444')!.id;
    const changed = oneEvent(el, 'change');
    rowOf(el, '4444').querySelector<HTMLElement>('.summary')!.click();
    const event = await changed;
    expect(event.bubbles).to.be.true;
    expect(el.value).to.equal(mastercardId);
    expect(new FormData(form).get('payment_method')).to.equal(mastercardId);
  });

  it('is one tab stop; arrow keys move the pick and fire change', async () => {
    const { form, el, before } = await checkout(html``);
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(radios(el).find(r => r.checked));
    const order = radios(el);
    const start = order.findIndex(r => r.checked);
    const changed = oneEvent(el, 'change');
    await sendKeys({ press: 'ArrowDown' });
    await changed;
    const next = order[(start + 1) % order.length]!;
    expect(focused(el)).to.equal(next);
    expect(el.value).to.equal(next.value);
    expect(new FormData(form).get('payment_method')).to.equal(next.value);
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => el.value === order[start]!.value, 'ArrowUp did not move back');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.getAttribute('part')).to.equal('button add-button');
  });

  it('submits the picked id with the form, picked by keyboard only', async () => {
    const { form, el, before } = await checkout(html``);
    const start = el.value;
    before.focus();
    await sendKeys({ press: 'Tab' });
    const changed = oneEvent(el, 'change');
    await sendKeys({ press: 'ArrowDown' });
    await changed;
    await el.updateComplete;
    const picked = radios(el).filter(r => r.checked);
    expect(picked, 'one radio is checked').to.have.length(1);
    expect(el.value, 'ArrowDown moved the pick').not.to.equal(start);
    expect(picked[0]!.value).to.equal(el.value);
    expect(focusedName(el), 'focus is on the picked method').to.equal(picked[0]!.getAttribute('aria-label'));
    let submitted: FormData | undefined;
    form.addEventListener('submit', event => {
      event.preventDefault();
      submitted = new FormData(form);
    });
    form.requestSubmit();
    expect(submitted!.get('payment_method')).to.equal(el.value);
  });

  it('falls back to the default method when value is set to an unknown or an expired id', async () => {
    const { form, el } = await checkout(html``, [{ ...VISA, default: true }, AMEX_SOON, MASTERCARD]);
    const visaId = el.methods.find(m => m.last4 === '4242')!.id;
    el.value = 'wallet-entry-unknown';
    await el.updateComplete;
    expect(el.value).to.equal(visaId);
    expect(new FormData(form).get('payment_method')).to.equal(visaId);
    el.now = () => new Date(2026, 11, 5);
    el.value = el.methods.find(m => m.last4 === '0005')!.id;
    await el.updateComplete;
    expect(el.value).to.equal(visaId);
    expect(radioOf(el, '4242').checked).to.be.true;
    expect(new FormData(form).get('payment_method')).to.equal(visaId);
  });

  it('never lets an expired method be picked, not even as the default', async () => {
    const { el } = await checkout(html``, [{ ...AMEX_SOON, default: true }, VISA]);
    el.now = () => new Date(2026, 11, 5);
    await el.updateComplete;
    expect(radioOf(el, '0005').disabled).to.be.true;
    expect(el.value).to.equal('');
    rowOf(el, '0005').querySelector<HTMLElement>('.summary')!.click();
    await el.updateComplete;
    expect(el.value).to.equal('');
  });

  it('uses native validity when required and nothing can be picked', async () => {
    const { form, el } = await checkout(html``, [{ ...AMEX_SOON, default: true }, VISA]);
    el.required = true;
    el.now = () => new Date(2026, 11, 5);
    await el.updateComplete;
    expect(el.validity.valueMissing).to.be.true;
    expect(el.validationMessage).to.equal('Please choose a payment method.');
    expect(form.checkValidity()).to.be.false;
    expect(el.shadowRoot!.querySelector('[part~="list"]')!.getAttribute('aria-required')).to.equal('true');
    radioOf(el, '4242').click();
    await el.updateComplete;
    expect(el.validity.valid).to.be.true;
    expect(form.checkValidity()).to.be.true;
  });

  it('asks for a method to be added, not chosen, when there is none to choose', async () => {
    const backend = setupBackend();
    await backend.seedShopper([]);
    const form = await fixture<HTMLFormElement>(
      html`<form><ecrypt-wallet endpoint="/api/wallet" selectable required name="payment_method" .now=${clock}></ecrypt-wallet></form>`,
    );
    const el = form.querySelector('ecrypt-wallet')!;
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="empty"]'), 'the empty wallet did not show');
    await el.updateComplete;
    expect(el.validity.valueMissing).to.be.true;
    expect(el.validationMessage).to.equal('Please add a payment method.');
    expect(form.checkValidity()).to.be.false;
  });

  it('asks for a method to be added when every saved one has expired', async () => {
    const { el } = await checkout(html``, [{ ...AMEX_SOON, default: true }]);
    el.required = true;
    el.now = () => new Date(2026, 11, 5);
    await el.updateComplete;
    expect(el.validationMessage).to.equal('Please add a payment method.');
  });

  it('shows the missing pick on the first method that can be picked, not on an expired one', async () => {
    // Newest first: the expired American Express heads the list.
    const { el } = await checkout(html``, [VISA, MASTERCARD, { ...AMEX_SOON, default: true }]);
    el.required = true;
    el.now = () => new Date(2026, 11, 5);
    await el.updateComplete;
    expect(radios(el)[0]!.disabled).to.be.true;
    expect(el.reportValidity()).to.be.false;
    expect(focusedName(el)).to.equal(name(el, '4444'));
  });

  it('focuses the picked method, or else the first that can be picked, never a row', async () => {
    const { el } = await checkout(html``, [VISA, MASTERCARD, { ...AMEX_SOON, default: true }]);
    expect(el.shadowRoot!.querySelectorAll('[tabindex]')).to.have.length(0);
    el.value = el.methods.find(m => m.last4 === '4242')!.id;
    await el.updateComplete;
    el.focus();
    expect(focusedName(el)).to.equal(name(el, '4242'));
    el.now = () => new Date(2026, 11, 5);
    await el.updateComplete;
    el.value = '';
    await el.updateComplete;
    el.focus();
    expect(focusedName(el)).to.equal(name(el, '4444'));
  });

  it('asks for no pick while disabled, even when required', async () => {
    const { form, el } = await checkout(html``, [{ ...AMEX_SOON, default: true }]);
    el.required = true;
    el.now = () => new Date(2026, 11, 5);
    await el.updateComplete;
    expect(el.validity.valueMissing).to.be.true;
    el.disabled = true;
    await el.updateComplete;
    expect(el.validity.valid).to.be.true;
    expect(el.willValidate).to.be.false;
    expect(form.checkValidity()).to.be.true;
    expect(new FormData(form).has('payment_method')).to.be.false;
  });

  it('is left out of the form and cannot be picked when disabled, also through a fieldset', async () => {
    const { form, el } = await checkout();
    el.disabled = true;
    await el.updateComplete;
    expect(radios(el).every(r => r.disabled)).to.be.true;
    expect(new FormData(form).has('payment_method')).to.be.false;
    el.disabled = false;
    const fieldset = document.createElement('fieldset');
    form.append(fieldset);
    fieldset.append(el);
    fieldset.disabled = true;
    await el.updateComplete;
    expect(radios(el).every(r => r.disabled)).to.be.true;
    fieldset.disabled = false;
    await el.updateComplete;
    expect(radios(el).some(r => !r.disabled)).to.be.true;
  });

  it('goes back to the default method when the form resets', async () => {
    const { form, el } = await checkout();
    const visaId = el.methods.find(m => m.last4 === '4242')!.id;
    radioOf(el, '4444').click();
    await el.updateComplete;
    expect(el.value).not.to.equal(visaId);
    form.reset();
    await el.updateComplete;
    expect(el.value).to.equal(visaId);
    expect(radioOf(el, '4242').checked).to.be.true;
  });

  it('goes back to its value attribute when the form resets', async () => {
    const backend = setupBackend();
    await backend.seedShopper([{ ...VISA, default: true }, MASTERCARD, CHECKING]);
    const mastercardId = (await listMethods('/api/wallet')).methods.find(m => m.last4 === '4444')!.id;
    const form = await fixture<HTMLFormElement>(
      html`<form>
        <ecrypt-wallet endpoint="/api/wallet" selectable name="payment_method" value=${mastercardId} .now=${clock}></ecrypt-wallet>
      </form>`,
    );
    const el = form.querySelector('ecrypt-wallet')!;
    await waitUntil(() => radios(el).length === 3, 'the methods did not load');
    await el.updateComplete;
    expect(radioOf(el, '4444').checked).to.be.true;
    radioOf(el, '4242').click();
    await el.updateComplete;
    expect(new FormData(form).get('payment_method')).not.to.equal(mastercardId);
    form.reset();
    await el.updateComplete;
    expect(el.value).to.equal(mastercardId);
    expect(radioOf(el, '4444').checked).to.be.true;
    expect(new FormData(form).get('payment_method')).to.equal(mastercardId);
  });

  // No browser restores form state on demand, so the callback is called as the browser would.
  it('restores a pick the browser kept', async () => {
    const { el } = await checkout();
    const mastercardId = el.methods.find(m => m.last4 === '4444')!.id;
    el.formStateRestoreCallback(mastercardId);
    await el.updateComplete;
    expect(radioOf(el, '4444').checked).to.be.true;
  });

  describe('with no list loaded', () => {
    const UNKNOWN = 'wallet-entry-unknown';

    /** A required checkout wallet in a form, with a `value` attribute, not waiting for its methods. */
    async function unloaded(value: string) {
      const form = await fixture<HTMLFormElement>(
        html`<form>
          <ecrypt-wallet endpoint="/api/wallet" selectable required name="payment_method" value=${value} .now=${clock}></ecrypt-wallet>
        </form>`,
      );
      const el = form.querySelector('ecrypt-wallet')!;
      await el.updateComplete;
      return { form, el };
    }

    it('submits no value while the methods load, and is missing a pick when required', async () => {
      const backend = setupBackend();
      await backend.seedShopper([{ ...VISA, default: true }]);
      const { hold, release } = gate();
      hold();
      const { form, el } = await unloaded(UNKNOWN);
      expect(new FormData(form).has('payment_method')).to.be.false;
      expect(el.validity.valueMissing).to.be.true;
      expect(form.checkValidity()).to.be.false;
      await release();
      await waitUntil(() => radios(el).length === 1, 'the methods did not load');
      await el.updateComplete;
      expect(new FormData(form).get('payment_method')).to.equal(el.methods[0]!.id);
      expect(form.checkValidity()).to.be.true;
    });

    it('submits no value when loading failed, and keeps the value for the retry', async () => {
      const backend = setupBackend();
      await backend.seedShopper([{ ...VISA, default: true }, MASTERCARD]);
      const mastercardId = (await listMethods('/api/wallet')).methods.find(m => m.last4 === '4444')!.id;
      failNext('GET', '/methods', () => errorResponse('gateway_error', 502));
      const { form, el } = await unloaded(mastercardId);
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="retry-button"]'), 'the load did not fail');
      await el.updateComplete;
      expect(new FormData(form).has('payment_method')).to.be.false;
      expect(el.validity.valueMissing).to.be.true;
      expect(el.value).to.equal(mastercardId);
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
      await waitUntil(() => radios(el).length === 2, 'the retry did not load');
      await el.updateComplete;
      expect(new FormData(form).get('payment_method')).to.equal(mastercardId);
      expect(el.validity.valid).to.be.true;
    });

    it('submits no value after the endpoint changed until the other list has loaded', async () => {
      const { form, el } = await checkout(html``);
      const visaId = el.methods.find(m => m.last4 === '4242')!.id;
      const methods = [
        method({ id: visaId, last4: '4242', expMonth: 1, expYear: 2020 }),
        method({ id: 'wallet-entry-other-1', last4: '1111', isDefault: false }),
      ];
      failNext('GET', '/other/methods', () => Response.json({ methods, limit: 4 }));
      const { hold, release } = gate();
      hold();
      el.endpoint = '/other';
      await el.updateComplete;
      expect(new FormData(form).has('payment_method'), 'while the other list loads').to.be.false;
      await release();
      await waitUntil(() => radios(el).length === 2, 'the other list did not load');
      await el.updateComplete;
      expect(el.value, 'the same id has expired in the other wallet').to.equal('');
      expect(new FormData(form).has('payment_method')).to.be.false;
    });
  });

  describe('a form listening to change', () => {
    /** What `new FormData(form)` says inside each `change` the form hears, read synchronously in the listener. */
    const readAtChange = (form: HTMLFormElement) => {
      const seen: (string | null)[] = [];
      form.addEventListener('change', () => seen.push(new FormData(form).get('payment_method') as string | null));
      return seen;
    };

    it('reads the new pick when the shopper clicks another method', async () => {
      const { form, el } = await checkout();
      const seen = readAtChange(form);
      const changed = oneEvent(el, 'change');
      rowOf(el, '4444').querySelector<HTMLElement>('.summary')!.click();
      await changed;
      expect(seen).to.deep.equal([el.methods.find(m => m.last4 === '4444')!.id]);
    });

    it('reads the new pick when the shopper moves it with the arrow keys', async () => {
      const { form, el, before } = await checkout();
      const seen = readAtChange(form);
      before.focus();
      await sendKeys({ press: 'Tab' });
      const changed = oneEvent(el, 'change');
      await sendKeys({ press: 'ArrowDown' });
      await changed;
      expect(seen).to.have.length(1);
      expect(seen[0]).to.equal(el.value);
      expect(seen[0]).not.to.equal(el.methods.find(m => m.isDefault)!.id);
    });

    it('reads the method just added when it becomes the pick', async () => {
      const { form, el } = await checkout();
      const seen = readAtChange(form);
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="add-button"]')!.click();
      await waitUntil(() => el.shadowRoot!.querySelector('ecrypt-add-card'), 'the add form did not open');
      const added = method({ id: 'wallet-entry-new-1', brand: 'mastercard', last4: '4444', isDefault: false, expYear: 2035 });
      const methods = [...el.methods, added];
      const changed = oneEvent(el, 'change');
      el.shadowRoot!.querySelector('ecrypt-add-card')!.dispatchEvent(new EcryptMethodAddedEvent(added, { methods, limit: 10 }));
      await changed;
      expect(el.value).to.equal('wallet-entry-new-1');
      expect(seen).to.deep.equal(['wallet-entry-new-1']);
    });
  });

  it('does not fire change when code sets value', async () => {
    const { el } = await checkout();
    let changes = 0;
    el.addEventListener('change', () => changes++);
    el.value = el.methods.find(m => m.last4 === '4444')!.id;
    await el.updateComplete;
    expect(radioOf(el, '4444').checked).to.be.true;
    expect(changes).to.equal(0);
  });

  it('submits nothing when not selectable', async () => {
    const backend = setupBackend();
    await backend.seedShopper([VISA]);
    const form = await fixture<HTMLFormElement>(html`<form><ecrypt-wallet endpoint="/api/wallet" name="pm"></ecrypt-wallet></form>`);
    const el = form.querySelector('ecrypt-wallet')!;
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="method"]'), 'the methods did not load');
    expect(radios(el)).to.have.length(0);
    expect(new FormData(form).has('pm')).to.be.false;
  });
});
