import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { FormAssociated, type FormValidity } from '../../../src/components/shared/form-associated.js';

/** The smallest form control on the mixin: a value, required, and a button that says it is busy. */
@customElement('test-choice')
class TestChoice extends FormAssociated(LitElement) {
  @property() value = '';
  @property({ type: Boolean }) required = false;

  override formResetCallback(): void {
    this.value = this.getAttribute('value') ?? '';
  }

  override formStateRestoreCallback(state: string | File | FormData | null): void {
    if (typeof state === 'string') this.value = state;
  }

  /** Picks `value` as a shopper would: the value changes, then `change` fires at once. */
  pick(value: string): void {
    this.value = value;
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  setBusy(busy: boolean): void {
    this._toggleState('busy', busy);
  }

  get effectivelyDisabled(): boolean {
    return this._effectivelyDisabled;
  }

  protected override _formValue(): string | null {
    return this.value || null;
  }

  protected override _formValidity(): FormValidity {
    if (this.required && !this.value)
      return { flags: { valueMissing: true }, message: 'Choose one.', anchor: this.renderRoot.querySelector('button') ?? undefined };
    return { flags: {}, message: '' };
  }

  protected override render() {
    return html`<button type="button">${this.value || 'none'}</button>`;
  }
}

async function inForm(attributes = '') {
  const form = await fixture<HTMLFormElement>(
    `<form><label for="choice">Choice</label><test-choice id="choice" name="choice" ${attributes}></test-choice></form>`,
  );
  return { form, el: form.querySelector<TestChoice>('test-choice')! };
}

describe('FormAssociated', () => {
  it('hands the new value to the form before the change event is heard', async () => {
    const { form, el } = await inForm('value="a"');
    const seen: unknown[] = [];
    form.addEventListener('change', () => seen.push(new FormData(form).get('choice')));
    el.pick('b');
    el.pick('c');
    expect(seen).to.deep.equal(['b', 'c']);
  });

  it('leaves the element out of the form while its value is null', async () => {
    const { form, el } = await inForm();
    expect(new FormData(form).has('choice')).to.be.false;
    el.value = 'a';
    expect(new FormData(form).get('choice')).to.equal('a');
  });

  it('gives the form, the labels and willValidate of a native control', async () => {
    const { form, el } = await inForm();
    expect(el.form).to.equal(form);
    expect([...el.labels]).to.deep.equal([form.querySelector('label')]);
    expect(el.willValidate).to.be.true;
  });

  it('reports the element’s own validity at once, and fires invalid when checked', async () => {
    const { form, el } = await inForm('required');
    expect(el.validity.valueMissing).to.be.true;
    expect(el.validationMessage).to.equal('Choose one.');
    const invalid = oneEvent(el, 'invalid');
    expect(el.checkValidity()).to.be.false;
    await invalid;
    expect(form.checkValidity()).to.be.false;
    el.value = 'a';
    expect(el.validity.valid).to.be.true;
    expect(form.checkValidity()).to.be.true;
  });

  it('points the browser at the control the element names when it reports a failure', async () => {
    const { el } = await inForm('required');
    await el.updateComplete;
    expect(el.reportValidity()).to.be.false;
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('button'));
  });

  it('takes a custom validity over its own, until it is cleared', async () => {
    const { form, el } = await inForm('value="a"');
    el.setCustomValidity('Not this one.');
    expect(el.validity.customError).to.be.true;
    expect(el.validity.valid).to.be.false;
    expect(el.validationMessage).to.equal('Not this one.');
    el.value = 'b';
    expect(el.validationMessage, 'a new value keeps the custom message').to.equal('Not this one.');
    expect(form.checkValidity()).to.be.false;
    el.setCustomValidity('');
    expect(el.validity.valid).to.be.true;
  });

  it('goes back to its value attribute when the form resets', async () => {
    const { form, el } = await inForm('value="a"');
    el.pick('b');
    form.reset();
    expect(el.value).to.equal('a');
    expect(new FormData(form).get('choice')).to.equal('a');
  });

  it('is disabled by its own attribute or a disabled fieldset, and then left out of the form', async () => {
    const { form, el } = await inForm('value="a"');
    el.disabled = true;
    await el.updateComplete;
    expect(el.hasAttribute('disabled'), 'reflected').to.be.true;
    expect(el.effectivelyDisabled).to.be.true;
    expect(el.willValidate).to.be.false;
    expect(new FormData(form).has('choice')).to.be.false;
    el.disabled = false;
    const fieldset = document.createElement('fieldset');
    form.append(fieldset);
    fieldset.append(el);
    fieldset.disabled = true;
    await el.updateComplete;
    expect(el.effectivelyDisabled).to.be.true;
    expect(new FormData(form).has('choice')).to.be.false;
    fieldset.disabled = false;
    await el.updateComplete;
    expect(el.effectivelyDisabled).to.be.false;
    expect(new FormData(form).get('choice')).to.equal('a');
  });

  it('sets and clears a custom state', async () => {
    const { el } = await inForm();
    el.setBusy(true);
    expect(el.matches(':state(busy)')).to.be.true;
    el.setBusy(false);
    expect(el.matches(':state(busy)')).to.be.false;
  });
});
