import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import {
  AMEX_SOON,
  CHECKING,
  DISCOVER,
  MASTERCARD,
  VISA,
  button,
  clock,
  errorResponse,
  failNext,
  gate,
  mount,
  setupBackend,
  teardown,
  type EcryptWallet,
} from './ecrypt-wallet.helpers.js';

/** A dark palette set through the public custom properties alone. */
const DARK = [
  '--ecrypt-color-surface: #10131a',
  '--ecrypt-color-surface-muted: #1d2230',
  '--ecrypt-color-text: #f1f3f8',
  '--ecrypt-color-text-muted: #b9c1d0',
  '--ecrypt-color-border: #4b5468',
  '--ecrypt-color-accent: #9bb8ff',
  '--ecrypt-color-on-accent: #0a0f1f',
  '--ecrypt-color-danger: #ffa39a',
  '--ecrypt-color-warning: #ffcb7a',
].join(';');

const themes: [string, () => Promise<void>, string][] = [
  ['light', () => emulateMedia({ colorScheme: 'light' }), ''],
  ['dark custom properties', () => emulateMedia({ colorScheme: 'light' }), DARK],
  ['prefers-color-scheme: dark', () => emulateMedia({ colorScheme: 'dark' }), ''],
];

const wallet = (style: string, extra: TemplateResult | string = '') =>
  html`<div style="padding: 1rem; background: var(--ecrypt-color-surface, Canvas)">
    <ecrypt-wallet endpoint="/api/wallet" style=${style} .now=${clock}>${extra}</ecrypt-wallet>
  </div>`;

async function mountIn(style: string, seed: Parameters<ReturnType<typeof setupBackend>['seedShopper']>[0]): Promise<EcryptWallet> {
  const backend = setupBackend();
  await backend.seedShopper(seed);
  const host = await fixture<HTMLElement>(wallet(style));
  const el = host.querySelector('ecrypt-wallet')!;
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="list"], [part~="empty"], .failed'));
  await el.updateComplete;
  return el;
}

for (const [theme, media, style] of themes) {
  describe(`<ecrypt-wallet> accessibility, ${theme}`, () => {
    beforeEach(media);
    afterEach(async () => {
      teardown();
      await emulateMedia({ colorScheme: 'light' });
    });

    it('passes axe while loading', async () => {
      const backend = setupBackend();
      await backend.seedShopper([VISA]);
      const { hold } = gate();
      hold();
      const host = await fixture<HTMLElement>(wallet(style));
      const el = host.querySelector('ecrypt-wallet')!;
      expect(el.shadowRoot!.querySelector('[part~="skeleton"]')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('passes axe when empty', async () => {
      const el = await mountIn(style, []);
      await expect(el).to.be.accessible();
    });

    it('passes axe with a list of every kind and badge', async () => {
      const el = await mountIn(style, [{ ...VISA, default: true }, AMEX_SOON, CHECKING]);
      el.now = () => new Date(2026, 11, 5);
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part~="expired-badge"]')).to.exist;
      await expect(el).to.be.accessible();
      el.now = clock;
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part~="expiring-badge"]')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('passes axe while confirming a removal', async () => {
      const el = await mountIn(style, [VISA, MASTERCARD]);
      button(el, 'remove-button', '4242')!.click();
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part~="confirm"]')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('passes axe after a failed change', async () => {
      const el = await mountIn(style, [{ ...VISA, default: true }, MASTERCARD]);
      failNext('PUT', '/default', () => errorResponse('gateway_error', 502));
      button(el, 'default-button', '4444')!.click();
      await waitUntil(() => el.shadowRoot!.querySelector('.notice'));
      await expect(el).to.be.accessible();
    });

    it('passes axe when loading failed', async () => {
      setupBackend();
      failNext('GET', '/methods', () => errorResponse('gateway_error', 502));
      const host = await fixture<HTMLElement>(wallet(style));
      const el = host.querySelector('ecrypt-wallet')!;
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="retry-button"]'));
      await expect(el).to.be.accessible();
    });

    it('passes axe when the limit is reached', async () => {
      const el = await mountIn(style, [VISA, MASTERCARD, DISCOVER, CHECKING]);
      expect(el.shadowRoot!.querySelector('[part~="limit"]')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('passes axe in checkout mode, required', async () => {
      const el = await mountIn(style, [{ ...VISA, default: true }, MASTERCARD, CHECKING]);
      el.selectable = true;
      el.required = true;
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  });
}

describe('<ecrypt-wallet> theming', () => {
  afterEach(teardown);

  it('takes its colors from the public custom properties alone', async () => {
    const backend = setupBackend();
    await backend.seedShopper([VISA]);
    const el = await mount(html`<ecrypt-wallet endpoint="/api/wallet" style=${DARK}></ecrypt-wallet>`);
    const base = getComputedStyle(el.shadowRoot!.querySelector('[part~="base"]')!);
    expect(base.backgroundColor).to.equal('rgb(16, 19, 26)');
    expect(base.color).to.equal('rgb(241, 243, 248)');
  });

  it('follows prefers-color-scheme when no property is set', async () => {
    const backend = setupBackend();
    await backend.seedShopper([VISA]);
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const el = await mount();
      expect(getComputedStyle(el.shadowRoot!.querySelector('[part~="base"]')!).backgroundColor).to.equal('rgb(22, 26, 34)');
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });
});
