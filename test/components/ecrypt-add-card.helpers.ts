/** Shared set-up for the `<ecrypt-add-card>` browser tests. */
import { fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import { createTestBackend, type TestBackend, type TestBackendOptions } from '../support/backend.js';
import '../../src/components/ecrypt-add-card/ecrypt-add-card.js';
import type { EcryptAddCard } from '../../src/components/ecrypt-add-card/ecrypt-add-card.js';

/** The clock of the element, the handler and the sandbox in every test: 23 November 2026, local noon. */
export const NOW = new Date(2026, 10, 23, 12);
export const clock = () => NOW;

/** The real handler and sandbox, both on the test clock. */
export const createBackend = (options: TestBackendOptions = {}): TestBackend => createTestBackend({ now: () => NOW.getTime(), ...options });

/**
 * A fresh in-page backend (real handler and sandbox) with a signed-in shopper
 * around every test of the calling suite; `receive` gets each new one.
 */
export function useShopperBackend(receive: (backend: TestBackend) => void): void {
  let restore = () => {};
  beforeEach(async () => {
    const backend = createBackend();
    restore = backend.install();
    await backend.seedShopper();
    receive(backend);
  });
  afterEach(() => restore());
}

export type FieldId = 'number' | 'expiry' | 'cvc' | 'name' | 'postal' | 'holder' | 'routing' | 'account' | 'default';

/** `oneEvent`, typed with the event class registered for the name. */
export const nextEvent = <K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, type: K) =>
  oneEvent(target, type) as unknown as Promise<GlobalEventHandlersEventMap[K]>;

/** Mounts the element on the test clock and waits until its config has loaded and the form is there. */
export async function mount(
  template: TemplateResult = html`<ecrypt-add-card endpoint="/api/wallet"></ecrypt-add-card>`,
): Promise<EcryptAddCard> {
  const el = await fixture<EcryptAddCard>(template);
  el.now = clock;
  await waitUntil(() => el.shadowRoot!.querySelector('form'), 'the form did not render');
  return el;
}

export const field = (el: EcryptAddCard, id: FieldId) => el.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
export const errorOf = (el: EcryptAddCard, id: FieldId) => el.shadowRoot!.querySelector(`#${id}-error`)?.textContent?.trim();
export const submitButton = (el: EcryptAddCard) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!;
export const notice = (el: EcryptAddCard) => el.shadowRoot!.querySelector('#notice')?.textContent?.trim();
export const announced = (el: EcryptAddCard) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();

/** Types with the real keyboard into a field. */
export async function typeInto(el: EcryptAddCard, id: FieldId, text: string): Promise<void> {
  field(el, id).focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

/** Fills a field the way autofill does: one input event with the whole value. */
export async function fill(el: EcryptAddCard, id: FieldId, value: string): Promise<void> {
  const input = field(el, id);
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText' }));
  await el.updateComplete;
}

export async function fillCard(
  el: EcryptAddCard,
  card: { number: string; expiry?: string; cvc?: string; name?: string; postal?: string },
): Promise<void> {
  await fill(el, 'number', card.number);
  await fill(el, 'expiry', card.expiry ?? '12/35');
  await fill(el, 'cvc', card.cvc ?? '123');
  await fill(el, 'name', card.name ?? 'Ada Lovelace');
  await fill(el, 'postal', card.postal ?? '94107');
}

/** Waits until the lazily loaded bank account fields are there. */
export async function bankLoaded(el: EcryptAddCard): Promise<void> {
  await waitUntil(() => el.shadowRoot!.querySelector('#holder'), 'the bank account fields did not load');
  await el.updateComplete;
}

export async function chooseBank(el: EcryptAddCard): Promise<void> {
  el.shadowRoot!.querySelector<HTMLInputElement>('input[name="kind"][value="bank"]')!.click();
  await el.updateComplete;
  await bankLoaded(el);
}

export async function fillBank(el: EcryptAddCard, bank: { accountNumber: string; routingNumber: string; holder?: string }): Promise<void> {
  await chooseBank(el);
  await fill(el, 'holder', bank.holder ?? 'Ada Lovelace');
  await fill(el, 'routing', bank.routingNumber);
  await fill(el, 'account', bank.accountNumber);
}

/** Submits with a click and waits for the save to finish. */
export async function submitAndSettle(el: EcryptAddCard): Promise<void> {
  submitButton(el).click();
  await el.updateComplete;
  await waitUntil(() => submitButton(el).getAttribute('aria-disabled') === 'false', 'the save did not finish');
  await el.updateComplete;
}
