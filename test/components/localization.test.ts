import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import {
  MASTERCARD,
  VISA,
  addButton,
  announced,
  button,
  clock,
  mount,
  names,
  setupBackend,
  teardown,
  type EcryptWallet,
} from './ecrypt-wallet.helpers.js';
import '../../src/components/ecrypt-add-card/ecrypt-add-card.js';
import type { EcryptAddCard } from '../../src/components/ecrypt-add-card/ecrypt-add-card.js';

const text = (root: ShadowRoot, selector: string) => root.querySelector(selector)?.textContent?.trim();

/** A wallet inside `<div lang=…>`, loaded, and its wrapper. */
async function walletIn(lang: string, messages: Record<string, string> = {}): Promise<{ wrapper: HTMLElement; el: EcryptWallet }> {
  const wrapper = await fixture<HTMLElement>(
    html`<div lang=${lang}><ecrypt-wallet endpoint="/api/wallet" .now=${clock} .messages=${messages}></ecrypt-wallet></div>`,
  );
  const el = wrapper.querySelector('ecrypt-wallet')!;
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="list"], [part~="empty"]'), 'the wallet did not load');
  await el.updateComplete;
  return { wrapper, el };
}

describe('localization', () => {
  afterEach(teardown);

  it("speaks its own lang attribute's locale once updateComplete resolves", async () => {
    const backend = setupBackend();
    await backend.seedShopper([VISA]);
    const el = await mount(html`<ecrypt-wallet endpoint="/api/wallet" lang="de" .now=${clock}></ecrypt-wallet>`);
    expect(addButton(el).textContent!.trim()).to.equal('Zahlungsmethode hinzufügen');
    expect(el.shadowRoot!.querySelector('[part~="list"]')!.getAttribute('aria-label')).to.equal('Gespeicherte Zahlungsmethoden');
    expect(names(el)[0]).to.equal('Visa mit der Endung 4242, gültig bis 04/27, Standard');
  });

  it("follows the nearest ancestor's lang, and changes language when it changes", async () => {
    const backend = setupBackend();
    await backend.seedShopper([VISA]);
    const { wrapper, el } = await walletIn('fr');
    expect(addButton(el).textContent!.trim()).to.equal('Ajouter un moyen de paiement');
    wrapper.setAttribute('lang', 'ja');
    await waitUntil(() => addButton(el).textContent!.trim() === 'お支払い方法を追加', 'the wallet did not switch to Japanese');
    wrapper.setAttribute('lang', 'en');
    await waitUntil(() => addButton(el).textContent!.trim() === 'Add payment method', 'the wallet did not switch back to English');
  });

  it('follows <html lang> when nothing closer says otherwise', async () => {
    const backend = setupBackend();
    await backend.seedShopper([VISA]);
    const before = document.documentElement.getAttribute('lang');
    try {
      const el = await mount();
      document.documentElement.setAttribute('lang', 'es');
      await waitUntil(() => addButton(el).textContent!.trim() === 'Añadir método de pago', 'the wallet did not follow <html lang>');
    } finally {
      if (before === null) document.documentElement.removeAttribute('lang');
      else document.documentElement.setAttribute('lang', before);
    }
  });

  it('falls back from an unknown region to its language, and from an unknown language to English, without an error', async () => {
    const backend = setupBackend();
    await backend.seedShopper([VISA]);
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    try {
      const portuguese = (await walletIn('pt-PT')).el;
      expect(addButton(portuguese).textContent!.trim()).to.equal('Adicionar forma de pagamento');
      const german = (await walletIn('de-CH')).el;
      expect(addButton(german).textContent!.trim()).to.equal('Zahlungsmethode hinzufügen');
      const unknown = (await walletIn('tlh')).el;
      expect(addButton(unknown).textContent!.trim()).to.equal('Add payment method');
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
  });

  it("lets the merchant's messages win over the locale, for any key", async () => {
    const backend = setupBackend();
    await backend.seedShopper([VISA]);
    const { el } = await walletIn('de', { add: 'Neue Karte hinzufügen', brandVisa: 'VISA' });
    expect(addButton(el).textContent!.trim()).to.equal('Neue Karte hinzufügen');
    expect(names(el)[0]).to.equal('VISA mit der Endung 4242, gültig bis 04/27, Standard');
  });

  it('announces outcomes in the locale', async () => {
    const backend = setupBackend();
    await backend.seedShopper([VISA, MASTERCARD]);
    const { el } = await walletIn('nl');
    button(el, 'default-button', '4444')!.click();
    await waitUntil(
      () => announced(el) === 'Mastercard eindigend op 4444 is nu je standaardbetaalmethode.',
      'the outcome was not announced in Dutch',
    );
  });

  it("opens the add form in the wallet's locale, with the wallet's overrides, and Latin digits in right-to-left text", async () => {
    const backend = setupBackend();
    await backend.seedShopper([VISA]);
    const { el } = await walletIn('ar', { cancel: 'رجوع' });
    expect(names(el)[0]).to.equal('فيزا برقم ينتهي بـ 4242، تنتهي صلاحيتها في 04/27، الافتراضية');
    addButton(el).click();
    await waitUntil(() => el.shadowRoot!.querySelector('ecrypt-add-card')?.shadowRoot?.querySelector('form'), 'the add form did not open');
    const form = el.shadowRoot!.querySelector<EcryptAddCard>('ecrypt-add-card')!;
    await form.updateComplete;
    const root = form.shadowRoot!;
    expect(text(root, '[part~="submit-button"]')).to.equal('حفظ البطاقة');
    expect(text(root, '[part~="cancel-button"]')).to.equal('رجوع');
    expect(text(root, 'label[for="number"]')).to.equal('رقم البطاقة');
  });
});

describe('localization: <ecrypt-add-card>', () => {
  /** An add form with its fields, in `lang`, with a config given inline (no backend needed). */
  async function form(lang: string): Promise<EcryptAddCard> {
    const el = await fixture<EcryptAddCard>(
      html`<ecrypt-add-card lang=${lang} public-key="pk" gateway-url="https://gateway.invalid"></ecrypt-add-card>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('form'), 'the form did not render');
    await el.updateComplete;
    return el;
  }

  const submit = async (el: EcryptAddCard) => {
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    await el.updateComplete;
  };
  const status = (el: EcryptAddCard) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();

  it('says the validation messages and the number of problems in the locale', async () => {
    const el = await form('de');
    await submit(el);
    expect(text(el.shadowRoot!, '#number-error')).to.equal('Geben Sie die Kartennummer ein.');
    await waitUntil(() => /^Im Formular gibt es \d+ Probleme\./.test(status(el)), 'the problems were not announced in the locale');
  });

  it("counts the problems with the locale's plural rules (Arabic: two, then few)", async () => {
    const el = await form('ar');
    el.cardholderName = 'hidden';
    el.postalCode = 'hidden';
    el.securityCode = 'hidden';
    await el.updateComplete;
    await submit(el);
    await waitUntil(
      () => status(el) === 'توجد مشكلتان في النموذج. تحقّق من الحقلين المميّزين.',
      'the problems were not announced in the locale',
    );
    el.securityCode = 'required';
    await el.updateComplete;
    await submit(el);
    await waitUntil(
      () => status(el) === 'توجد 3 مشكلات في النموذج. تحقّق من الحقول المميّزة.',
      'the problems were not announced in the locale',
    );
  });
});
