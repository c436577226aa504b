import { html } from 'lit';
import { TEST_CARDS, type SeedMethod } from '../../src/sandbox/index.js';
import '../../src/components/ecrypt-add-card/ecrypt-add-card.js';
import type { EcryptAddCard } from '../../src/components/ecrypt-add-card/ecrypt-add-card.js';
import { clock, failure, intercept, route, seedShopper, shown, updated, visualState, type Stage } from './visual.js';

const VISA: SeedMethod = { card: { accountNumber: TEST_CARDS.visa.number, expires: '0427', nameOnCard: 'Ada Lovelace' } };

/** Mounts the form on the test clock and waits until its config has loaded. */
async function addCard(stage: Stage, template = html`<ecrypt-add-card endpoint="/api/wallet" .now=${clock}></ecrypt-add-card>`) {
  const el = stage.show<EcryptAddCard>(template);
  await shown(el, 'form');
  await updated(el);
  return el;
}

/** Fills a field the way autofill does: one input event with the whole value. */
async function fill(el: EcryptAddCard, id: string, value: string): Promise<void> {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`);
  if (!input) throw new Error(`No field #${id}.`);
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText' }));
  await el.updateComplete;
}

async function fillCard(el: EcryptAddCard, number: string, expiry = '12/35', cvc = '123'): Promise<void> {
  await fill(el, 'number', number);
  await fill(el, 'expiry', expiry);
  await fill(el, 'cvc', cvc);
  await fill(el, 'name', 'Ada Lovelace');
  await fill(el, 'postal', '94107');
}

/** Submits with a click and waits until the save (or the check of the fields) has finished. */
async function submit(el: EcryptAddCard): Promise<void> {
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
  await updated(el);
  await shown(el, 'form[aria-busy="false"]', 'the save did not finish');
  await updated(el);
}

describe('<ecrypt-add-card> visual states', () => {
  describe('card, empty', () => {
    visualState('add-card-empty', async (stage, backend) => {
      await seedShopper(backend, []);
      await addCard(stage);
    });
  });

  describe('card with its brand and field errors', () => {
    visualState('add-card-errors', async (stage, backend) => {
      await seedShopper(backend, []);
      const el = await addCard(stage);
      // A Visa number that fails its check digit, a past expiry, a short security code.
      await fillCard(el, '4242424242424241', '01/25', '12');
      await submit(el);
      await shown(el, '#number-error');
      await shown(el, '[part~="brand"]');
    });
  });

  describe('bank account, with the checking / savings choice', () => {
    visualState('add-card-bank', async (stage, backend) => {
      await seedShopper(backend, []);
      const el = await addCard(stage);
      el.shadowRoot!.querySelector<HTMLInputElement>('input[name="kind"][value="bank"]')!.click();
      await shown(el, '#holder');
      await updated(el);
    });
  });

  describe('"Make this my default" checked', () => {
    visualState('add-card-default', async (stage, backend) => {
      await seedShopper(backend, [VISA]);
      await addCard(stage, html`<ecrypt-add-card endpoint="/api/wallet" default-checked .now=${clock}></ecrypt-add-card>`);
    });
  });

  describe('save failure notice', () => {
    visualState('add-card-save-failed', async (stage, backend) => {
      await seedShopper(backend, []);
      const el = await addCard(stage);
      await fillCard(el, TEST_CARDS.declined.number);
      await submit(el);
      await shown(el, '[part~="notice"]');
    });
  });

  describe('load error', () => {
    visualState('add-card-load-error', async (stage, backend) => {
      await seedShopper(backend, []);
      intercept(route('GET', '/config'), failure(502, 'gateway_error', 'The payment gateway did not answer.'));
      const el = stage.show<EcryptAddCard>(html`<ecrypt-add-card endpoint="/api/wallet" .now=${clock}></ecrypt-add-card>`);
      await shown(el, '[part~="retry-button"]');
      await updated(el);
    });
  });

  describe('card held for a retry after an unconfirmed save', () => {
    visualState('add-card-held', async (stage, backend) => {
      await seedShopper(backend, []);
      intercept(route('POST', '/methods'), failure(502, 'gateway_error', 'The payment gateway did not answer.'));
      const el = await addCard(stage);
      await fillCard(el, TEST_CARDS.visa.number);
      await submit(el);
      await shown(el, '[part~="held"]');
    });
  });
});
