import { expect } from '@open-wc/testing';
import { createTestBackend, type TestBackend } from '../support/backend.js';
import { TEST_BANK_ACCOUNTS, TEST_CARDS } from '../../src/sandbox/test-data.js';
import { EcryptAddCard } from '../../src/components/ecrypt-add-card/ecrypt-add-card.js';
import { fillBank, fillCard, mount, nextEvent, submitButton } from './ecrypt-add-card.helpers.js';

const EVENTS = ['ecrypt-method-added', 'ecrypt-default-changed', 'ecrypt-cancel', 'ecrypt-error', 'ecrypt-methods-loaded', 'ecrypt-method-removed', 'ecrypt-remove-request'];
const CONSOLE = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/** Everything a page, a script or a log could read, gathered as text. */
interface Exposure {
  events: string[];
  console: string[];
}

function watch(): { exposure: Exposure; stop: () => void } {
  const exposure: Exposure = { events: [], console: [] };
  const onEvent = (event: Event) => {
    const fields: Record<string, unknown> = {};
    for (const key of Object.getOwnPropertyNames(event)) fields[key] = (event as unknown as Record<string, unknown>)[key];
    for (const key of ['method', 'methods', 'code', 'message', 'requestId', 'operation'])
      if (key in event) fields[key] = (event as unknown as Record<string, unknown>)[key];
    exposure.events.push(JSON.stringify({ type: event.type, fields }));
  };
  for (const type of EVENTS) document.addEventListener(type, onEvent, true);
  const originals = CONSOLE.map(name => console[name]);
  for (const name of CONSOLE) console[name] = (...args: unknown[]) => void exposure.console.push(args.map(String).join(' '));
  return {
    exposure,
    stop() {
      for (const type of EVENTS) document.removeEventListener(type, onEvent, true);
      CONSOLE.forEach((name, i) => (console[name] = originals[i]!));
    },
  };
}

/** What can be read of the element from outside: attributes everywhere, its properties and the markup. */
function readable(el: EcryptAddCard): string[] {
  const texts: string[] = [el.outerHTML, el.shadowRoot!.innerHTML];
  for (const node of [el, ...el.shadowRoot!.querySelectorAll('*')]) for (const name of node.getAttributeNames()) texts.push(`${name}=${node.getAttribute(name)}`);
  const keys = new Set([...Object.getOwnPropertyNames(el), ...EcryptAddCard.elementProperties.keys()].map(String));
  for (const key of keys) {
    try {
      texts.push(`${key}=${JSON.stringify((el as unknown as Record<string, unknown>)[key])}`);
    } catch {
      texts.push(`${key}=${String((el as unknown as Record<string, unknown>)[key])}`);
    }
  }
  for (const storage of [localStorage, sessionStorage]) for (let i = 0; i < storage.length; i++) texts.push(storage.getItem(storage.key(i)!) ?? '');
  return texts;
}

function expectAbsent(secret: string, texts: string[], where: string): void {
  const digits = secret.replace(/\D/g, '');
  for (const text of texts) {
    expect(text.replace(/\D/g, ''), `${where}: ${text.slice(0, 120)}`).not.to.include(digits);
  }
}

describe('<ecrypt-add-card>', () => {
  let backend: TestBackend;
  let restore: () => void;
  let gatewayBodies: string[];

  beforeEach(async () => {
    backend = createTestBackend();
    restore = backend.install();
    gatewayBodies = [];
    const routed = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.url.includes('/v1/tokens')) gatewayBodies.push(await request.clone().text());
      return routed(request);
    };
    const restoreBackend = restore;
    restore = () => {
      globalThis.fetch = routed;
      restoreBackend();
    };
    await backend.seedShopper();
    localStorage.clear();
    sessionStorage.clear();
  });

  afterEach(() => restore());

  describe('card data', () => {
    it('sends the card number and security code only to /v1/tokens, never to the merchant, an event, the console, storage or the DOM after success', async () => {
      const { exposure, stop } = watch();
      try {
        const el = await mount();
        await fillCard(el, { number: TEST_CARDS.amex.number, cvc: '7319' });
        const added = nextEvent(el, 'ecrypt-method-added');
        submitButton(el).click();
        await added;
        await el.updateComplete;

        expect(gatewayBodies.join('')).to.include(TEST_CARDS.amex.number).and.to.include('7319');
        const merchant = backend.requests.map(r => `${r.method} ${r.url} ${JSON.stringify([...r.headers])} ${r.body}`);
        expect(merchant.length).to.be.greaterThan(1);
        for (const secret of [TEST_CARDS.amex.number, '7319']) {
          const label = secret === '7319' ? 'security code' : 'card number';
          for (const text of merchant) expect(text, `${label} in a merchant request`).not.to.include(secret);
          expectAbsent(secret, exposure.events, `${label} in an event`);
          expectAbsent(secret, exposure.console, `${label} in the console`);
          expectAbsent(secret, readable(el), `${label} readable after success`);
        }
        for (const input of el.shadowRoot!.querySelectorAll('input')) expect(input.value.replace(/\D/g, '')).not.to.include(TEST_CARDS.amex.number);
      } finally {
        stop();
      }
    });

    it('keeps the card number out of attributes, events and the console after a failure too', async () => {
      const { exposure, stop } = watch();
      try {
        const el = await mount();
        await fillCard(el, { number: TEST_CARDS.declined.number, cvc: '731' });
        const failed = nextEvent(el, 'ecrypt-error');
        submitButton(el).click();
        await failed;
        await el.updateComplete;
        const attributes = [el, ...el.shadowRoot!.querySelectorAll('*')].flatMap(node => node.getAttributeNames().map(name => node.getAttribute(name) ?? ''));
        expectAbsent(TEST_CARDS.declined.number, attributes, 'attribute');
        expectAbsent(TEST_CARDS.declined.number, exposure.events, 'event');
        expectAbsent(TEST_CARDS.declined.number, exposure.console, 'console');
        for (const r of backend.requests) expect(r.body).not.to.include(TEST_CARDS.declined.number);
      } finally {
        stop();
      }
    });
  });

  describe('bank data', () => {
    it('sends the bank account number only to /v1/tokens', async () => {
      const { exposure, stop } = watch();
      try {
        const el = await mount();
        const { checking } = TEST_BANK_ACCOUNTS;
        await fillBank(el, checking);
        const added = nextEvent(el, 'ecrypt-method-added');
        submitButton(el).click();
        await added;
        await el.updateComplete;
        expect(gatewayBodies.join('')).to.include(checking.accountNumber);
        for (const r of backend.requests) expect(`${r.url} ${JSON.stringify([...r.headers])} ${r.body}`).not.to.include(checking.accountNumber);
        expectAbsent(checking.accountNumber, exposure.events, 'event');
        expectAbsent(checking.accountNumber, exposure.console, 'console');
        expectAbsent(checking.accountNumber, readable(el), 'readable after success');
      } finally {
        stop();
      }
    });
  });
});
