import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { EcryptWallet } from '../../src/components/ecrypt-wallet/ecrypt-wallet.js';
import { removeMethod } from '../../src/client/wallet-client.js';
import {
  AMEX_SOON,
  CHECKING,
  DISCOVER,
  MASTERCARD,
  VISA,
  addButton,
  announced,
  clock,
  errorResponse,
  failNext,
  focused,
  gate,
  method,
  mount,
  name,
  names,
  numbers,
  rowOf,
  rows,
  setupBackend,
  teardown,
  next,
} from './ecrypt-wallet.helpers.js';

describe('<ecrypt-wallet>', () => {
  afterEach(teardown);

  it('is defined as ecrypt-wallet', () => {
    expect(document.createElement('ecrypt-wallet')).to.be.instanceOf(EcryptWallet);
  });

  it('loads the signed-in shopper’s methods from the endpoint', async () => {
    const backend = setupBackend();
    await backend.seedShopper([VISA, MASTERCARD]);
    const el = await mount();
    expect(numbers(el).sort()).to.deep.equal(['•••• 4242', '•••• 4444']);
    expect(backend.requests.map(r => `${r.method} ${r.pathname}`)).to.deep.equal(['GET /api/wallet/methods']);
  });

  it('names each method the way a person hears it', async () => {
    const backend = setupBackend();
    await backend.seedShopper([{ ...VISA, default: true }, MASTERCARD, CHECKING]);
    const el = await mount();
    expect(names(el).sort()).to.deep.equal([
      'Bank account ending in 6789, checking',
      'Mastercard ending in 4444, expires 12/35',
      'Visa ending in 4242, expires 04/27, default',
    ]);
  });

  it('shows brand, masked number, expiry, account type, holder and a Default badge', async () => {
    const backend = setupBackend();
    await backend.seedShopper([{ ...VISA, default: true }, CHECKING]);
    const el = await mount();
    const visa = rowOf(el, '4242');
    expect(visa.querySelector('[part~="brand"]')!.classList.contains('visa')).to.be.true;
    expect(visa.querySelector('[part~="brand-name"]')!.textContent).to.equal('Visa');
    expect(visa.querySelector('[part~="expiry"]')!.textContent).to.equal('04/27');
    expect(visa.querySelector('[part~="holder"]')!.textContent).to.equal('Ada Lovelace');
    expect(visa.querySelector('[part~="default-badge"]')!.textContent).to.equal('Default');
    const bank = rowOf(el, '6789');
    expect(bank.querySelector('[part~="brand"]')!.classList.contains('ach')).to.be.true;
    expect(bank.querySelector('[part~="account-type"]')!.textContent).to.equal('Checking');
    expect(bank.querySelector('[part~="expiry"]')).to.be.null;
    expect(bank.querySelector('[part~="default-badge"]')).to.be.null;
  });

  it('shows each card network’s own mark and name', async () => {
    const backend = setupBackend();
    await backend.seedShopper([VISA, MASTERCARD, AMEX_SOON, DISCOVER]);
    const el = await mount();
    const expected = [
      { last4: '4242', brand: 'visa', name: 'Visa', text: 'VISA' },
      { last4: '4444', brand: 'mastercard', name: 'Mastercard', text: '' },
      { last4: '0005', brand: 'amex', name: 'American Express', text: 'AMEX' },
      { last4: '1117', brand: 'discover', name: 'Discover', text: 'DISCOVER' },
    ];
    for (const { last4, brand, name: brandName, text } of expected) {
      const row = rowOf(el, last4);
      const mark = row.querySelector('[part~="brand"]')!;
      expect(mark.classList.contains(brand), `${last4} mark is ${brand}`).to.be.true;
      expect(mark.classList.contains('unknown'), `${last4} mark is not the generic card`).to.be.false;
      expect(mark.getAttribute('aria-hidden'), `${last4} mark is decorative`).to.equal('true');
      expect(mark.textContent!.trim(), `${last4} mark`).to.equal(text);
      expect(!!mark.querySelector('svg'), `${last4} mark drawing`).to.equal(brand === 'mastercard');
      expect(row.querySelector('[part~="brand-name"]')!.textContent, `${last4} brand name`).to.equal(brandName);
    }
  });

  it('badges an expired card and one expiring within 30 days, by its own clock', async () => {
    const backend = setupBackend();
    await backend.seedShopper([AMEX_SOON, DISCOVER, { ...MASTERCARD, default: true }]);
    const el = await mount(html`<ecrypt-wallet endpoint="/api/wallet" .now=${clock}></ecrypt-wallet>`);
    expect(rowOf(el, '0005').querySelector('[part~="expiring-badge"]')!.textContent).to.equal('Expires soon');
    expect(rowOf(el, '1117').querySelector('[part~="badge"]')).to.be.null;
    expect(name(el, '0005')).to.equal('American Express ending in 0005, expires soon, 11/26');

    el.now = () => new Date(2026, 11, 1, 0, 0);
    await el.updateComplete;
    expect(rowOf(el, '0005').querySelector('[part~="expired-badge"]')!.textContent).to.equal('Expired');
    expect(rowOf(el, '1117').querySelector('[part~="expiring-badge"]')).to.exist;
    expect(rowOf(el, '4444').querySelector('[part~="expired-badge"], [part~="expiring-badge"]')).to.be.null;
    expect(name(el, '0005')).to.equal('American Express ending in 0005, expired 11/26');
  });

  it('seeds and shows the test cards on the test clock, whatever today is', async () => {
    // A year on, AMEX_SOON and DISCOVER have expired by the real clock: a sandbox on it would refuse to seed them.
    const realNow = Date.now;
    Date.now = () => realNow() + 400 * 86_400_000;
    try {
      const backend = setupBackend();
      await backend.seedShopper([AMEX_SOON, DISCOVER, { ...VISA, default: true }]);
      const el = await mount();
      expect(names(el)).to.have.length(3);
      expect(name(el, '0005')).to.equal('American Express ending in 0005, expires soon, 11/26');
    } finally {
      Date.now = realNow;
    }
  });

  for (const width of [720, 320]) {
    it(`shows a skeleton with the final height while loading, so nothing shifts (${width} px wide)`, async () => {
      const backend = setupBackend();
      await backend.seedShopper([VISA, MASTERCARD]);
      const { hold, release } = gate();
      hold();
      const frame = await fixture<HTMLElement>(
        html`<div style="width: ${width}px"><ecrypt-wallet endpoint="/api/wallet" skeleton-rows="2" .now=${clock}></ecrypt-wallet></div>`,
      );
      const el = frame.querySelector('ecrypt-wallet')!;
      await el.updateComplete;
      const skeleton = el.shadowRoot!.querySelector('[part~="skeleton"]')!;
      expect(skeleton).to.exist;
      expect(skeleton.querySelectorAll('.row')).to.have.length(2);
      expect(skeleton.getAttribute('role')).to.equal('progressbar');
      expect(skeleton.getAttribute('aria-label')).to.equal('Loading your saved payment methods.');
      expect(addButton(el).getAttribute('aria-disabled')).to.equal('true');
      const loadingHeight = el.getBoundingClientRect().height;
      const loaded = next(el, 'ecrypt-methods-loaded');
      await release();
      await loaded;
      await el.updateComplete;
      expect(rows(el)).to.have.length(2);
      // The rows wrap their buttons below at the narrow widths; the placeholders wrap with them.
      expect(el.getBoundingClientRect().height).to.be.closeTo(loadingHeight, 1);
    });
  }

  it('fires ecrypt-methods-loaded with the methods, and again on refresh() with the list as it is then', async () => {
    const backend = setupBackend();
    await backend.seedShopper([VISA, MASTERCARD]);
    const first = next(document, 'ecrypt-methods-loaded');
    const el = await fixture<EcryptWallet>(html`<ecrypt-wallet endpoint="/api/wallet" .now=${clock}></ecrypt-wallet>`);
    const event = await first;
    expect(event.bubbles && event.composed).to.be.true;
    expect(event.methods.map(m => m.last4).sort()).to.deep.equal(['4242', '4444']);
    // Meanwhile the Mastercard goes, in another tab.
    await removeMethod('/api/wallet', event.methods.find(m => m.last4 === '4444')!.id);
    const again = next(el, 'ecrypt-methods-loaded');
    await el.refresh();
    expect((await again).methods.map(m => m.last4)).to.deep.equal(['4242']);
    expect(numbers(el)).to.deep.equal(['•••• 4242']);
    expect(backend.requests.filter(r => r.method === 'GET')).to.have.length(2);
  });

  it('keeps and passes on only the PaymentMethod fields of what the backend sends', async () => {
    setupBackend();
    failNext('GET', '/methods', () =>
      Response.json({ methods: [{ ...method(), customerId: 'cust-secret', token: 'tok_secret' }], limit: 4 }),
    );
    const loaded = next(document, 'ecrypt-methods-loaded');
    const el = await mount();
    const [sent] = (await loaded).methods;
    expect(Object.keys(sent!).sort()).to.deep.equal(['brand', 'createdAt', 'expMonth', 'expYear', 'id', 'isDefault', 'kind', 'last4']);
    expect(Object.keys(el.methods[0]!)).not.to.include('customerId');
  });

  it('shows a friendly empty state, replaceable through the empty slot', async () => {
    const backend = setupBackend();
    await backend.seedShopper([]);
    const el = await mount();
    expect(el.shadowRoot!.querySelector('[part~="empty"]')!.textContent!.trim()).to.equal("You haven't saved a payment method yet.");
    const custom = await mount(html`<ecrypt-wallet endpoint="/api/wallet"><p slot="empty">Nothing here yet.</p></ecrypt-wallet>`);
    const slot = custom.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="empty"]')!;
    expect(slot.assignedElements()[0]!.textContent).to.equal('Nothing here yet.');
  });

  it('shows an error with a retry button when loading fails, and loads on retry', async () => {
    const backend = setupBackend();
    await backend.seedShopper([VISA]);
    failNext('GET', '/methods', () => errorResponse('gateway_error', 502));
    const failed = next(document, 'ecrypt-error');
    const el = await mount();
    const error = await failed;
    expect([error.operation, error.code, error.requestId]).to.deep.equal(['load', 'gateway_error', 'req_stub_1']);
    expect(el.shadowRoot!.querySelector('[part~="error"]')!.textContent).to.contain("We couldn't load your saved payment methods.");
    await waitUntil(() => announced(el) === "We couldn't load your saved payment methods.");
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
    await waitUntil(() => rows(el).length === 1, 'retry did not load');
  });

  describe('focus across a retry', () => {
    const retry = (el: EcryptWallet) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry-button"]');
    /** What has focus in the wallet: its part, and its accessible name when it has one. */
    const at = (el: EcryptWallet) => {
      const active = focused(el);
      return active && [active.getAttribute('part') ?? active.className, active.getAttribute('aria-label')].filter(Boolean).join(': ');
    };

    it('keeps focus in the wallet from Retry, by keyboard, to the first method once loaded', async () => {
      const backend = setupBackend();
      await backend.seedShopper([VISA, MASTERCARD]);
      failNext('GET', '/methods', () => errorResponse('gateway_error', 502));
      const el = await mount();
      retry(el)!.focus();
      const { hold, release } = gate();
      hold();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(at(el), 'while loading').to.equal('skeleton: Loading your saved payment methods.');
      await release();
      await waitUntil(() => rows(el).length === 2, 'retry did not load');
      await waitUntil(() => focused(el) === rows(el)[0], `focus is on ${at(el)}, not the first method`);
    });

    it('gives focus back to Retry when the retry fails too', async () => {
      setupBackend();
      failNext('GET', '/methods', () => errorResponse('gateway_error', 502));
      const el = await mount();
      failNext('GET', '/methods', () => errorResponse('gateway_error', 502));
      retry(el)!.focus();
      const failed = next(el, 'ecrypt-error');
      await sendKeys({ press: 'Enter' });
      await failed;
      await waitUntil(() => focused(el) === retry(el), `focus is on ${at(el)}, not Retry`);
    });

    it('moves focus to Retry when a refresh fails while focus is in the list', async () => {
      const backend = setupBackend();
      await backend.seedShopper([VISA, MASTERCARD]);
      const el = await mount();
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="remove-button"]')!.focus();
      failNext('GET', '/methods', () => errorResponse('gateway_error', 502));
      await el.refresh();
      await waitUntil(() => focused(el) === retry(el), `focus is on ${at(el)}, not Retry`);
    });
  });

  it('disables add and says why when the wallet is full', async () => {
    const backend = setupBackend();
    await backend.seedShopper([VISA, MASTERCARD, DISCOVER, CHECKING]);
    const el = await mount();
    const add = addButton(el);
    expect(add.getAttribute('aria-disabled')).to.equal('true');
    const limit = el.shadowRoot!.getElementById(add.getAttribute('aria-describedby')!)!;
    expect(limit.textContent!.trim()).to.equal("You've saved the maximum of 4 payment methods. Remove one to add another.");
    add.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('ecrypt-add-card')).to.be.null;
  });

  it('shows a holder name or brand that contains HTML as text', async () => {
    setupBackend();
    const evil = '<img src=x onerror="window.__pwned=1">';
    failNext('GET', '/methods', () =>
      Response.json({ methods: [method({ brand: evil as never, holderName: `<b>${evil}</b>` })], limit: 4 }),
    );
    const el = await mount();
    const row = rows(el)[0]!;
    expect(row.querySelector('img, b')).to.be.null;
    expect(row.querySelector('[part~="holder"]')!.textContent).to.equal(`<b>${evil}</b>`);
    expect(row.querySelector('[part~="brand-name"]')!.textContent).to.equal(evil);
    expect(names(el)[0]).to.equal(`${evil} ending in 4242, expires 04/27, default`);
    expect((window as { __pwned?: number }).__pwned).to.be.undefined;
  });

  it('is view only with readonly: no make default, remove or add', async () => {
    const backend = setupBackend();
    await backend.seedShopper([VISA, MASTERCARD]);
    const el = await mount(html`<ecrypt-wallet endpoint="/api/wallet" readonly></ecrypt-wallet>`);
    expect(rows(el)).to.have.length(2);
    expect(el.shadowRoot!.querySelectorAll('button')).to.have.length(0);
  });

  it('reloads when the endpoint changes', async () => {
    const backend = setupBackend();
    await backend.seedShopper([VISA]);
    const el = await mount();
    failNext('GET', '/other/methods', () => Response.json({ methods: [method({ last4: '1111' })], limit: 4 }));
    el.endpoint = '/other';
    await waitUntil(() => numbers(el)[0] === '•••• 1111', 'did not reload');
  });

  it('takes any sentence from messages on top of its locale, and writes every number in one digit system', async () => {
    const backend = setupBackend();
    await backend.seedShopper([{ ...VISA, default: true }]);
    const el = await mount(
      html`<ecrypt-wallet
        endpoint="/api/wallet"
        lang="ar-EG"
        .now=${clock}
        .messages=${{ method: '{brand} terminant par {last4}', cardLabel: '{method}, expire {expiry}', defaultLabel: '{label}, par défaut' }}
      ></ecrypt-wallet>`,
    );
    // The Arabic network name comes from the locale; the expiry keeps the Latin digits of the card number beside it.
    expect(names(el)[0]).to.equal('فيزا terminant par 4242, expire 04/27, par défaut');
  });

  it('takes the names of the networks and of a bank account from messages', async () => {
    const backend = setupBackend();
    await backend.seedShopper([{ ...VISA, default: true }, CHECKING]);
    const el = await mount(
      html`<ecrypt-wallet
        endpoint="/api/wallet"
        .now=${clock}
        .messages=${{ brandVisa: 'VISA', brandAch: 'Compte bancaire', method: '{brand} ****{last4}' }}
      ></ecrypt-wallet>`,
    );
    expect(names(el)).to.have.members(['VISA ****4242, expires 04/27, default', 'Compte bancaire ****6789, checking']);
    expect(rows(el).map(row => row.querySelector('[part~="brand-name"]')!.textContent)).to.have.members(['VISA', 'Compte bancaire']);
  });
});
