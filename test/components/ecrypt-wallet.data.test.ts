import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { PaymentMethod, WalletState } from '../../src/protocol/index.js';
import { WalletDataController } from '../../src/components/ecrypt-wallet/wallet-data.controller.js';
import { errorResponse, method } from './ecrypt-wallet.helpers.js';

/** The smallest host: an endpoint, and a record of what the controller told it. */
@customElement('test-wallet-data')
class DataHost extends LitElement {
  @property() endpoint = '/api/wallet';
  readonly busyChanges: boolean[] = [];
  readonly loaded: (readonly PaymentMethod[])[] = [];
  readonly data = new WalletDataController(this, {
    endpoint: () => this.endpoint,
    onLoaded: methods => this.loaded.push(methods),
    onLoadFailed: () => {},
    onBusyChange: busy => this.busyChanges.push(busy),
  });
}

const VISA = method({ id: 'wallet-entry-4242', last4: '4242', isDefault: true });
const MASTERCARD = method({ id: 'wallet-entry-4444', brand: 'mastercard', last4: '4444', isDefault: false });
const CHECKING = method({ id: 'wallet-entry-6789', kind: 'bank', brand: 'ach', last4: '6789', isDefault: false });
const WALLET: WalletState = { methods: [VISA, MASTERCARD, CHECKING], limit: 10 };

/** A request the test answers by hand, or fails as a lost connection would. */
interface Pending {
  method: string;
  path: string;
  signal: AbortSignal;
  answer(response: Response): void;
  fail(error: Error): void;
}

/** A backend the test answers by hand: each request waits until the test answers it. */
function handBackend() {
  const pending: Pending[] = [];
  const inner = globalThis.fetch;
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const request = new Request(new URL(String(input), location.href), init);
      request.signal.addEventListener('abort', () => reject(request.signal.reason));
      pending.push({ method: request.method, path: new URL(request.url).pathname, signal: request.signal, answer: resolve, fail: reject });
    })) as typeof fetch;
  return {
    pending,
    /** The next request not yet answered, once it has been sent. */
    async next() {
      await waitUntil(() => pending.length > 0, 'no request was sent');
      return pending.shift()!;
    },
    restore: () => (globalThis.fetch = inner),
  };
}

const ids = (methods: readonly PaymentMethod[] | undefined) => methods?.map(m => (m.isDefault ? `${m.last4}*` : m.last4));

describe('WalletDataController', () => {
  let backend: ReturnType<typeof handBackend>;
  beforeEach(() => (backend = handBackend()));
  afterEach(() => backend.restore());

  async function loaded() {
    const host = await fixture<DataHost>(html`<test-wallet-data></test-wallet-data>`);
    const load = await backend.next();
    expect(`${load.method} ${load.path}`).to.equal('GET /api/wallet/methods');
    load.answer(Response.json(WALLET));
    await waitUntil(() => host.loaded.length === 1, 'the list did not load');
    return host;
  }

  it('loads the list of the endpoint and tells the host once', async () => {
    const host = await loaded();
    expect(ids(host.data.methods)).to.deep.equal(['4242*', '4444', '6789']);
    expect(host.data.limit).to.equal(10);
    expect(ids(host.loaded[0])).to.deep.equal(['4242*', '4444', '6789']);
  });

  it('makes a default at once, then answers the saved method and the wallet the server sent', async () => {
    const host = await loaded();
    const outcome = host.data.setDefault(MASTERCARD);
    expect(ids(host.data.methods), 'optimistic').to.deep.equal(['4242', '4444*', '6789']);
    expect(host.data.busy).to.be.true;
    const request = await backend.next();
    expect(`${request.method} ${request.path}`).to.equal('PUT /api/wallet/methods/wallet-entry-4444/default');
    const answered = { methods: [{ ...MASTERCARD, isDefault: true }, { ...VISA, isDefault: false }, CHECKING], limit: 10 };
    request.answer(Response.json(answered));
    const result = await outcome;
    expect(result.status).to.equal('saved');
    if (result.status !== 'saved') return;
    expect(result.method).to.deep.equal({ ...MASTERCARD, isDefault: true });
    expect(result.wallet).to.deep.equal(answered);
    expect(ids(host.data.methods), 'the server’s order').to.deep.equal(['4444*', '4242', '6789']);
    expect(host.busyChanges).to.deep.equal([true, false]);
  });

  it('puts the list back exactly when the server refuses a removal, and answers the error', async () => {
    const host = await loaded();
    const outcome = host.data.remove(MASTERCARD);
    expect(ids(host.data.methods)).to.deep.equal(['4242*', '6789']);
    (await backend.next()).answer(errorResponse('rate_limited', 429, { retryAfter: 30 }));
    const result = await outcome;
    expect(result.status).to.equal('failed');
    expect(result.status === 'failed' && [(result.error as { code?: string }).code, result.known]).to.deep.equal(['rate_limited', true]);
    expect(host.data.methods).to.deep.equal(WALLET.methods);
    expect(host.data.busy).to.be.false;
    expect(backend.pending, 'a definite refusal is not read again').to.have.length(0);
  });

  describe('after an outcome that is unknown', () => {
    for (const [failure, fail] of [
      ['a 502 gateway_error', (request: Pending) => request.answer(errorResponse('gateway_error', 502))],
      ['an unreadable answer', (request: Pending) => request.answer(new Response('<html>', { status: 200 }))],
      ['a lost connection', (request: Pending) => request.fail(new TypeError('Failed to fetch'))],
    ] as const) {
      it(`${failure}: reads the list again, busy until it has, and answers what it shows`, async () => {
        const host = await loaded();
        const outcome = host.data.setDefault(MASTERCARD);
        fail(await backend.next());
        const read = await backend.next();
        expect(`${read.method} ${read.path}`).to.equal('GET /api/wallet/methods');
        expect(host.data.busy, 'busy while the truth is read').to.be.true;
        expect(ids(host.data.methods), 'the optimistic list until then').to.deep.equal(['4242', '4444*', '6789']);
        read.answer(Response.json({ methods: [{ ...VISA, isDefault: false }, { ...MASTERCARD, isDefault: true }, CHECKING], limit: 10 }));
        const result = await outcome;
        expect(result.status).to.equal('saved');
        expect(result.status === 'saved' && result.method.isDefault).to.be.true;
        expect(host.data.busy).to.be.false;
      });
    }

    it('answers failed, known, when the list read again does not show the change', async () => {
      const host = await loaded();
      const outcome = host.data.remove(MASTERCARD);
      (await backend.next()).fail(new TypeError('Failed to fetch'));
      (await backend.next()).answer(Response.json(WALLET));
      const result = await outcome;
      expect(result.status === 'failed' && result.known).to.be.true;
      expect(host.data.methods).to.deep.equal(WALLET.methods);
    });

    it('rolls back and answers failed, not known, when the list cannot be read again either', async () => {
      const host = await loaded();
      const outcome = host.data.remove(MASTERCARD);
      (await backend.next()).answer(errorResponse('gateway_timeout', 504));
      (await backend.next()).fail(new TypeError('Failed to fetch'));
      const result = await outcome;
      expect(result.status === 'failed' && result.known).to.equal(false);
      expect(host.data.methods).to.deep.equal(WALLET.methods);
    });

    it('abandons the read when the endpoint changes meanwhile', async () => {
      const host = await loaded();
      const outcome = host.data.setDefault(MASTERCARD);
      (await backend.next()).answer(errorResponse('gateway_error', 502));
      const read = await backend.next();
      host.endpoint = '/other';
      await host.updateComplete;
      expect(read.signal.aborted).to.be.true;
      expect(await outcome).to.deep.equal({ status: 'abandoned' });
    });
  });

  describe('a refusal that carries the wallet', () => {
    it('change_failed: takes that wallet, reads nothing', async () => {
      const host = await loaded();
      const outcome = host.data.setDefault(MASTERCARD);
      const truth = { methods: [VISA, MASTERCARD], limit: 10 };
      (await backend.next()).answer(Response.json({ error: { code: 'change_failed', message: 'x' }, ...truth }, { status: 502 }));
      const result = await outcome;
      expect(result.status === 'failed' && result.known).to.be.true;
      expect(host.data.methods).to.deep.equal(truth.methods);
      expect(backend.pending).to.have.length(0);
    });

    it('not_found on make default: the method is gone', async () => {
      const host = await loaded();
      const outcome = host.data.setDefault(CHECKING);
      const truth = { methods: [VISA, MASTERCARD], limit: 10 };
      (await backend.next()).answer(Response.json({ error: { code: 'not_found', message: 'x' }, ...truth }, { status: 404 }));
      expect((await outcome).status).to.equal('gone');
      expect(host.data.methods).to.deep.equal(truth.methods);
    });

    it('not_found on remove: the removal is made', async () => {
      const host = await loaded();
      const outcome = host.data.remove(CHECKING);
      const truth = { methods: [VISA, MASTERCARD], limit: 10 };
      (await backend.next()).answer(Response.json({ error: { code: 'not_found', message: 'x' }, ...truth }, { status: 404 }));
      const result = await outcome;
      expect(result.status).to.equal('saved');
      expect(result.status === 'saved' && result.method.id).to.equal(CHECKING.id);
      expect(host.data.methods).to.deep.equal(truth.methods);
    });
  });

  describe('recheck', () => {
    it('takes the list it reads, without a load', async () => {
      const host = await loaded();
      const rechecked = host.data.recheck();
      expect(host.data.loading).to.be.false;
      (await backend.next()).answer(Response.json({ methods: [VISA], limit: 10 }));
      await rechecked;
      expect(ids(host.data.methods)).to.deep.equal(['4242*']);
      expect(host.loaded, 'not a load').to.have.length(1);
    });

    it('keeps the list when the read fails, or when the server answered meanwhile', async () => {
      const host = await loaded();
      const failing = host.data.recheck();
      (await backend.next()).fail(new TypeError('Failed to fetch'));
      await failing;
      expect(host.data.methods).to.deep.equal(WALLET.methods);
      const overtaken = host.data.recheck();
      const read = await backend.next();
      const change = host.data.remove(CHECKING);
      (await backend.next()).answer(Response.json({ methods: [VISA, MASTERCARD], limit: 10 }));
      await change;
      read.answer(Response.json(WALLET));
      await overtaken;
      expect(ids(host.data.methods)).to.deep.equal(['4242*', '4444']);
    });
  });

  it('undoes nothing when the server sent a list while the change was on its way', async () => {
    const host = await loaded();
    const outcome = host.data.remove(MASTERCARD);
    const removal = await backend.next();
    const reload = host.data.reload();
    const list = await backend.next();
    list.answer(Response.json({ methods: [VISA, CHECKING], limit: 10 }));
    await reload;
    removal.answer(errorResponse('rate_limited', 429, { retryAfter: 30 }));
    expect((await outcome).status).to.equal('failed');
    expect(ids(host.data.methods)).to.deep.equal(['4242*', '6789']);
  });

  it('abandons a change when the endpoint changes: aborted, not busy, and the old list gone', async () => {
    const host = await loaded();
    const outcome = host.data.setDefault(MASTERCARD);
    const request = await backend.next();
    host.endpoint = '/other';
    expect(host.data.methods, 'no list of the other endpoint yet').to.be.undefined;
    await host.updateComplete;
    expect(request.signal.aborted).to.be.true;
    expect(await outcome).to.deep.equal({ status: 'abandoned' });
    expect(host.data.busy).to.be.false;
    const load = await backend.next();
    expect(load.path).to.equal('/other/methods');
  });

  it('abandons a change when the host leaves the page, and loads again when it comes back', async () => {
    const host = await loaded();
    const outcome = host.data.remove(MASTERCARD);
    const request = await backend.next();
    const parent = host.parentElement!;
    host.remove();
    expect(request.signal.aborted).to.be.true;
    expect(await outcome).to.deep.equal({ status: 'abandoned' });
    expect(host.data.busy).to.be.false;
    parent.append(host);
    const load = await backend.next();
    expect(`${load.method} ${load.path}`).to.equal('GET /api/wallet/methods');
    load.answer(Response.json(WALLET));
    await waitUntil(() => host.loaded.length === 2, 'the list was not loaded again');
    expect(host.data.methods).to.deep.equal(WALLET.methods);
  });

  it('takes a method added elsewhere from the wallet the server answered, or else adds it to the list as it stands', async () => {
    const host = await loaded();
    const added = method({ id: 'wallet-entry-1117', brand: 'discover', last4: '1117', isDefault: true });
    host.data.add(added, undefined);
    expect(ids(host.data.methods)).to.deep.equal(['4242', '4444', '6789', '1117*']);
    host.data.add(added, { methods: [added, CHECKING], limit: 2 });
    expect(ids(host.data.methods)).to.deep.equal(['1117*', '6789']);
    expect(host.data.limit).to.equal(2);
  });
});
