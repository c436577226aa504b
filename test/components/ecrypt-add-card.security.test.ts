import { expect } from '@open-wc/testing';
import type { TestBackend } from '../support/backend.js';
import { TEST_BANK_ACCOUNTS, TEST_CARDS } from '../../src/sandbox/test-data.js';
import { EcryptAddCard } from '../../src/components/ecrypt-add-card/ecrypt-add-card.js';
import { createBackend, field, fillBank, fillCard, mount, nextEvent, submitButton } from './ecrypt-add-card.helpers.js';

const EVENTS = [
  'ecrypt-method-added',
  'ecrypt-default-changed',
  'ecrypt-cancel',
  'ecrypt-error',
  'ecrypt-methods-loaded',
  'ecrypt-method-removed',
  'ecrypt-remove-request',
];
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

/**
 * What can be read of the element from outside, each piece on its own: text, attribute values,
 * input values, properties and storage. Never the serialized markup, whose comment markers hold
 * random digits that could spell a secret by chance.
 */
function readable(el: EcryptAddCard, { inputs = true } = {}): string[] {
  const root = el.shadowRoot!;
  const texts: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) texts.push(walker.currentNode.textContent ?? '');
  texts.push(el.textContent ?? '');
  for (const node of [el, ...root.querySelectorAll('*')])
    for (const name of node.getAttributeNames()) texts.push(node.getAttribute(name) ?? '');
  if (inputs) for (const input of root.querySelectorAll('input')) texts.push(input.value);
  const keys = new Set([...Object.getOwnPropertyNames(el), ...EcryptAddCard.elementProperties.keys()].map(String));
  for (const key of keys) {
    try {
      texts.push(JSON.stringify((el as unknown as Record<string, unknown>)[key]) ?? '');
    } catch {
      texts.push(String((el as unknown as Record<string, unknown>)[key]));
    }
  }
  for (const storage of [localStorage, sessionStorage])
    for (let i = 0; i < storage.length; i++) texts.push(storage.getItem(storage.key(i)!) ?? '');
  return texts;
}

/**
 * Fails when any one text holds the secret's digits in order, with nothing but spaces or dashes
 * between them and no letter or digit around them (so a random id cannot spell a short secret).
 */
function expectAbsent(secret: string, texts: string[], where: string): void {
  const pattern = new RegExp(`(?<![0-9A-Za-z])${secret.replace(/\D/g, '').split('').join('[\\s-]*')}(?![0-9A-Za-z])`);
  for (const text of texts) expect(pattern.test(text), `${where}: ${text.slice(0, 120)}`).to.equal(false);
}

describe('<ecrypt-add-card>', () => {
  let backend: TestBackend;
  let restore: () => void;
  let gatewayBodies: string[];

  beforeEach(async () => {
    backend = createBackend();
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
        const attributes = [el, ...el.shadowRoot!.querySelectorAll('*')].flatMap(node =>
          node.getAttributeNames().map(name => node.getAttribute(name) ?? ''),
        );
        expectAbsent(TEST_CARDS.declined.number, attributes, 'attribute');
        expectAbsent(TEST_CARDS.declined.number, exposure.events, 'event');
        expectAbsent(TEST_CARDS.declined.number, exposure.console, 'console');
        for (const r of backend.requests) expect(r.body).not.to.include(TEST_CARDS.declined.number);
      } finally {
        stop();
      }
    });
    it('keeps the card number inside its input alone when tokenization fails and the number stays for a retry', async () => {
      const { exposure, stop } = watch();
      backend.sandbox.faults.add({ status: 502, times: 1, path: '/v1/tokens' });
      try {
        const el = await mount();
        await fillCard(el, { number: TEST_CARDS.amex.number, cvc: '7319' });
        const failed = nextEvent(el, 'ecrypt-error');
        submitButton(el).click();
        expect((await failed).operation).to.equal('tokenize');
        await el.updateComplete;
        // No token exists, so the number is still typed in: the case where a leak would matter most.
        expect(field(el, 'number').value.replace(/\D/g, '')).to.equal(TEST_CARDS.amex.number);
        expectAbsent(TEST_CARDS.amex.number, readable(el, { inputs: false }), 'card number readable outside its input');
        expectAbsent('7319', readable(el), 'security code readable after a failed tokenization');
        for (const secret of [TEST_CARDS.amex.number, '7319']) {
          expectAbsent(secret, exposure.events, 'event');
          expectAbsent(secret, exposure.console, 'console');
          for (const r of backend.requests) expect(`${r.url} ${JSON.stringify([...r.headers])} ${r.body}`).not.to.include(secret);
        }
      } finally {
        stop();
      }
    });

    it('leaves neither the card number nor the security code anywhere readable when the save fails after tokenization', async () => {
      const { exposure, stop } = watch();
      const inner = globalThis.fetch;
      globalThis.fetch = (input, init) => {
        const request = new Request(input, init);
        if (request.method === 'POST' && request.url.endsWith('/methods'))
          return Promise.resolve(Response.json({ error: { code: 'gateway_error', message: 'x' } }, { status: 502 }));
        return inner(request);
      };
      try {
        const el = await mount();
        await fillCard(el, { number: TEST_CARDS.amex.number, cvc: '7319' });
        const failed = nextEvent(el, 'ecrypt-error');
        submitButton(el).click();
        expect((await failed).operation).to.equal('add');
        await el.updateComplete;
        for (const [secret, label] of [
          [TEST_CARDS.amex.number, 'card number'],
          ['7319', 'security code'],
        ] as const) {
          expectAbsent(secret, readable(el), `${label} readable after a failed save`);
          expectAbsent(secret, exposure.events, `${label} in an event`);
        }
      } finally {
        globalThis.fetch = inner;
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
        for (const r of backend.requests)
          expect(`${r.url} ${JSON.stringify([...r.headers])} ${r.body}`).not.to.include(checking.accountNumber);
        expectAbsent(checking.accountNumber, exposure.events, 'event');
        expectAbsent(checking.accountNumber, exposure.console, 'console');
        expectAbsent(checking.accountNumber, readable(el), 'readable after success');
      } finally {
        stop();
      }
    });
  });
});
