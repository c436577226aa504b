import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { TEST_CARDS } from '../../src/sandbox/index.js';
import {
  VISA,
  addButton,
  clock,
  errorResponse,
  failNext,
  holdAnswer,
  setupBackend,
  teardown,
  type EcryptWallet,
} from './ecrypt-wallet.helpers.js';
import { backgroundOf, contrast, expectAxeClean } from './a11y.helpers.js';
import '../../src/components/ecrypt-add-card/ecrypt-add-card.js';
import type { EcryptAddCard } from '../../src/components/ecrypt-add-card/ecrypt-add-card.js';

const LOCALES = [
  { lang: 'en', dir: 'ltr' },
  { lang: 'de', dir: 'ltr' },
  { lang: 'ar', dir: 'rtl' },
] as const;

/**
 * Samples `document.activeElement` on every frame and after every focus change until `stop()`,
 * which returns what focus was on whenever it was on no control (the page's <body>).
 */
function focusSampler(): { stop(): string[] } {
  const lost: string[] = [];
  let on = true;
  const sample = (when: string) => {
    if (!document.activeElement || document.activeElement === document.body) lost.push(when);
  };
  const frame = () => {
    if (!on) return;
    sample('frame');
    requestAnimationFrame(frame);
  };
  const onFocus = () => queueMicrotask(() => sample('focus change'));
  document.addEventListener('focusout', onFocus, true);
  frame();
  return {
    stop() {
      on = false;
      document.removeEventListener('focusout', onFocus, true);
      sample('end');
      return lost;
    },
  };
}

const form = (el: EcryptWallet) => el.shadowRoot!.querySelector<EcryptAddCard>('ecrypt-add-card');
const inner = (el: EcryptWallet) => form(el)?.shadowRoot ?? null;
/** The deepest focused element, through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function wallet(lang: string, dir: string): Promise<EcryptWallet> {
  const frame = await fixture<HTMLElement>(
    html`<div lang=${lang} dir=${dir}><ecrypt-wallet endpoint="/api/wallet" .now=${clock}></ecrypt-wallet></div>`,
  );
  const el = frame.querySelector('ecrypt-wallet')!;
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="list"], [part~="empty"]'), 'the wallet did not load');
  await el.updateComplete;
  return el;
}

for (const { lang, dir } of LOCALES) {
  describe(`focus and announcements in ${lang}`, () => {
    afterEach(teardown);

    it('never leaves focus on <body> while the add form opens on a slow /config, says it is loading, then focuses the first field', async () => {
      const backend = setupBackend();
      await backend.seedShopper([VISA]);
      const el = await wallet(lang, dir);
      const config = holdAnswer('GET', '/config');
      addButton(el).focus();
      const sampler = focusSampler();
      addButton(el).click();
      await waitUntil(() => inner(el)?.querySelector('[part~="loading"]'), 'no loading state');
      await waitUntil(() => deepActive()?.matches('[part~="loading"]'), 'focus did not wait on the loading state');
      const region = el.shadowRoot!.querySelector('[role="status"]')!;
      const loadingText = inner(el)!.querySelector('[part~="loading"]')!.textContent!.trim();
      await waitUntil(() => region.textContent!.trim() === loadingText, 'the loading state was not announced');
      await config.release();
      await waitUntil(() => deepActive()?.id === 'number', 'focus did not move to the card number');
      expect(sampler.stop()).to.deep.equal([]);
    });

    it('never leaves focus on <body> when /config fails, offers Try again and Cancel, and Escape closes the form', async () => {
      const backend = setupBackend();
      await backend.seedShopper([VISA]);
      const el = await wallet(lang, dir);
      failNext('GET', '/config', () => errorResponse('gateway_error', 502));
      addButton(el).focus();
      const sampler = focusSampler();
      addButton(el).click();
      await waitUntil(() => inner(el)?.querySelector('[part~="retry-button"]'), 'no load error');
      await waitUntil(() => deepActive()?.matches('[part~="retry-button"]'), 'focus did not land on Try again');
      expect(inner(el)!.querySelector('[part~="cancel-button"]'), 'a way out').to.exist;
      await expectAxeClean(el);
      // Try again, failing once more: focus stays on a control throughout.
      failNext('GET', '/config', () => errorResponse('gateway_error', 502));
      inner(el)!.querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
      await waitUntil(() => deepActive()?.matches('[part~="retry-button"]'), 'focus did not come back to Try again');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !form(el), 'Escape did not close the form');
      await waitUntil(() => deepActive() === addButton(el), 'focus did not return to the add button');
      expect(sampler.stop()).to.deep.equal([]);
    });

    it('announces an outcome into a live region that is still there afterwards', async () => {
      const backend = setupBackend();
      await backend.seedShopper([VISA]);
      const el = await wallet(lang, dir);
      const region = el.shadowRoot!.querySelector('[role="status"]')!;
      addButton(el).click();
      await waitUntil(() => inner(el)?.querySelector('form'), 'the add form did not open');
      const root = inner(el)!;
      for (const [id, value] of [
        ['number', TEST_CARDS.mastercard.number],
        ['expiry', '12/35'],
        ['cvc', '123'],
        ['postal', '94107'],
      ] as const) {
        const input = root.querySelector<HTMLInputElement>(`#${id}`)!;
        input.value = value;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText' }));
      }
      await form(el)!.updateComplete;
      root.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
      await waitUntil(() => !form(el), 'the form did not close after the save');
      await waitUntil(() => /4444/.test(region.textContent!), 'the outcome was not announced');
      expect(region.isConnected).to.equal(true);
      expect(el.shadowRoot!.querySelector('[role="status"]')).to.equal(region);
    });

    it('keeps digits left to right in the add form, fields included', async () => {
      const backend = setupBackend();
      await backend.seedShopper([VISA]);
      const el = await wallet(lang, dir);
      addButton(el).click();
      await waitUntil(() => inner(el)?.querySelector('form'), 'the add form did not open');
      for (const id of ['number', 'expiry', 'cvc']) {
        const input = inner(el)!.querySelector<HTMLInputElement>(`#${id}`)!;
        expect(input.getAttribute('dir'), id).to.equal('ltr');
        expect(getComputedStyle(input).direction, id).to.equal('ltr');
      }
    });
  });
}

describe('<ecrypt-add-card> accessibility in three locales', () => {
  for (const { lang, dir } of LOCALES) {
    afterEach(teardown);

    const place = async () => {
      setupBackend();
      const frame = await fixture<HTMLElement>(
        html`<div lang=${lang} dir=${dir}><ecrypt-add-card endpoint="/api/wallet" cancelable></ecrypt-add-card></div>`,
      );
      const el = frame.querySelector('ecrypt-add-card')!;
      await waitUntil(() => el.shadowRoot!.querySelector('form'), 'the form did not render');
      await el.updateComplete;
      return el;
    };

    it(`is axe clean empty, with every error, and on the bank account fields (${lang})`, async () => {
      const el = await place();
      await expectAxeClean(el);
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[aria-invalid="true"]')).to.exist;
      await expectAxeClean(el);
      el.shadowRoot!.querySelector<HTMLInputElement>('input[value="bank"]')?.click();
      await waitUntil(() => el.shadowRoot!.querySelector('#routing'), 'no bank fields');
      await el.updateComplete;
      await expectAxeClean(el);
    });

    it(`is axe clean while loading and when loading failed (${lang})`, async () => {
      setupBackend();
      const config = holdAnswer('GET', '/config');
      const frame = await fixture<HTMLElement>(
        html`<div lang=${lang} dir=${dir}><ecrypt-add-card endpoint="/api/wallet" cancelable></ecrypt-add-card></div>`,
      );
      const el = frame.querySelector('ecrypt-add-card')!;
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="loading"]'), 'no loading state');
      await expectAxeClean(el);
      await config.release();
      failNext('GET', '/config', () => errorResponse('gateway_error', 502));
      el.endpoint = '/api/wallet/';
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="retry-button"]'), 'no load error');
      await expectAxeClean(el);
    });
  }
});

describe('<ecrypt-add-card> rendered contrast and small screens', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
    await setViewport({ width: 800, height: 600 });
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`keeps input borders and the focus ring at 3:1 or more against the surface (${scheme})`, async () => {
      await emulateMedia({ colorScheme: scheme });
      const el = await fixture<EcryptAddCard>(
        html`<ecrypt-add-card public-key="pk" gateway-url="https://gateway.invalid"></ecrypt-add-card>`,
      );
      await waitUntil(() => el.shadowRoot!.querySelector('form'), 'the form did not render');
      const input = el.shadowRoot!.querySelector<HTMLInputElement>('#number')!;
      const surface = backgroundOf(input);
      const border = getComputedStyle(input).borderTopColor;
      expect(contrast(border, surface), `border ${border} on ${surface}`).to.be.at.least(3);
      // Focus moved by the keyboard, so that :focus-visible applies.
      input.focus();
      await sendKeys({ press: 'Tab' });
      const focused = el.shadowRoot!.activeElement as HTMLElement;
      const rings = getComputedStyle(focused).boxShadow.match(/(rgba?|color)\([^)]+\)/g) ?? [];
      expect(rings.length, `a focus ring on ${focused.id}`).to.be.greaterThan(0);
      expect(contrast(rings[rings.length - 1]!, surface)).to.be.at.least(3);
    });
  }

  it('shows a whole American Express number, brand and all, at 320 px', async () => {
    await setViewport({ width: 320, height: 640 });
    const el = await fixture<EcryptAddCard>(
      html`<ecrypt-add-card public-key="pk" gateway-url="https://gateway.invalid"></ecrypt-add-card>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('form'), 'the form did not render');
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#number')!;
    input.value = TEST_CARDS.amex.number;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText' }));
    await el.updateComplete;
    const brand = el.shadowRoot!.querySelector<HTMLElement>('[part~="brand"]')!;
    expect(brand).to.exist;
    expect(input.scrollWidth, `"${input.value}" overflows its input`).to.be.at.most(input.clientWidth);
    const [a, b] = [input.getBoundingClientRect(), brand.getBoundingClientRect()];
    const textEnd = a.left + (input.scrollWidth - parseFloat(getComputedStyle(input).paddingRight));
    expect(b.left >= textEnd || b.top >= a.bottom || b.bottom <= a.top, 'the brand covers the number').to.equal(true);
    expect(brand.scrollWidth).to.be.at.most(brand.clientWidth);
  });
});
