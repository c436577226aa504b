/**
 * The gateway fault matrix, in the browser against the real handler and sandbox: for list, add, make
 * default and remove, the gateway is slow past the handler's timeout, fails with a 500 before or after
 * it applied the change, answers a malformed body, or drops the connection. Afterwards the wallet always
 * shows the gateway's own state, says what is true, and a save retried as the element retries it is
 * stored once.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { SandboxFault } from '../../src/sandbox/index.js';
import { TEST_CARDS } from '../../src/sandbox/index.js';
import type { EcryptAddCard } from '../../src/components/ecrypt-add-card/ecrypt-add-card.js';
import { fillCard, submitButton } from './ecrypt-add-card.helpers.js';
import {
  CHECKING,
  MASTERCARD,
  VISA,
  addButton,
  button,
  mount,
  next,
  rows,
  settled,
  setupBackend,
  teardown,
  type EcryptWallet,
} from './ecrypt-wallet.helpers.js';
import type { TestBackend } from '../support/backend.js';

/** The handler gives up on the gateway after this long. */
const TIMEOUT_MS = 300;

const WALLET = /^\/v1\/customers\/[^/]+\/wallet$/;
const WALLET_ENTRY = /^\/v1\/customers\/[^/]+\/wallet\/[^/]+$/;

type Op = 'list' | 'add' | 'make default' | 'remove';

const GATEWAY_ROUTE: Record<Op, { method: string; path: RegExp }> = {
  list: { method: 'GET', path: WALLET },
  add: { method: 'POST', path: WALLET },
  'make default': { method: 'PUT', path: WALLET_ENTRY },
  remove: { method: 'DELETE', path: WALLET_ENTRY },
};

/**
 * A fault of the gateway, by what the sandbox does (`sandbox`), or what the transport between the handler
 * and the sandbox does once the gateway has handled the request (`transport`: its answer never comes, or the
 * wallet cannot be read again either). `applied`: whether the gateway made the change.
 */
interface Fault {
  sandbox?: SandboxFault;
  transport?: 'hang after handling' | 'reads fail after the change';
  applied: boolean;
}

const FAULTS: Record<string, Fault> = {
  'latency past the timeout': { sandbox: { latencyMs: 60_000 }, applied: false },
  'a timeout after the gateway applied it': { transport: 'hang after handling', applied: true },
  '500 before the change': { sandbox: { status: 500 }, applied: false },
  '500 after the change': { sandbox: { status: 500, afterHandling: true }, applied: true },
  '500 after the change, the wallet unreadable': {
    sandbox: { status: 500, afterHandling: true },
    transport: 'reads fail after the change',
    applied: true,
  },
  'a malformed body': { sandbox: { malformedBody: true }, applied: false },
  'a malformed body after the change': { sandbox: { malformedBody: true, afterHandling: true }, applied: true },
  'a dropped connection': { sandbox: { dropConnection: true }, applied: false },
  'a dropped connection after the change': { sandbox: { dropConnection: true, afterHandling: true }, applied: true },
};

/** What the gateway transport does next, for faults the sandbox cannot make itself. */
let transportFault: Fault['transport'];
let readsFailing = false;

/** A backend whose handler reaches the sandbox through a transport that can hang or fail reads on cue. */
async function walletWith(fault: Fault, op: Op) {
  transportFault = undefined;
  readsFailing = false;
  const late: { backend?: TestBackend } = {};
  const backend = setupBackend({
    timeoutMs: TIMEOUT_MS,
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const { pathname } = new URL(request.url);
      if (request.method === 'GET' && readsFailing) {
        readsFailing = false;
        throw new TypeError('fetch failed');
      }
      const answer = await late.backend!.sandbox.handle(request);
      const route = GATEWAY_ROUTE[op];
      if (request.method === route.method && route.path.test(pathname) && transportFault) {
        const transport = transportFault;
        transportFault = undefined;
        if (transport === 'hang after handling') return new Promise<never>(() => {});
        readsFailing = true;
      }
      return answer;
    },
  });
  late.backend = backend;
  const customerId = await backend.seedShopper([{ ...VISA, default: true }, MASTERCARD, CHECKING]);
  const arm = () => {
    const route = GATEWAY_ROUTE[op];
    if (fault.sandbox) backend.sandbox.faults.add({ ...fault.sandbox, ...route, times: 1 });
    transportFault = fault.transport;
  };
  return { backend, customerId, arm };
}

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
const gatewayState = (backend: TestBackend, customerId: string) =>
  backend.sandbox.state
    .wallet(customerId)
    .map(item => ({ id: item.id, isDefault: item.default }))
    .sort(byId);
const shown = (el: EcryptWallet) => {
  expect(rows(el), 'every method shown is rendered').to.have.length(el.methods.length);
  return el.methods.map(item => ({ id: item.id, isDefault: item.isDefault })).sort(byId);
};
const announced = (el: EcryptWallet) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();

/** Waits until the wallet shows what the gateway holds. */
async function showsTheTruth(el: EcryptWallet, backend: TestBackend, customerId: string): Promise<void> {
  await settled(el);
  await waitUntil(
    () => JSON.stringify(shown(el)) === JSON.stringify(gatewayState(backend, customerId)),
    `the wallet shows ${JSON.stringify(el.methods.map(m => m.last4))}, not the gateway's state`,
  );
}

const DISCOVER_LAST4 = TEST_CARDS.discover.number.slice(-4);

describe('gateway fault matrix', function () {
  this.timeout(20_000);
  afterEach(() => {
    transportFault = undefined;
    readsFailing = false;
    teardown();
  });

  for (const [name, fault] of Object.entries(FAULTS)) {
    if (!fault.applied && !fault.transport) {
      it(`list: ${name}: the failure is shown, and Try again shows the gateway's wallet`, async () => {
        const { backend, customerId, arm } = await walletWith(fault, 'list');
        arm();
        const el = await mount();
        expect(el.shadowRoot!.querySelector('.failed'), 'the load failure shows').to.exist;
        expect(el.shadowRoot!.querySelector('[part~="list"]'), 'no list that may be untrue').not.to.exist;
        await waitUntil(() => announced(el) === "We couldn't load your saved payment methods.");
        const loaded = next(el, 'ecrypt-methods-loaded');
        button(el, 'retry-button')!.click();
        await loaded;
        await showsTheTruth(el, backend, customerId);
      });
    }

    for (const op of ['make default', 'remove'] as const) {
      it(`${op}: ${name}: shows the gateway's wallet and says what is true`, async () => {
        const { backend, customerId, arm } = await walletWith(fault, op);
        const el = await mount();
        arm();
        if (op === 'make default') {
          button(el, 'default-button', '6789')!.click();
        } else {
          button(el, 'remove-button', '4444')!.click();
          await el.updateComplete;
          button(el, 'confirm-button', '4444')!.click();
        }
        await el.updateComplete;
        await showsTheTruth(el, backend, customerId);
        const wallet = backend.sandbox.state.wallet(customerId);
        const made =
          op === 'make default'
            ? wallet.find(m => m.default)!.accountNumber.endsWith('6789')
            : !wallet.some(m => m.accountNumber.endsWith('4444'));
        expect(made, 'the gateway made the change').to.equal(fault.applied);
        const sentence =
          op === 'make default'
            ? made
              ? 'Bank account ending in 6789 is now your default payment method.'
              : "We couldn't make Bank account ending in 6789 your default. Please try again."
            : made
              ? 'Mastercard ending in 4444 was removed.'
              : "We couldn't remove Mastercard ending in 4444. Please try again.";
        await waitUntil(() => announced(el) === sentence, `announced "${announced(el)}", not "${sentence}"`);
      });
    }

    // A save is not read again by the handler; a wallet unreadable after it is the change routes' case.
    if (fault.transport === 'reads fail after the change') continue;
    it(`add: ${name}: shows the gateway's wallet, and the retry stores the card once`, async () => {
      const { backend, customerId, arm } = await walletWith(fault, 'add');
      const el = await mount();
      const before = backend.sandbox.state.wallet(customerId).length;
      addButton(el).click();
      await waitUntil(
        () => el.shadowRoot!.querySelector('ecrypt-add-card')?.shadowRoot?.querySelector('#number'),
        'the add form did not open',
      );
      const form = el.shadowRoot!.querySelector<EcryptAddCard>('ecrypt-add-card')!;
      await fillCard(form, { number: TEST_CARDS.discover.number });
      arm();
      const failed = next(form, 'ecrypt-error');
      submitButton(form).click();
      await failed;
      await waitUntil(() => submitButton(form).getAttribute('aria-disabled') === 'false', 'the save did not finish');
      // Whatever the gateway holds now, the wallet shows.
      await showsTheTruth(el, backend, customerId);
      expect(backend.sandbox.state.wallet(customerId)).to.have.length(before + (fault.applied ? 1 : 0));

      const added = next(el, 'ecrypt-method-added');
      submitButton(form).click();
      expect((await added).method.last4).to.equal(DISCOVER_LAST4);
      await showsTheTruth(el, backend, customerId);
      expect(backend.sandbox.state.wallet(customerId), 'stored once').to.have.length(before + 1);
      await waitUntil(() => announced(el) === `Discover ending in ${DISCOVER_LAST4} was added.`);
    });
  }
});
