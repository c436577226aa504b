import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TestBackend } from '../support/backend.js';
import { TEST_BANK_ACCOUNTS, TEST_CARDS } from '../../src/sandbox/test-data.js';
import { createGatewayTokenizer } from '../../src/client/tokenizer.js';
import type { EcryptAddCard } from '../../src/components/ecrypt-add-card/ecrypt-add-card.js';
import {
  announced,
  bankLoaded,
  chooseBank,
  createBackend,
  errorOf,
  field,
  fill,
  fillBank,
  fillCard,
  mount,
  nextEvent,
  notice,
  submitAndSettle,
  submitButton,
} from './ecrypt-add-card.helpers.js';

/** The masked method shown for a retry, without its button. */
const held = (el: EcryptAddCard) => {
  const box = el.shadowRoot!.querySelector('[part="held"]');
  return box
    ? [...box.childNodes]
        .filter(node => node.nodeType === Node.TEXT_NODE)
        .map(node => node.textContent)
        .join('')
        .trim()
    : undefined;
};
const changeButton = (el: EcryptAddCard) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="change-button"]');
const cancelButton = (el: EcryptAddCard) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="cancel-button"]')!;
const tokenCalls = (backend: TestBackend) => backend.sandbox.requests.filter(r => r.path === '/v1/tokens').length;
const saves = (backend: TestBackend) => backend.requests.filter(r => r.method === 'POST' && r.pathname.endsWith('/methods'));

/** Wraps the installed fetch so a test can break or watch requests to the merchant endpoint. */
function interceptSaves(handle: (forward: () => Promise<Response>, attempt: number, request: Request) => Promise<Response>): () => void {
  const inner = globalThis.fetch;
  let attempt = 0;
  globalThis.fetch = (input, init) => {
    const request = new Request(input, init);
    if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/methods'))
      return handle(() => inner(request), ++attempt, request);
    return inner(input, init);
  };
  return () => {
    globalThis.fetch = inner;
  };
}

/** Every field a `PaymentMethod` may have: no event carries anything else. */
const METHOD_KEYS = ['id', 'kind', 'brand', 'last4', 'expMonth', 'expYear', 'accountType', 'isDefault', 'createdAt', 'holderName'];

/** Wraps the installed fetch so every method in the merchant endpoint's answers carries a field that is not for the page. */
function leakCustomerId(): () => void {
  const inner = globalThis.fetch;
  const tag = (m: Record<string, unknown>) => ({ ...m, customerId: 'cust-secret' });
  globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await inner(input, init);
    if (!new URL(request.url).pathname.startsWith('/api/wallet/methods') || !response.ok) return response;
    const body = (await response.json()) as { method?: Record<string, unknown>; methods?: Record<string, unknown>[] };
    if (body.method) body.method = tag(body.method);
    if (body.methods) body.methods = body.methods.map(tag);
    return Response.json(body, { status: response.status, headers: response.headers });
  };
  return () => {
    globalThis.fetch = inner;
  };
}

describe('<ecrypt-add-card>', () => {
  let backend: TestBackend;
  let restore: () => void;

  beforeEach(async () => {
    backend = createBackend();
    restore = backend.install();
    await backend.seedShopper();
  });

  afterEach(() => restore());

  describe('saving', () => {
    it('tokenizes a card, saves the token and fires ecrypt-method-added with the saved method', async () => {
      const el = await mount(html`<ecrypt-add-card endpoint="/api/wallet" default-checked></ecrypt-add-card>`);
      await fillCard(el, { number: TEST_CARDS.visa.number });
      const added = nextEvent(el, 'ecrypt-method-added');
      submitButton(el).click();
      const event = await added;
      expect(event.method).to.include({ kind: 'card', brand: 'visa', last4: '4242', isDefault: true });
      const [save] = saves(backend);
      const body = JSON.parse(save!.body) as Record<string, unknown>;
      expect(Object.keys(body).sort()).to.deep.equal(['billingAddress', 'makeDefault', 'token']);
      expect(body.makeDefault).to.equal(true);
      expect(body.billingAddress).to.deep.equal({ name: 'Ada Lovelace', postalCode: '94107' });
      expect(save!.headers.get('Idempotency-Key')).to.match(/^[0-9a-f-]{36}$/);
      expect(backend.sandbox.state.wallet(backend.customerId!)).to.have.length(1);
    });

    it("offers the backend's list as wallet to a listener of ecrypt-method-added", async () => {
      const el = await mount();
      await fillCard(el, { number: TEST_CARDS.visa.number });
      const seen = new Promise<EcryptAddCard['wallet']>(resolve =>
        el.addEventListener('ecrypt-method-added', () => resolve(el.wallet), { once: true }),
      );
      submitButton(el).click();
      expect((await seen)?.methods.map(m => m.last4)).to.deep.equal(['4242']);
    });

    it('carries the wallet the backend answered in ecrypt-method-added', async () => {
      const el = await mount();
      await fillCard(el, { number: TEST_CARDS.visa.number });
      const added = nextEvent(el, 'ecrypt-method-added');
      submitButton(el).click();
      const { method, wallet } = await added;
      expect(wallet?.methods.map(saved => saved.id)).to.deep.equal([method.id]);
      expect(wallet?.limit).to.be.a('number');
      expect(wallet).to.deep.equal(el.wallet);
    });

    it('forgets wallet on reset()', async () => {
      const el = await mount();
      await fillCard(el, { number: TEST_CARDS.visa.number });
      await submitAndSettle(el);
      expect(el.wallet?.methods).to.have.length(1);
      el.reset();
      expect(el.wallet).to.equal(undefined);
    });

    it('forgets wallet when the endpoint changes', async () => {
      const el = await mount();
      await fillCard(el, { number: TEST_CARDS.visa.number });
      await submitAndSettle(el);
      expect(el.wallet?.methods).to.have.length(1);
      el.endpoint = '/api/other-wallet';
      await el.updateComplete;
      expect(el.wallet).to.equal(undefined);
    });

    it('clears every input and announces the saved card', async () => {
      const el = await mount();
      await fillCard(el, { number: TEST_CARDS.mastercard.number });
      await submitAndSettle(el);
      for (const id of ['number', 'expiry', 'cvc', 'name', 'postal'] as const) expect(field(el, id).value, id).to.equal('');
      await waitUntil(() => announced(el) !== '');
      expect(announced(el)).to.equal('Mastercard ending in 4444 was saved.');
    });

    it('saves a bank account', async () => {
      const el = await mount();
      const { checking } = TEST_BANK_ACCOUNTS;
      await fillBank(el, checking);
      el.shadowRoot!.querySelector<HTMLInputElement>('input[value="savings"]')!.click();
      const added = nextEvent(el, 'ecrypt-method-added');
      submitButton(el).click();
      const { method } = await added;
      expect(method).to.include({ kind: 'bank', last4: '6789' });
      await waitUntil(() => announced(el) !== '');
      expect(announced(el)).to.equal('Bank account ending in 6789 was saved.');
      expect(field(el, 'account').value).to.equal('');
      expect(field(el, 'routing').value).to.equal('');
    });

    it('shows progress while pending and sends one save for a double submit', async () => {
      backend.sandbox.faults.add({ latencyMs: 150, times: 1, path: '/v1/tokens' });
      const el = await mount();
      await fillCard(el, { number: TEST_CARDS.visa.number });
      submitButton(el).click();
      await el.updateComplete;
      expect(submitButton(el).textContent!.trim()).to.equal('Saving…');
      expect(submitButton(el).getAttribute('aria-disabled')).to.equal('true');
      await expect(el).to.be.accessible();
      submitButton(el).click();
      void el.submit();
      await waitUntil(() => submitButton(el).getAttribute('aria-disabled') === 'false');
      expect(saves(backend)).to.have.length(1);
      expect(backend.sandbox.requests.filter(r => r.path === '/v1/tokens')).to.have.length(1);
    });

    it('can be completed with the keyboard alone', async () => {
      const el = await mount();
      const before = document.createElement('button');
      before.textContent = 'Before';
      el.before(before);
      before.focus();
      await sendKeys({ press: 'Tab' }); // the Card choice
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement === field(el, 'number'), 'the card number has focus').to.equal(true);
      await sendKeys({ type: TEST_CARDS.amex.number });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: '1235' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: '1234' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'Ada Lovelace' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: '94107' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Space' }); // Make this my default
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement === submitButton(el), 'Save has focus').to.equal(true);
      const added = nextEvent(el, 'ecrypt-method-added');
      await sendKeys({ press: 'Enter' });
      const { method } = await added;
      expect(method).to.include({ brand: 'amex', last4: '0005' });
      before.remove();
    });

    it('fires ecrypt-method-added with the PaymentMethod fields only, whatever else the backend sends', async () => {
      const unleak = leakCustomerId();
      try {
        const el = await mount();
        await fillCard(el, { number: TEST_CARDS.visa.number });
        const added = nextEvent(el, 'ecrypt-method-added');
        submitButton(el).click();
        const { method } = await added;
        expect(method).to.include({ brand: 'visa', last4: '4242' });
        expect(method).not.to.have.property('customerId');
        for (const key of Object.keys(method)) expect(METHOD_KEYS, key).to.include(key);
      } finally {
        unleak();
      }
    });
  });

  describe('errors', () => {
    it('maps a gateway validation error to its field', async () => {
      const el = await mount();
      // A Luhn-valid Maestro number: not refused here (unknown networks are the gateway's call), refused by the gateway.
      await fillCard(el, { number: '6759000000000000' });
      await submitAndSettle(el);
      expect(errorOf(el, 'number')).to.equal('This card number was not accepted. Check it or use another card.');
      expect(el.shadowRoot!.activeElement === field(el, 'number'), 'the card number has focus').to.equal(true);
      await expect(el).to.be.accessible();
    });

    const rejections = [
      { field: 'creditCard.expires', input: 'expiry', message: 'This expiry date was not accepted. Check it.' },
      { field: 'creditCard.verificationValue', input: 'cvc', message: 'This security code was not accepted. Check it.' },
      { field: 'creditCard.nameOnCard', input: 'name', message: 'This name was not accepted. Use letters, spaces and simple punctuation.' },
    ] as const;
    for (const { field: gatewayField, input, message } of rejections) {
      it(`maps the gateway's ${gatewayField} validation error to the ${input} field and focuses it`, async () => {
        const inner = globalThis.fetch;
        const envelope = { requestId: 'req-validation-1', errors: [{ type: 'VALIDATION', message: 'Invalid value', field: gatewayField }] };
        globalThis.fetch = (request, init) =>
          new URL(new Request(request, init).url).pathname.endsWith('/v1/tokens')
            ? Promise.resolve(Response.json(envelope, { status: 400 }))
            : inner(request, init);
        try {
          const el = await mount();
          await fillCard(el, { number: TEST_CARDS.visa.number });
          await submitAndSettle(el);
          expect(errorOf(el, input)).to.equal(message);
          expect(el.shadowRoot!.activeElement === field(el, input), `${input} has focus`).to.equal(true);
          expect(field(el, input).getAttribute('aria-invalid')).to.equal('true');
          expect(saves(backend)).to.have.length(0);
        } finally {
          globalThis.fetch = inner;
        }
      });
    }

    it('offers "Make it default" for a card that is already saved, and fires ecrypt-default-changed', async () => {
      await backend.seedShopper([
        { card: { accountNumber: TEST_CARDS.visa.number, expires: '1235' }, default: false },
        { card: { accountNumber: TEST_CARDS.mastercard.number, expires: '1235' }, default: true },
      ]);
      const el = await mount();
      await fillCard(el, { number: TEST_CARDS.visa.number });
      await submitAndSettle(el);
      expect(notice(el)).to.equal('Visa ending in 4242 is already saved.');
      await expect(el).to.be.accessible();
      const changed = nextEvent(el, 'ecrypt-default-changed');
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="default-button"]')!.click();
      const { method, wallet } = await changed;
      expect(method).to.include({ last4: '4242', isDefault: true });
      // The wallet as the backend answered the change: the other card is no longer the default.
      expect(wallet?.methods.filter(saved => saved.isDefault).map(saved => saved.id)).to.deep.equal([method.id]);
      expect(wallet?.methods).to.have.length(2);
      await waitUntil(() => announced(el) === 'Visa ending in 4242 is now your default.');
      expect(field(el, 'number').value).to.equal('');
    });

    it('fires ecrypt-default-changed after "Make it default" with the PaymentMethod fields only', async () => {
      await backend.seedShopper([
        { card: { accountNumber: TEST_CARDS.visa.number, expires: '1235' }, default: false },
        { card: { accountNumber: TEST_CARDS.mastercard.number, expires: '1235' }, default: true },
      ]);
      const unleak = leakCustomerId();
      try {
        const el = await mount();
        await fillCard(el, { number: TEST_CARDS.visa.number });
        await submitAndSettle(el);
        expect(notice(el)).to.equal('Visa ending in 4242 is already saved.');
        const changed = nextEvent(el, 'ecrypt-default-changed');
        el.shadowRoot!.querySelector<HTMLButtonElement>('[part="default-button"]')!.click();
        const { method } = await changed;
        expect(method).to.include({ last4: '4242', isDefault: true });
        expect(method).not.to.have.property('customerId');
        for (const key of Object.keys(method)) expect(METHOD_KEYS, key).to.include(key);
      } finally {
        unleak();
      }
    });

    it('says so when the saved duplicate already is the default, and offers nothing', async () => {
      await backend.seedShopper([
        { card: { accountNumber: TEST_CARDS.visa.number, expires: '1235' }, default: true },
        { card: { accountNumber: TEST_CARDS.mastercard.number, expires: '1235' } },
      ]);
      const el = await mount();
      await fillCard(el, { number: TEST_CARDS.visa.number });
      await submitAndSettle(el);
      expect(notice(el)).to.equal('Visa ending in 4242 is already saved, and it is your default.');
      expect(el.shadowRoot!.querySelector('[part="default-button"]')).to.equal(null);
      await waitUntil(() => announced(el) === notice(el), 'the outcome was not announced');
    });

    it('says a duplicate is already saved, unnamed, when the wallet cannot be read', async () => {
      await backend.seedShopper([{ card: { accountNumber: TEST_CARDS.visa.number, expires: '1235' }, default: false }]);
      const el = await mount();
      await fillCard(el, { number: TEST_CARDS.visa.number });
      const inner = globalThis.fetch;
      globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) =>
        (init?.method ?? 'GET') === 'GET' && String(input).endsWith('/methods')
          ? Promise.reject(new TypeError('Failed to fetch'))
          : inner(input, init)) as typeof fetch;
      try {
        await submitAndSettle(el);
      } finally {
        globalThis.fetch = inner;
      }
      expect(notice(el)).to.equal('This card is already saved.');
      expect(el.shadowRoot!.querySelector('[part="default-button"]'), 'still offered').not.to.equal(null);
    });

    it('says the wallet is full', async () => {
      const cards = [TEST_CARDS.visa, TEST_CARDS.mastercard, TEST_CARDS.amex, TEST_CARDS.discover].map(card => ({
        card: { accountNumber: card.number, expires: '1235' },
      }));
      await backend.seedShopper(cards);
      const el = await mount();
      await fillCard(el, { number: TEST_CARDS.visaAlt.number });
      await submitAndSettle(el);
      expect(notice(el)).to.equal('You can save up to 4 payment methods. Remove one before adding another.');
    });

    it('says the card was declined; the number is gone with the token, the rest of what was typed stays', async () => {
      const el = await mount();
      await fillCard(el, { number: TEST_CARDS.declined.number });
      const failed = nextEvent(el, 'ecrypt-error');
      await submitAndSettle(el);
      expect((await failed).code).to.equal('declined');
      expect(notice(el)).to.equal('The card was declined. Use another card or contact your bank.');
      // The decline came with the save, after tokenization: the number is not kept, and a new attempt needs it again.
      expect(field(el, 'number').value).to.equal('');
      expect(field(el, 'number').checkVisibility()).to.equal(true);
      expect(held(el)).to.equal(undefined);
      expect(field(el, 'name').value).to.equal('Ada Lovelace');
      expect(field(el, 'postal').value).to.equal('94107');
      expect(field(el, 'cvc').value).to.equal('');
      // The emptied number names no network any more, nor describes itself by one.
      expect(el.shadowRoot!.querySelector('[part~="brand"]')).to.equal(null);
      expect(field(el, 'number').getAttribute('aria-describedby') ?? '').not.to.contain('brand');
    });

    it('says the card was already saved; the emptied number loses its network too', async () => {
      await backend.seedShopper([{ card: { accountNumber: TEST_CARDS.amex.number, expires: '1235' } }]);
      const el = await mount();
      await fillCard(el, { number: TEST_CARDS.amex.number, cvc: '1234' });
      expect(el.shadowRoot!.querySelector('[part~="brand"]')?.textContent?.trim()).to.equal('American Express');
      await submitAndSettle(el);
      expect(notice(el)).to.equal('American Express ending in 0005 is already saved, and it is your default.');
      expect(field(el, 'number').value).to.equal('');
      expect(el.shadowRoot!.querySelector('[part~="brand"]')).to.equal(null);
      expect(field(el, 'number').getAttribute('aria-describedby') ?? '').not.to.contain('brand');
    });

    it('says a bank account was declined', async () => {
      const el = await mount();
      await fillBank(el, TEST_BANK_ACCOUNTS.declined);
      await submitAndSettle(el);
      expect(notice(el)).to.equal('The bank account could not be verified. Check the details or use another account.');
      expect(field(el, 'account').value).to.equal('');
      expect(field(el, 'holder').value).to.equal('Ada Lovelace');
    });

    it('says how long to wait when rate limited', async () => {
      restore();
      backend = createBackend({ handlerOptions: { rateLimit: { adds: 1, windowMs: 60_000 } } });
      restore = backend.install();
      await backend.seedShopper();
      const el = await mount();
      await fillCard(el, { number: TEST_CARDS.visa.number });
      await submitAndSettle(el);
      await fillCard(el, { number: TEST_CARDS.mastercard.number });
      await submitAndSettle(el);
      expect(notice(el)).to.equal('Too many attempts. Try again in 60 seconds.');
    });

    it('says the connection failed, and the retry reuses the idempotency key and body', async () => {
      const el = await mount();
      const sent: { key: string | null; body: string }[] = [];
      const unhook = interceptSaves(async (forward, attempt, request) => {
        sent.push({ key: request.headers.get('Idempotency-Key'), body: await request.clone().text() });
        if (attempt === 1) throw new TypeError('Failed to fetch');
        return forward();
      });
      try {
        await fillCard(el, { number: TEST_CARDS.visa.number });
        await submitAndSettle(el);
        expect(notice(el)).to.equal('We could not connect. Check your connection and try again.');
        await expect(el).to.be.accessible();
        const added = nextEvent(el, 'ecrypt-method-added');
        submitButton(el).click();
        await added;
        expect(sent).to.have.length(2);
        expect(sent[1]!.key).to.equal(sent[0]!.key);
        expect(sent[1]!.body).to.equal(sent[0]!.body);
      } finally {
        unhook();
      }
    });

    it('replays rather than saves twice when the first answer was lost', async () => {
      const el = await mount();
      const unhook = interceptSaves(async (forward, attempt) => {
        const response = await forward();
        if (attempt === 1) throw new TypeError('Failed to fetch');
        return response;
      });
      try {
        await fillCard(el, { number: TEST_CARDS.visa.number });
        await submitAndSettle(el);
        expect(notice(el)).to.equal('We could not connect. Check your connection and try again.');
        const added = nextEvent(el, 'ecrypt-method-added');
        await el.submit();
        await added;
        expect(saves(backend)).to.have.length(2);
        expect(saves(backend)[1]!.headers.get('Idempotency-Key')).to.equal(saves(backend)[0]!.headers.get('Idempotency-Key'));
        expect(backend.sandbox.state.wallet(backend.customerId!)).to.have.length(1);
      } finally {
        unhook();
      }
    });

    it('clears the card number once it is tokenized, shows it masked when the save fails, and Retry resends the same token and key', async () => {
      const el = await mount();
      const sent: { key: string | null; body: string }[] = [];
      const unhook = interceptSaves(async (forward, attempt, request) => {
        sent.push({ key: request.headers.get('Idempotency-Key'), body: await request.clone().text() });
        return attempt === 1
          ? Response.json({ error: { code: 'gateway_error', message: 'Upstream failed.' } }, { status: 502 })
          : forward();
      });
      try {
        await fillCard(el, { number: TEST_CARDS.visa.number });
        await submitAndSettle(el);
        // The answer is lost, so the save may have been stored: the notice must not say it was not.
        expect(notice(el)).to.equal('We could not confirm the save. Try again; it will not be saved twice.');
        for (const id of ['number', 'cvc'] as const) expect(field(el, id).value, id).to.equal('');
        expect(held(el)).to.equal('Visa ending in 4242, ready to save');
        expect(field(el, 'number').checkVisibility()).to.equal(false);
        await expect(el).to.be.accessible();
        const added = nextEvent(el, 'ecrypt-method-added');
        submitButton(el).click();
        expect((await added).method).to.include({ brand: 'visa', last4: '4242' });
        expect(sent).to.have.length(2);
        expect(sent[1]).to.deep.equal(sent[0]);
        expect(tokenCalls(backend)).to.equal(1);
        expect(held(el)).to.equal(undefined);
      } finally {
        unhook();
      }
    });

    it('does not claim nothing was saved when the save answers with something other than JSON', async () => {
      const el = await mount();
      const unhook = interceptSaves(async () => new Response('<html>proxy page</html>', { status: 200 }));
      try {
        await fillCard(el, { number: TEST_CARDS.visa.number });
        const error = nextEvent(el, 'ecrypt-error');
        await submitAndSettle(el);
        expect([(await error).operation, (await error).code]).to.deep.equal(['add', 'bad_response']);
        expect(notice(el)).to.equal('We could not confirm the save. Try again; it will not be saved twice.');
        await waitUntil(() => announced(el) === notice(el), 'the outcome was not announced');
      } finally {
        unhook();
      }
    });

    it('keeps focus on Save when Enter in a field submits and the fields give way to the masked card', async () => {
      const el = await mount();
      const unhook = interceptSaves(async () =>
        Response.json({ error: { code: 'gateway_error', message: 'Upstream failed.' } }, { status: 502 }),
      );
      try {
        await fillCard(el, { number: TEST_CARDS.visa.number });
        field(el, 'postal').focus();
        await sendKeys({ press: 'Enter' });
        await waitUntil(() => held(el), 'the masked card did not show');
        await waitUntil(() => submitButton(el).getAttribute('aria-disabled') === 'false', 'the save did not finish');
        await el.updateComplete;
        expect(field(el, 'postal').checkVisibility()).to.equal(false);
        // Compared as booleans: a failing comparison of elements would have to serialise them.
        expect(el.shadowRoot!.activeElement === submitButton(el), 'focus is not on Save').to.be.true;
        expect(document.activeElement === el, 'focus left the element').to.be.true;
        // Enter again, right where the shopper is, retries.
        unhook();
        const added = nextEvent(el, 'ecrypt-method-added');
        await sendKeys({ press: 'Enter' });
        expect((await added).method).to.include({ last4: '4242' });
      } finally {
        unhook();
      }
    });

    it('clears the routing and account numbers once a bank account is tokenized', async () => {
      const el = await mount();
      const unhook = interceptSaves(async () =>
        Response.json({ error: { code: 'gateway_error', message: 'Upstream failed.' } }, { status: 502 }),
      );
      try {
        await fillBank(el, TEST_BANK_ACCOUNTS.checking);
        await submitAndSettle(el);
        expect(field(el, 'routing').value).to.equal('');
        expect(field(el, 'account').value).to.equal('');
        expect(held(el)).to.equal('Bank account ending in 6789, ready to save');
        expect(changeButton(el)!.textContent!.trim()).to.equal('Change account');
      } finally {
        unhook();
      }
    });

    it('keeps a held card and a held bank account apart: typing or saving one kind never discards the other', async () => {
      const el = await mount();
      const sent: { key: string | null; body: string }[] = [];
      let fail = true;
      const unhook = interceptSaves(async (forward, _attempt, request) => {
        sent.push({ key: request.headers.get('Idempotency-Key'), body: await request.clone().text() });
        return fail ? Response.json({ error: { code: 'gateway_error', message: 'Upstream failed.' } }, { status: 502 }) : forward();
      });
      const makeDefault = () => field(el, 'default');
      const chooseCard = async () => {
        el.shadowRoot!.querySelector<HTMLInputElement>('input[name="kind"][value="card"]')!.click();
        await el.updateComplete;
      };
      try {
        await fillCard(el, { number: TEST_CARDS.visa.number });
        makeDefault().click();
        await submitAndSettle(el);
        expect(held(el)).to.equal('Visa ending in 4242, ready to save');

        // Typing in the bank fields (and changing the shared default choice there) is no edit of the held card.
        await fillBank(el, TEST_BANK_ACCOUNTS.checking);
        expect(makeDefault().disabled).to.equal(false);
        makeDefault().click();
        await submitAndSettle(el);
        expect(held(el)).to.equal('Bank account ending in 6789, ready to save');

        await chooseCard();
        expect(held(el)).to.equal('Visa ending in 4242, ready to save');
        expect(makeDefault().checked, 'the box shows what the held card will send').to.equal(true);
        fail = false;
        const added = nextEvent(el, 'ecrypt-method-added');
        submitButton(el).click();
        expect((await added).method).to.include({ brand: 'visa', last4: '4242', isDefault: true });
        await el.updateComplete;

        // Saving the card leaves the held bank account for its own retry.
        await chooseBank(el);
        expect(held(el)).to.equal('Bank account ending in 6789, ready to save');
        expect(makeDefault().checked).to.equal(false);
        const addedBank = nextEvent(el, 'ecrypt-method-added');
        submitButton(el).click();
        expect((await addedBank).method).to.include({ kind: 'bank', last4: '6789' });
        expect(sent).to.have.length(4);
        expect(sent[2]).to.deep.equal(sent[0]);
        expect(sent[3]).to.deep.equal(sent[1]);
        expect(tokenCalls(backend)).to.equal(2);
      } finally {
        unhook();
      }
    });

    it('"Change account" discards the held bank account in a form that offers bank accounts only', async () => {
      const el = await mount(html`<ecrypt-add-card endpoint="/api/wallet" kinds="bank"></ecrypt-add-card>`);
      const unhook = interceptSaves(async () =>
        Response.json({ error: { code: 'gateway_error', message: 'Upstream failed.' } }, { status: 502 }),
      );
      try {
        await bankLoaded(el);
        await fill(el, 'holder', 'Ada Lovelace');
        await fill(el, 'routing', TEST_BANK_ACCOUNTS.checking.routingNumber);
        await fill(el, 'account', TEST_BANK_ACCOUNTS.checking.accountNumber);
        await submitAndSettle(el);
        expect(held(el)).to.equal('Bank account ending in 6789, ready to save');
        changeButton(el)!.click();
        await el.updateComplete;
        expect(held(el)).to.equal(undefined);
        expect(field(el, 'account').checkVisibility()).to.equal(true);
      } finally {
        unhook();
      }
    });

    it('"Change card" discards the token and brings back empty fields; the next save tokenizes anew with a new key', async () => {
      const el = await mount();
      let fail = true;
      const keys: (string | null)[] = [];
      const unhook = interceptSaves(async (forward, _attempt, request) => {
        keys.push(request.headers.get('Idempotency-Key'));
        return fail ? Response.json({ error: { code: 'gateway_error', message: 'x' } }, { status: 502 }) : forward();
      });
      try {
        await fillCard(el, { number: TEST_CARDS.visa.number });
        await submitAndSettle(el);
        changeButton(el)!.click();
        await el.updateComplete;
        await waitUntil(() => el.shadowRoot!.activeElement === field(el, 'number'), 'focus is not on the card number');
        expect(changeButton(el) === null, 'no Change card button').to.equal(true);
        expect(field(el, 'number').value).to.equal('');
        expect(notice(el)).to.equal(undefined);
        fail = false;
        await fillCard(el, { number: TEST_CARDS.mastercard.number });
        const added = nextEvent(el, 'ecrypt-method-added');
        submitButton(el).click();
        expect((await added).method).to.include({ last4: '4444' });
        expect(tokenCalls(backend)).to.equal(2);
        expect(keys).to.have.length(2);
        expect(keys[1]).not.to.equal(keys[0]);
      } finally {
        unhook();
      }
    });

    it('says the save timed out', async () => {
      const el = await mount();
      const unhook = interceptSaves(async () =>
        Response.json({ error: { code: 'gateway_timeout', message: 'The gateway timed out.' } }, { status: 504 }),
      );
      try {
        await fillCard(el, { number: TEST_CARDS.visa.number });
        await submitAndSettle(el);
        expect(notice(el)).to.equal('We could not confirm the save. Try again; it will not be saved twice.');
      } finally {
        unhook();
      }
    });

    it('says the gateway timed out during tokenization', async () => {
      const el = await mount();
      el.tokenizer = createGatewayTokenizer({
        gatewayUrl: 'https://gateway.sandbox.test',
        publicKey: backend.sandbox.publicKey,
        timeoutMs: 50,
      });
      backend.sandbox.faults.add({ latencyMs: 1000, times: 1, path: '/v1/tokens' });
      await fillCard(el, { number: TEST_CARDS.visa.number });
      await submitAndSettle(el);
      // Nothing reached the merchant: the notice must not suggest the save may have happened.
      expect(saves(backend)).to.have.length(0);
      expect(notice(el)).to.equal('The payment details could not be checked in time. Nothing was saved. Try again.');
    });

    it('does not ask to try again when the gateway refuses the public key', async () => {
      const el = await mount(
        html`<ecrypt-add-card
          endpoint="/api/wallet"
          public-key="pk_sandbox_not_this_one"
          gateway-url="https://gateway.sandbox.test"
        ></ecrypt-add-card>`,
      );
      await fillCard(el, { number: TEST_CARDS.visa.number });
      const error = nextEvent(el, 'ecrypt-error');
      await submitAndSettle(el);
      expect([(await error).operation, (await error).code]).to.deep.equal(['tokenize', 'unauthorized']);
      expect(saves(backend)).to.have.length(0);
      expect(notice(el)).to.equal('We cannot add payment methods right now. Nothing was saved. Please contact us.');
      await waitUntil(() => announced(el) === notice(el), 'the outcome was not announced');
    });

    it('says the gateway could not be reached', async () => {
      backend.sandbox.faults.add({ dropConnection: true, times: 1, path: '/v1/tokens' });
      const el = await mount();
      await fillCard(el, { number: TEST_CARDS.visa.number });
      await submitAndSettle(el);
      expect(notice(el)).to.equal('We could not connect. Check your connection and try again.');
      expect(field(el, 'cvc').value).to.equal('');
    });

    it('says the session has ended', async () => {
      const el = await mount();
      backend.signIn(null);
      await fillCard(el, { number: TEST_CARDS.visa.number });
      await submitAndSettle(el);
      expect(notice(el)).to.equal('Your session has ended. Sign in again to save a payment method.');
    });
  });

  describe('clock', () => {
    it('runs on the test clock, whatever today is', async () => {
      // On a clock in June 2020 a card valid through December 2021 is good; on today's clock it has expired,
      // so this fails if the element (or the backend) reads the real date instead of `now`.
      const past = new Date(2020, 5, 15, 12);
      restore();
      backend = createBackend({ now: () => past.getTime() });
      restore = backend.install();
      await backend.seedShopper();
      const el = await mount();
      el.now = () => past;
      await fillCard(el, { number: TEST_CARDS.visa.number, expiry: '12/21' });
      await submitAndSettle(el);
      expect(errorOf(el, 'expiry')).to.equal(undefined);
      expect(notice(el)).to.equal(undefined);
      expect(backend.sandbox.state.wallet(backend.customerId!)).to.have.length(1);
    });
  });

  describe('cancel', () => {
    it('fires ecrypt-cancel from the Cancel button and clears the fields', async () => {
      const el = await mount(html`<ecrypt-add-card endpoint="/api/wallet" cancelable></ecrypt-add-card>`);
      await fillCard(el, { number: TEST_CARDS.visa.number });
      const cancelled = nextEvent(el, 'ecrypt-cancel');
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="cancel-button"]')!.click();
      await cancelled;
      expect(field(el, 'number').value).to.equal('');
    });

    it('disables Cancel while a save is pending, so a completed save is always shown', async () => {
      backend.sandbox.faults.add({ latencyMs: 150, times: 1, path: '/v1/tokens' });
      const el = await mount(html`<ecrypt-add-card endpoint="/api/wallet" cancelable></ecrypt-add-card>`);
      await fillCard(el, { number: TEST_CARDS.visa.number });
      let cancelled = 0;
      el.addEventListener('ecrypt-cancel', () => cancelled++);
      const added = nextEvent(el, 'ecrypt-method-added');
      submitButton(el).click();
      await el.updateComplete;
      expect(cancelButton(el).disabled).to.equal(true);
      cancelButton(el).click();
      await added;
      await el.updateComplete;
      expect(cancelled).to.equal(0);
      expect(cancelButton(el).disabled).to.equal(false);
    });

    it('has no Cancel button unless cancelable', async () => {
      const el: EcryptAddCard = await mount();
      expect(el.shadowRoot!.querySelector('[part="cancel-button"]') === null, 'no Cancel button').to.equal(true);
    });
  });
});
