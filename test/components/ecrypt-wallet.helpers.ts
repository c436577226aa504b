/** Shared set-up for the `<ecrypt-wallet>` browser tests: the real handler and sandbox in the page. */
import { fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { TEST_BANK_ACCOUNTS, TEST_CARDS, type SeedMethod } from '../../src/sandbox/index.js';
import type { WalletHandlerOptions } from '../../src/server/options.js';
import type { PaymentMethod } from '../../src/protocol/index.js';
import { createTestBackend, type TestBackend } from '../support/backend.js';
import '../../src/components/ecrypt-wallet/ecrypt-wallet.js';
import type { EcryptWallet } from '../../src/components/ecrypt-wallet/ecrypt-wallet.js';

export type { EcryptWallet };

/** The clock of the element, the handler and the sandbox in every test: 23 November 2026, local noon. */
export const NOW = new Date(2026, 10, 23, 12);
export const clock = () => NOW;

/** Seeded methods, created through the sandbox's own validation. */
export const VISA: SeedMethod = { card: { accountNumber: TEST_CARDS.visa.number, expires: '0427', nameOnCard: 'Ada Lovelace' } };
export const MASTERCARD: SeedMethod = { card: { accountNumber: TEST_CARDS.mastercard.number, expires: '1235' } };
/** Usable through 31 December 2026: 38 days on the test clock, so not yet "soon". */
export const DISCOVER: SeedMethod = { card: { accountNumber: TEST_CARDS.discover.number, expires: '1226' } };
/** Usable through 30 November 2026: seven days on the test clock. */
export const AMEX_SOON: SeedMethod = { card: { accountNumber: TEST_CARDS.amex.number, expires: '1126' } };
export const CHECKING: SeedMethod = {
  bank: {
    accountNumber: TEST_BANK_ACCOUNTS.checking.accountNumber,
    routingNumber: TEST_BANK_ACCOUNTS.checking.routingNumber,
    accountType: 0,
    name: 'Ada Lovelace',
  },
};

let backend: TestBackend | undefined;
let restore: (() => void) | undefined;

/** A fresh backend (handler + sandbox on the test clock) installed as the page's fetch until `teardown()`. */
export function setupBackend(handlerOptions: Partial<WalletHandlerOptions> = {}): TestBackend {
  teardown();
  backend = createTestBackend({ now: () => NOW.getTime(), handlerOptions: { retry: { attempts: 1, baseDelayMs: 1 }, ...handlerOptions } });
  restore = backend.install();
  return backend;
}

export function teardown(): void {
  restore?.();
  restore = undefined;
  backend = undefined;
}

/** Mounts a wallet and waits until its methods have loaded. */
export async function mount(
  template: TemplateResult = html`<ecrypt-wallet endpoint="/api/wallet" .now=${clock}></ecrypt-wallet>`,
): Promise<EcryptWallet> {
  const el = await fixture<EcryptWallet>(template);
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="list"], [part~="empty"], .failed'), 'the wallet did not load');
  await el.updateComplete;
  return el;
}

/** Lets the test decide when requests go on: `hold()` pauses every fetch until `release()`. */
export function gate(): { hold(): void; release(): Promise<void> } {
  const inner = globalThis.fetch;
  let open: (() => void) | undefined;
  let opened: Promise<void> = Promise.resolve();
  globalThis.fetch = (async (...args: Parameters<typeof fetch>) => {
    await opened;
    return inner(...args);
  }) as typeof fetch;
  const previousRestore = restore;
  restore = () => {
    globalThis.fetch = inner;
    previousRestore?.();
  };
  return {
    hold() {
      opened = new Promise(resolve => (open = resolve));
    },
    async release() {
      open?.();
      await new Promise(resolve => setTimeout(resolve));
    },
  };
}

/**
 * Answers the next request whose method and path match with this stubbed Response, once; everything else reaches the
 * backend. `response` gets the request and `pass()`, which sends it on to the backend.
 */
export function failNext(
  method: string,
  pathEnd: string | RegExp,
  response: (request: Request, pass: () => Promise<Response>) => Response | Promise<Response>,
): void {
  const inner = globalThis.fetch;
  let used = false;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input instanceof Request ? input : new URL(String(input), location.href), init);
    const path = new URL(request.url).pathname;
    const matches = typeof pathEnd === 'string' ? path.endsWith(pathEnd) : pathEnd.test(path);
    if (!used && request.method === method && matches) {
      used = true;
      return response(request, () => inner(input, init));
    }
    return inner(input, init);
  }) as typeof fetch;
  const previousRestore = restore;
  restore = () => {
    globalThis.fetch = inner;
    previousRestore?.();
  };
}

/**
 * Holds the answer to the next matching request until `release()`: the backend's own answer, or `answer()` when given.
 * An abort of the request meanwhile rejects it, as fetch does; `aborted` tells whether one came. `release()` resolves
 * once the answer has been read and what the reader did with it has run (at once when the request was aborted).
 */
export function holdAnswer(method: string, pathEnd: string | RegExp, answer?: () => Response) {
  let open!: () => void;
  const opened = new Promise<void>(resolve => (open = resolve));
  let read!: () => void;
  const wasRead = new Promise<void>(resolve => (read = resolve));
  let signal: AbortSignal | undefined;
  failNext(method, pathEnd, async (request, pass) => {
    signal = request.signal;
    const response = answer ? answer() : await pass();
    const json = response.json.bind(response);
    response.json = () => json().finally(read);
    await new Promise<void>((resolve, reject) => {
      const abort = () => reject(request.signal.reason);
      if (request.signal.aborted) abort();
      request.signal.addEventListener('abort', abort);
      void opened.then(resolve);
    });
    return response;
  });
  return {
    get aborted() {
      return signal?.aborted ?? false;
    },
    async release() {
      open();
      if (!signal?.aborted) await wasRead;
      await new Promise(resolve => setTimeout(resolve));
    },
  };
}

/** The stubbed answer of a contract error. */
export const errorResponse = (code: string, status: number, extra: Record<string, unknown> = {}) =>
  Response.json({ error: { code, message: `Stubbed ${code}.`, requestId: 'req_stub_1', ...extra } }, { status });

/** A method as a backend would answer it, for stubbed lists. */
export const method = (fields: Partial<PaymentMethod> = {}): PaymentMethod => ({
  id: 'wallet-entry-0001',
  kind: 'card',
  brand: 'visa',
  last4: '4242',
  expMonth: 4,
  expYear: 2027,
  isDefault: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...fields,
});

const root = (el: EcryptWallet) => el.shadowRoot!;
export const rows = (el: EcryptWallet) => [...root(el).querySelectorAll<HTMLElement>('[part~="method"] .row')];
export const rowOf = (el: EcryptWallet, last4: string) =>
  rows(el).find(row => row.querySelector('[part~="number"]')!.textContent!.includes(last4))!;
/** The accessible name of each method: the row group's label, or its radio's in checkout mode. */
export const names = (el: EcryptWallet) =>
  rows(el).map(row => row.getAttribute('aria-label') ?? row.querySelector('input')!.getAttribute('aria-label'));
export const name = (el: EcryptWallet, last4: string) => {
  const row = rowOf(el, last4);
  return row.getAttribute('aria-label') ?? row.querySelector('input')!.getAttribute('aria-label');
};
export const numbers = (el: EcryptWallet) => rows(el).map(row => row.querySelector('[part~="number"]')!.textContent!.trim());
export const button = (el: EcryptWallet, part: string, last4?: string) =>
  (last4 ? rowOf(el, last4) : root(el)).querySelector<HTMLButtonElement>(`[part~="${part}"]`);
export const addButton = (el: EcryptWallet) => root(el).querySelector<HTMLButtonElement>('[part~="add-button"]')!;
export const announced = (el: EcryptWallet) => root(el).querySelector('[role="status"]')!.textContent!.trim();
export const notice = (el: EcryptWallet) => root(el).querySelector('.notice')?.textContent?.trim();
/** The element inside the shadow root that has focus. */
export const focused = (el: EcryptWallet) => root(el).activeElement as HTMLElement | null;
export const radios = (el: EcryptWallet) => [...root(el).querySelectorAll<HTMLInputElement>('input[type="radio"]')];

/** `oneEvent` typed by the event map: arm it before the action. */
export const next = <K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, type: K) =>
  oneEvent<GlobalEventHandlersEventMap[K]>(target, type);

/**
 * Waits until the wallet has rendered and shows no change or load in flight: no list marked aria-busy, no action
 * marked unavailable, no :state(busy) where the engine has custom states. A change stuck busy times out here.
 */
export async function settled(el: EcryptWallet): Promise<void> {
  const busy = () =>
    !!el.shadowRoot!.querySelector('[aria-busy="true"], [aria-disabled="true"]:not([part~="add-button"])') ||
    (CSS.supports('selector(:state(busy))') && el.matches(':state(busy)'));
  await el.updateComplete;
  await waitUntil(() => !busy(), 'the wallet stayed busy');
  await el.updateComplete;
}
