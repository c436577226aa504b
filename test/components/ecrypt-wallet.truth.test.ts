/**
 * The wallet never lies: after a change whose outcome is unknown to the element (the answer lost on
 * the way, unreadable, or a 5xx the backend could not settle), it reads the list again, shows it and
 * says what is true, once. A definite refusal rolls back exactly; a method already gone is no error.
 * Through the real handler and sandbox; only the hop between the element and the handler is faulted here
 * (the gateway's own faults are in fault-matrix.test.ts).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { removeMethod } from '../../src/client/wallet-client.js';
import {
  CHECKING,
  MASTERCARD,
  VISA,
  button,
  errorResponse,
  failNext,
  focused,
  mount,
  notice,
  numbers,
  rows,
  settled,
  setupBackend,
  teardown,
  type EcryptWallet,
} from './ecrypt-wallet.helpers.js';
import type { TestBackend } from '../support/backend.js';

/** Visa (default), Mastercard and a checking account. */
async function wallet() {
  const backend = setupBackend();
  const customerId = await backend.seedShopper([{ ...VISA, default: true }, MASTERCARD, CHECKING]);
  const el = await mount();
  backend.requests.length = 0;
  return { backend, customerId, el, said: sayings(el), events: record(el) };
}

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
/** The wallet as the gateway holds it, and as the element shows it: id and default flag (the backend orders the list). */
const gatewayState = (backend: TestBackend, customerId: string) =>
  backend.sandbox.state
    .wallet(customerId)
    .map(item => ({ id: item.id, isDefault: item.default }))
    .sort(byId);
const shown = (el: EcryptWallet) => {
  expect(rows(el), 'every method shown is rendered').to.have.length(el.methods.length);
  return el.methods.map(item => ({ id: item.id, isDefault: item.isDefault })).sort(byId);
};

/** Every sentence the live region says, in order. */
function sayings(el: EcryptWallet): string[] {
  const said: string[] = [];
  const region = el.shadowRoot!.querySelector('[role="status"]')!;
  new MutationObserver(() => {
    const text = region.textContent!.trim();
    if (text) said.push(text);
  }).observe(region, { childList: true, characterData: true, subtree: true });
  return said;
}

/** The element's outcome events, by type. */
function record(el: EcryptWallet): string[] {
  const events: string[] = [];
  for (const type of ['ecrypt-default-changed', 'ecrypt-method-removed', 'ecrypt-error'])
    el.addEventListener(type, event =>
      events.push(`${type}${type === 'ecrypt-error' ? ` ${(event as Event & { code: string }).code}` : ''}`),
    );
  return events;
}

async function makeDefault(el: EcryptWallet, last4: string): Promise<void> {
  button(el, 'default-button', last4)!.click();
  await el.updateComplete;
  await settled(el);
}

async function remove(el: EcryptWallet, last4: string): Promise<void> {
  button(el, 'remove-button', last4)!.click();
  await el.updateComplete;
  button(el, 'confirm-button', last4)!.click();
  await el.updateComplete;
  await settled(el);
}

/** Waits until the live region has said `text`, then checks it said nothing else about the change. */
async function saidOnce(said: string[], text: string): Promise<void> {
  await waitUntil(() => said.includes(text), `never said: ${text} (said ${JSON.stringify(said)})`);
  expect(said).to.deep.equal([text]);
}

type Hop = 'dropped' | 'unreadable' | 'bare 504' | 'gateway_error';

/** Faults the hop between the element and the handler: before the handler sees the request, or after it answered. */
function faultHop(method: string, path: RegExp, hop: Hop, after: boolean): void {
  failNext(method, path, async (_request, pass) => {
    if (after) await pass();
    if (hop === 'dropped') throw new TypeError('Failed to fetch');
    if (hop === 'unreadable') return new Response('<html>upstream reset</html>', { status: 200, headers: { 'content-type': 'text/html' } });
    if (hop === 'bare 504') return new Response('Gateway Timeout', { status: 504 });
    return errorResponse('gateway_error', 502);
  });
}

const DEFAULT_PATH = /\/default$/;
const METHOD_PATH = /\/methods\/[^/]+$/;

describe('<ecrypt-wallet> tells the truth after a change', () => {
  afterEach(teardown);

  for (const hop of ['dropped', 'unreadable', 'bare 504', 'gateway_error'] as const) {
    for (const after of [false, true]) {
      const when = after ? 'after the backend made it' : 'before the backend saw it';
      it(`make default: ${hop} ${when}: reads the list again, shows it and says what is true, once`, async () => {
        const { backend, customerId, el, said, events } = await wallet();
        faultHop('PUT', DEFAULT_PATH, hop, after);
        await makeDefault(el, '6789');
        expect(shown(el)).to.deep.equal(gatewayState(backend, customerId));
        expect(el.methods.find(m => m.last4 === '6789')!.isDefault).to.equal(after);
        expect(backend.requests.map(r => r.method)).to.deep.equal([...(after ? ['PUT'] : []), 'GET']);
        if (after) {
          await saidOnce(said, 'Bank account ending in 6789 is now your default payment method.');
          expect(events).to.deep.equal(['ecrypt-default-changed']);
          expect(notice(el)).to.equal(undefined);
        } else {
          await saidOnce(said, "We couldn't make Bank account ending in 6789 your default. Please try again.");
          expect(events).to.have.length(1);
          expect(events[0]).to.match(/^ecrypt-error /);
          expect(notice(el)).to.equal(said[0]);
        }
      });

      it(`remove: ${hop} ${when}: reads the list again, shows it and says what is true, once`, async () => {
        const { backend, customerId, el, said, events } = await wallet();
        faultHop('DELETE', METHOD_PATH, hop, after);
        await remove(el, '4444');
        expect(shown(el)).to.deep.equal(gatewayState(backend, customerId));
        expect(numbers(el).includes('•••• 4444')).to.equal(!after);
        if (after) {
          await saidOnce(said, 'Mastercard ending in 4444 was removed.');
          expect(events).to.deep.equal(['ecrypt-method-removed']);
        } else {
          await saidOnce(said, "We couldn't remove Mastercard ending in 4444. Please try again.");
          expect(events).to.have.length(1);
          expect(events[0]).to.match(/^ecrypt-error /);
          await waitUntil(() => focused(el) === button(el, 'remove-button', '4444'), 'focus is not back on Remove');
        }
      });
    }
  }

  it('says it could not confirm when the list cannot be read again either, and shows the list as it was', async () => {
    const { el, said, events } = await wallet();
    const before = el.methods;
    faultHop('PUT', DEFAULT_PATH, 'dropped', true);
    failNext('GET', /\/methods$/, () => Promise.reject(new TypeError('Failed to fetch')));
    await makeDefault(el, '6789');
    expect(el.methods).to.deep.equal(before);
    await saidOnce(said, "We couldn't confirm whether Bank account ending in 6789 is now your default. Please check again in a moment.");
    expect(events).to.deep.equal(['ecrypt-error network']);
  });

  it('rolls back exactly, without reading again, when the backend refused definitely', async () => {
    const { backend, el, said } = await wallet();
    const before = el.methods;
    failNext('DELETE', METHOD_PATH, () => errorResponse('rate_limited', 429, { retryAfter: 30 }));
    await remove(el, '4242');
    expect(el.methods).to.deep.equal(before);
    expect(
      backend.requests.map(r => r.method),
      'nothing read again',
    ).to.deep.equal([]);
    await saidOnce(said, "We couldn't remove Visa ending in 4242. Please try again.");
  });

  it('shows the wallet a change_failed answer carried', async () => {
    const { backend, customerId, el, said } = await wallet();
    // Meanwhile the checking account became the default elsewhere; the failed change answers the wallet as it is.
    const checking = el.methods.find(m => m.last4 === '6789')!;
    failNext('PUT', DEFAULT_PATH, async () => {
      await backend.fetch(backend.url(`/methods/${checking.id}/default`), { method: 'PUT' });
      const { methods, limit } = await (await backend.fetch(backend.url('/methods'))).json();
      backend.requests.length = 0;
      return Response.json({ error: { code: 'change_failed', message: 'Stubbed change_failed.' }, methods, limit }, { status: 502 });
    });
    await makeDefault(el, '4444');
    expect(shown(el)).to.deep.equal(gatewayState(backend, customerId));
    expect(el.methods.find(m => m.isDefault)!.last4).to.equal('6789');
    expect(backend.requests, 'the answer said it all: nothing read again').to.deep.equal([]);
    await saidOnce(said, "We couldn't make Mastercard ending in 4444 your default. Please try again.");
  });

  describe('a method already gone', () => {
    it('remove: the 404 is no error, the list shows it gone', async () => {
      const { backend, customerId, el, said, events } = await wallet();
      await removeMethod('/api/wallet', el.methods.find(m => m.last4 === '4444')!.id);
      await remove(el, '4444');
      expect(shown(el)).to.deep.equal(gatewayState(backend, customerId));
      expect(numbers(el)).not.to.include('•••• 4444');
      await saidOnce(said, 'Mastercard ending in 4444 was removed.');
      expect(events).to.deep.equal(['ecrypt-method-removed']);
      expect(notice(el)).to.equal(undefined);
    });

    it('remove: a 404 without the wallet reads the list again', async () => {
      const { backend, customerId, el, said } = await wallet();
      await removeMethod('/api/wallet', el.methods.find(m => m.last4 === '4444')!.id);
      backend.requests.length = 0;
      failNext('DELETE', METHOD_PATH, () => errorResponse('not_found', 404));
      await remove(el, '4444');
      expect(shown(el)).to.deep.equal(gatewayState(backend, customerId));
      expect(backend.requests.map(r => r.method)).to.deep.equal(['GET']);
      await saidOnce(said, 'Mastercard ending in 4444 was removed.');
    });

    it('make default: the list is refreshed without it, and says so', async () => {
      const { backend, customerId, el, said, events } = await wallet();
      await removeMethod('/api/wallet', el.methods.find(m => m.last4 === '6789')!.id);
      await makeDefault(el, '6789');
      expect(shown(el)).to.deep.equal(gatewayState(backend, customerId));
      expect(numbers(el)).not.to.include('•••• 6789');
      expect(el.methods.find(m => m.isDefault)!.last4).to.equal('4242');
      const text = "Bank account ending in 6789 is no longer saved, so it can't be your default.";
      await saidOnce(said, text);
      expect(notice(el)).to.equal(text);
      expect(events).to.deep.equal(['ecrypt-error not_found']);
    });
  });

  describe('when trying again cannot help', () => {
    for (const change of ['make default', 'remove'] as const) {
      it(`${change}: a signed-out shopper is told to sign in again`, async () => {
        const { backend, el, said } = await wallet();
        const before = el.methods;
        backend.signIn(null);
        if (change === 'remove') await remove(el, '4444');
        else await makeDefault(el, '4444');
        expect(el.methods).to.deep.equal(before);
        await saidOnce(said, 'Your session has ended. Sign in again to change your payment methods.');
        expect(notice(el)).to.equal(said[0]);
      });

      it(`${change}: a refusal from another site is not "Please try again"`, async () => {
        const { el, said } = await wallet();
        failNext(change === 'remove' ? 'DELETE' : 'PUT', change === 'remove' ? METHOD_PATH : DEFAULT_PATH, () =>
          errorResponse('forbidden', 403),
        );
        if (change === 'remove') await remove(el, '4444');
        else await makeDefault(el, '4444');
        await saidOnce(
          said,
          change === 'remove'
            ? "We couldn't remove Mastercard ending in 4444."
            : "We couldn't make Mastercard ending in 4444 your default.",
        );
      });
    }
  });
});
