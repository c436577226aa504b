import { html } from 'lit';
import { TEST_BANK_ACCOUNTS, TEST_CARDS, type SeedMethod } from '../../src/sandbox/index.js';
import '../../src/components/ecrypt-wallet/ecrypt-wallet.js';
import type { EcryptWallet } from '../../src/components/ecrypt-wallet/ecrypt-wallet.js';
import { clock, failure, intercept, route, seedShopper, shown, updated, visualState, type Stage } from './visual.js';

const VISA: SeedMethod = { card: { accountNumber: TEST_CARDS.visa.number, expires: '0427', nameOnCard: 'Ada Lovelace' } };
const MASTERCARD: SeedMethod = { card: { accountNumber: TEST_CARDS.mastercard.number, expires: '1235' } };
/** Usable through 30 November 2026: seven days on the test clock, so "expiring soon". */
const AMEX_SOON: SeedMethod = { card: { accountNumber: TEST_CARDS.amex.number, expires: '1126', nameOnCard: 'Ada Lovelace' } };
/** Usable through 31 October 2026: expired on the test clock. */
const MASTERCARD_EXPIRED: SeedMethod = { card: { accountNumber: TEST_CARDS.mastercard.number, expires: '1026' } };
const CHECKING: SeedMethod = {
  bank: {
    accountNumber: TEST_BANK_ACCOUNTS.checking.accountNumber,
    routingNumber: TEST_BANK_ACCOUNTS.checking.routingNumber,
    accountType: 0,
    name: 'Ada Lovelace',
  },
};

const wallet = (stage: Stage) => stage.show<EcryptWallet>(html`<ecrypt-wallet endpoint="/api/wallet" .now=${clock}></ecrypt-wallet>`);

/** Waits until the methods are listed and no change is in flight. */
async function listed(el: Element): Promise<void> {
  await shown(el, '[part~="list"]');
  await settled(el);
}

async function settled(el: Element): Promise<void> {
  await updated(el);
  await shown(el, '[part~="base"]:not(:has([aria-busy="true"]))', 'the wallet stayed busy');
  await updated(el);
}

/** The row of the method whose number ends with `last4`. */
async function row(el: Element, last4: string): Promise<Element> {
  await listed(el);
  const found = [...el.shadowRoot!.querySelectorAll('[part~="method"]')].find(method =>
    method.querySelector('[part~="number"]')?.textContent?.includes(last4),
  );
  if (!found) throw new Error(`No method ending in ${last4}.`);
  return found;
}

describe('<ecrypt-wallet> visual states', () => {
  describe('loading skeleton', () => {
    visualState('wallet-loading', async stage => {
      intercept(route('GET', '/methods'), 'never');
      const el = wallet(stage);
      await shown(el, '[part~="skeleton"]');
      await updated(el);
    });
  });

  describe('empty', () => {
    visualState('wallet-empty', async (stage, backend) => {
      await seedShopper(backend, []);
      const el = wallet(stage);
      await shown(el, '[part~="empty"]');
      await settled(el);
    });
  });

  describe('list: default and expiring soon, expired, bank account', () => {
    visualState('wallet-list', async (stage, backend) => {
      await seedShopper(backend, [{ ...AMEX_SOON, default: true }, CHECKING], [MASTERCARD_EXPIRED]);
      await listed(wallet(stage));
    });
  });

  describe('confirm removal', () => {
    visualState('wallet-confirm-remove', async (stage, backend) => {
      await seedShopper(backend, [{ ...VISA, default: true }, CHECKING]);
      const el = wallet(stage);
      (await row(el, '6789')).querySelector<HTMLButtonElement>('[part~="remove-button"]')!.click();
      await shown(el, '[part~="confirm"]');
      await updated(el);
    });
  });

  describe('load error', () => {
    visualState('wallet-load-error', async stage => {
      intercept(route('GET', '/methods'), failure(502, 'gateway_error', 'The payment gateway did not answer.'));
      const el = wallet(stage);
      await shown(el, '[part~="retry-button"]');
      await updated(el);
    });
  });

  describe('change error notice', () => {
    visualState('wallet-change-error', async (stage, backend) => {
      await seedShopper(backend, [{ ...VISA, default: true }, MASTERCARD]);
      intercept(
        request => route(request.method)(request) && request.method !== 'GET',
        failure(502, 'gateway_error', 'The payment gateway did not answer.'),
      );
      const el = wallet(stage);
      (await row(el, '4444')).querySelector<HTMLButtonElement>('[part~="default-button"]')!.click();
      await shown(el, '[part~="error"]');
      await settled(el);
    });
  });

  describe('limit reached', () => {
    visualState('wallet-limit', async (stage, backend) => {
      await seedShopper(backend, [{ ...VISA, default: true }, MASTERCARD, AMEX_SOON, CHECKING]);
      const el = wallet(stage);
      await shown(el, '[part~="limit"]');
      await settled(el);
    });
  });

  describe('checkout: another method picked', () => {
    visualState('wallet-checkout-pick', async (stage, backend) => {
      await seedShopper(backend, [{ ...VISA, default: true }, MASTERCARD, CHECKING]);
      const form = stage.show<HTMLFormElement>(
        html`<form><ecrypt-wallet endpoint="/api/wallet" selectable name="paymentMethod" required .now=${clock}></ecrypt-wallet></form>`,
      );
      const el = form.querySelector('ecrypt-wallet')!;
      (await row(el, '4444')).querySelector<HTMLInputElement>('input[type="radio"]')!.click();
      await settled(el);
    });
  });

  describe('checkout: nothing can be picked, the form invalid', () => {
    visualState('wallet-checkout-invalid', async (stage, backend) => {
      await seedShopper(backend, [], [{ ...MASTERCARD_EXPIRED, default: true }]);
      const form = stage.show<HTMLFormElement>(
        html`<form><ecrypt-wallet endpoint="/api/wallet" selectable name="paymentMethod" required .now=${clock}></ecrypt-wallet></form>`,
      );
      const el = form.querySelector('ecrypt-wallet')!;
      await listed(el);
      // checkValidity, not reportValidity: the browser's bubble fades on its own clock.
      if (form.checkValidity()) throw new Error('The form should be invalid with nothing picked.');
      await settled(el);
    });
  });

  describe('read-only', () => {
    visualState('wallet-readonly', async (stage, backend) => {
      await seedShopper(backend, [{ ...VISA, default: true }, CHECKING]);
      const el = stage.show<EcryptWallet>(html`<ecrypt-wallet endpoint="/api/wallet" readonly .now=${clock}></ecrypt-wallet>`);
      await listed(el);
    });
  });

  describe('inline add form open', () => {
    visualState('wallet-add-open', async (stage, backend) => {
      await seedShopper(backend, [{ ...VISA, default: true }]);
      const el = wallet(stage);
      await listed(el);
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="add-button"]')!.click();
      const form = await shown(el, 'ecrypt-add-card >>> form');
      await updated(el);
      await updated(form.getRootNode() instanceof ShadowRoot ? (form.getRootNode() as ShadowRoot).host : el);
    });
  });
});
