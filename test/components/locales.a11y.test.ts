import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import {
  AMEX_SOON,
  CHECKING,
  DISCOVER,
  MASTERCARD,
  VISA,
  addButton,
  button,
  clock,
  errorResponse,
  failNext,
  gate,
  setupBackend,
  teardown,
  type EcryptWallet,
} from './ecrypt-wallet.helpers.js';
import { backgroundOf, contrast, expectAxeClean, outerRingColor } from './a11y.helpers.js';
import type { SeedMethod } from '../../src/sandbox/index.js';

/** The three locales every state is checked in: the source, a long-worded one, and a right-to-left one. */
const LOCALES = [
  { lang: 'en', dir: 'ltr' },
  { lang: 'de', dir: 'ltr' },
  { lang: 'ar', dir: 'rtl' },
] as const;

for (const { lang, dir } of LOCALES) {
  describe(`<ecrypt-wallet> accessibility in ${lang}`, () => {
    afterEach(teardown);

    /** A wallet in the locale, on a page-coloured frame; `loaded` waits for the list, the empty state or the failure. */
    async function place(options: { seed?: SeedMethod[]; attrs?: Partial<EcryptWallet>; loaded?: boolean } = {}): Promise<EcryptWallet> {
      const backend = setupBackend();
      await backend.seedShopper(options.seed ?? []);
      return render(options);
    }

    async function render({ attrs = {}, loaded = true }: { attrs?: Partial<EcryptWallet>; loaded?: boolean } = {}): Promise<EcryptWallet> {
      const frame = await fixture<HTMLElement>(
        html`<div lang=${lang} dir=${dir} style="padding: 1rem; background: Canvas">
          <ecrypt-wallet endpoint="/api/wallet" .now=${clock}></ecrypt-wallet>
        </div>`,
      );
      const el = frame.querySelector('ecrypt-wallet')!;
      Object.assign(el, attrs);
      if (loaded)
        await waitUntil(() => el.shadowRoot!.querySelector('[part~="list"], [part~="empty"], .failed'), 'the wallet did not load');
      await el.updateComplete;
      return el;
    }

    it('is axe clean while loading', async () => {
      setupBackend();
      gate().hold();
      const el = await render({ loaded: false });
      expect(el.shadowRoot!.querySelector('[part~="skeleton"]')).to.exist;
      await expectAxeClean(el);
    });

    it('is axe clean when empty', async () => {
      await expectAxeClean(await place());
    });

    it('is axe clean with every kind and badge', async () => {
      const el = await place({ seed: [{ ...VISA, default: true }, AMEX_SOON, CHECKING] });
      expect(el.shadowRoot!.querySelector('[part~="expiring-badge"]')).to.exist;
      await expectAxeClean(el);
    });

    it('is axe clean while confirming a removal', async () => {
      const el = await place({ seed: [VISA, MASTERCARD] });
      button(el, 'remove-button', '4242')!.click();
      await el.updateComplete;
      await expectAxeClean(el);
    });

    it('is axe clean after a failed change', async () => {
      const el = await place({ seed: [{ ...VISA, default: true }, MASTERCARD] });
      failNext('PUT', '/default', () => errorResponse('gateway_error', 502));
      button(el, 'default-button', '4444')!.click();
      await waitUntil(() => el.shadowRoot!.querySelector('.notice'), 'no failure shown');
      await expectAxeClean(el);
    });

    it('is axe clean when loading failed', async () => {
      setupBackend();
      failNext('GET', '/methods', () => errorResponse('gateway_error', 502));
      const el = await render();
      expect(el.shadowRoot!.querySelector('[part~="retry-button"]')).to.exist;
      await expectAxeClean(el);
    });

    it('is axe clean when the limit is reached', async () => {
      const el = await place({ seed: [VISA, MASTERCARD, DISCOVER, CHECKING] });
      expect(el.shadowRoot!.querySelector('[part~="limit"]')).to.exist;
      await expectAxeClean(el);
    });

    it('is axe clean read only', async () => {
      await expectAxeClean(await place({ seed: [VISA, CHECKING], attrs: { readOnly: true } }));
    });

    it('is axe clean in checkout mode, and when its required pick is missing', async () => {
      const el = await place({ seed: [{ ...VISA, default: true }, MASTERCARD], attrs: { selectable: true, required: true } });
      await expectAxeClean(el);
      el.value = 'none';
      const expired = await place({ seed: [], attrs: { selectable: true, required: true } });
      expect(expired.checkValidity()).to.equal(false);
      await expectAxeClean(expired);
    });

    it("says why checkout's required pick stopped the order: shown, tied to the group, marked invalid and announced", async () => {
      const backend = setupBackend();
      // The default has expired by the clock below, so nothing is picked.
      await backend.seedShopper([{ ...AMEX_SOON, default: true }, MASTERCARD]);
      const frame = await fixture<HTMLElement>(
        html`<form lang=${lang} dir=${dir} @submit=${(event: Event) => event.preventDefault()}>
          <ecrypt-wallet endpoint="/api/wallet" name="method" selectable required .now=${() => new Date(2026, 11, 5)}></ecrypt-wallet>
        </form>`,
      );
      const el = frame.querySelector('ecrypt-wallet')!;
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="list"]'), 'the wallet did not load');
      await el.updateComplete;
      const region = el.shadowRoot!.querySelector('[role="status"]')!;
      (frame as HTMLFormElement).requestSubmit();
      await el.updateComplete;
      const group = el.shadowRoot!.querySelector('[role="radiogroup"]')!;
      expect(group.getAttribute('aria-invalid')).to.equal('true');
      const error = el.shadowRoot!.getElementById(group.getAttribute('aria-describedby')!)!;
      expect(el.validationMessage).to.not.equal('');
      expect(error.textContent!.trim()).to.equal(el.validationMessage);
      await waitUntil(() => region.textContent!.trim() === el.validationMessage, 'the failure was not announced');
      expect(region.isConnected, 'the live region outlives the announcement').to.equal(true);
      await expectAxeClean(el);
      el.shadowRoot!.querySelectorAll<HTMLInputElement>('input:enabled')[0]!.click();
      await el.updateComplete;
      expect(group.hasAttribute('aria-invalid')).to.equal(false);
      expect(el.shadowRoot!.getElementById('missing')).to.equal(null);
    });

    it('is axe clean with the add form open', async () => {
      const el = await place({ seed: [VISA] });
      addButton(el).click();
      await waitUntil(
        () => el.shadowRoot!.querySelector('ecrypt-add-card')?.shadowRoot?.querySelector('form'),
        'the add form did not open',
      );
      await el.shadowRoot!.querySelector('ecrypt-add-card')!.updateComplete;
      await expectAxeClean(el);
    });
  });
}

describe('<ecrypt-wallet> contrast of the focus ring, rendered', () => {
  afterEach(async () => {
    teardown();
    await emulateMedia({ colorScheme: 'light' });
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`keeps the focus ring at 3:1 or more against the surface (${scheme})`, async () => {
      await emulateMedia({ colorScheme: scheme });
      const backend = setupBackend();
      await backend.seedShopper([VISA, MASTERCARD]);
      const frame = await fixture<HTMLElement>(html`<div><ecrypt-wallet endpoint="/api/wallet" .now=${clock}></ecrypt-wallet></div>`);
      const el = frame.querySelector('ecrypt-wallet')!;
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="list"]'), 'the wallet did not load');
      // Keyboard focus, so that :focus-visible applies.
      button(el, 'remove-button', '4444')!.focus();
      await sendKeys({ press: 'Tab' });
      const focused = el.shadowRoot!.activeElement!;
      expect(focused).to.equal(addButton(el));
      const ring = outerRingColor(getComputedStyle(focused).boxShadow);
      const surface = backgroundOf(el.shadowRoot!.querySelector('[part~="base"]')!);
      expect(contrast(ring, surface), `${ring} on ${surface}`).to.be.at.least(3);
    });
  }
});
