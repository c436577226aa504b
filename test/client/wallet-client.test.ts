import { expect } from '@open-wc/testing';
import {
  WalletApiError,
  addMethod,
  isOutcomeUnknown,
  listMethods,
  removeMethod,
  setDefaultMethod,
} from '../../src/client/wallet-client.js';
import { anySignal } from '../../src/client/abort.js';

describe('wallet client', () => {
  const realFetch = globalThis.fetch;
  let sent: Request[];

  beforeEach(() => {
    sent = [];
    globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(new Request(input, init));
      return Response.json({ methods: [], limit: 4 });
    };
  });

  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('sends cookies to an endpoint on the page’s own origin only', async () => {
    await listMethods('/api/wallet');
    await listMethods(`${location.origin}/api/wallet/`);
    expect(sent.map(r => [r.url, r.credentials])).to.deep.equal([
      [`${location.origin}/api/wallet/methods`, 'same-origin'],
      [`${location.origin}/api/wallet/methods`, 'same-origin'],
    ]);
  });

  it('sends the session cookie to an endpoint on another origin', async () => {
    await listMethods('https://wallet.merchant.test/api/wallet');
    expect(sent[0]!.url).to.equal('https://wallet.merchant.test/api/wallet/methods');
    expect(sent[0]!.credentials).to.equal('include');
  });

  it('works where there is no page location (server-side rendering, Node): the default credentials, not a network error', async () => {
    // A window's `location` cannot be removed, a worker's can: the client runs in a module worker without one.
    const client = new URL('../../src/client/wallet-client.ts', import.meta.url).href;
    const code = `
      delete WorkerGlobalScope.prototype.location;
      const credentials = [];
      globalThis.fetch = async (input, init) => (credentials.push(init.credentials), Response.json({ methods: [], limit: 4 }));
      try {
        const { listMethods } = await import(${JSON.stringify(client)});
        await listMethods('https://wallet.merchant.test/api/wallet');
        postMessage({ location: typeof location, credentials });
      } catch (error) {
        postMessage({ location: typeof location, error: error.code ?? String(error) });
      }`;
    const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    const worker = new Worker(url, { type: 'module' });
    try {
      const answer = await new Promise<unknown>((resolve, reject) => {
        worker.onmessage = event => resolve(event.data);
        worker.onerror = event => reject(new Error(event.message));
      });
      expect(answer).to.deep.equal({ location: 'undefined', credentials: ['same-origin'] });
    } finally {
      worker.terminate();
      URL.revokeObjectURL(url);
    }
  });

  /** Answers every request with `answer()` and returns what the call threw. */
  const failure = async (call: () => Promise<unknown>, answer: () => Response | Promise<Response>): Promise<WalletApiError> => {
    globalThis.fetch = async () => answer();
    try {
      await call();
    } catch (error) {
      return error as WalletApiError;
    }
    throw new Error('the call did not fail');
  };

  describe('failures', () => {
    it('keeps the contract’s code, message and details', async () => {
      const error = await failure(
        () => removeMethod('/api/wallet', 'pm_1'),
        () =>
          Response.json(
            { error: { code: 'remove_blocked', message: 'Blocked.', reason: 'Pays a subscription.', requestId: 'req_1' } },
            { status: 409 },
          ),
      );
      expect(error).to.be.instanceOf(WalletApiError);
      expect([error.code, error.message, error.status, error.requestId, error.details.reason]).to.deep.equal([
        'remove_blocked',
        'Blocked.',
        409,
        'req_1',
        'Pays a subscription.',
      ]);
    });

    it('maps a bare HTTP status to the closest contract code', async () => {
      const codes = [];
      for (const status of [401, 403, 404, 429, 500, 502, 504, 418]) {
        codes.push(
          (
            await failure(
              () => listMethods('/api/wallet'),
              () => new Response(`<h1>${status}</h1>`, { status }),
            )
          ).code,
        );
      }
      expect(codes).to.deep.equal([
        'unauthenticated',
        'forbidden',
        'not_found',
        'rate_limited',
        'gateway_error',
        'gateway_error',
        'gateway_timeout',
        'bad_response',
      ]);
    });

    it('takes the wait from Retry-After when the body gives none', async () => {
      const error = await failure(
        () => listMethods('/api/wallet'),
        () => Response.json({ error: { code: 'rate_limited', message: 'Slow down.' } }, { status: 429, headers: { 'Retry-After': '30' } }),
      );
      expect([error.code, error.details.retryAfter]).to.deep.equal(['rate_limited', 30]);
    });

    it('calls a 2xx answer that is not JSON a bad response', async () => {
      const error = await failure(
        () => listMethods('/api/wallet'),
        () => new Response('<html>login</html>', { status: 200 }),
      );
      expect([error.code, error.status]).to.deep.equal(['bad_response', 200]);
    });

    it('calls a 2xx answer without the wallet a bad response, for every change', async () => {
      const calls = [
        () => listMethods('/api/wallet'),
        () => setDefaultMethod('/api/wallet', 'pm_1'),
        () => removeMethod('/api/wallet', 'pm_1'),
        // A save answered without the saved method must stay retriable, never read as "nothing was saved".
        () => addMethod('/api/wallet', { token: 'tok_1', makeDefault: false }, 'key-1'),
      ];
      const codes = [];
      for (const call of calls) codes.push((await failure(call, () => Response.json({ ok: true }))).code);
      codes.push((await failure(calls[3]!, () => Response.json({ methods: [], limit: 4 }, { status: 201 }))).code);
      expect(codes).to.deep.equal(['bad_response', 'bad_response', 'bad_response', 'bad_response', 'bad_response']);
    });

    it('says network when the endpoint cannot be reached', async () => {
      const error = await failure(
        () => listMethods('/api/wallet'),
        () => Promise.reject(new TypeError('Failed to fetch')),
      );
      expect(error.code).to.equal('network');
    });

    it('lets the caller’s own abort through unchanged, not as a failure', async () => {
      const controller = new AbortController();
      globalThis.fetch = (_input: RequestInfo | URL, init?: RequestInit) =>
        new Promise((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)));
      const call = listMethods('/api/wallet', { signal: controller.signal });
      controller.abort(new DOMException('Gone', 'AbortError'));
      const error = await call.catch((e: unknown) => e);
      expect(error).to.not.be.instanceOf(WalletApiError);
      expect((error as DOMException).name).to.equal('AbortError');
    });
  });

  describe('without AbortSignal.any (Safari before 17.4, Firefox before 124)', () => {
    const any = AbortSignal.any;
    beforeEach(() => {
      delete (AbortSignal as { any?: unknown }).any;
    });
    afterEach(() => {
      AbortSignal.any = any;
    });

    it('still loads the wallet', async () => {
      const wallet = await listMethods('/api/wallet', { signal: new AbortController().signal });
      expect(wallet).to.deep.equal({ methods: [], limit: 4 });
      expect(sent[0]!.signal.aborted).to.equal(false);
    });

    it('links the signals by hand: either one aborts the result, with its reason', () => {
      const first = new AbortController();
      const second = new AbortController();
      const linked = anySignal([first.signal, second.signal]);
      expect(linked.aborted).to.equal(false);
      second.abort('second');
      expect([linked.aborted, linked.reason]).to.deep.equal([true, 'second']);
      first.abort('first');
      expect(linked.reason).to.equal('second');
      expect(anySignal([AbortSignal.abort('done'), first.signal]).reason).to.equal('done');
    });
  });

  describe('whether a failed change may have been made', () => {
    /** The error `setDefaultMethod` throws for this answer (or fetch failure). */
    async function failureOf(answer: () => Response | Promise<Response>): Promise<unknown> {
      globalThis.fetch = async () => answer();
      return setDefaultMethod('/api/wallet', 'id-1').then(
        () => expect.fail('the change did not fail'),
        (error: unknown) => error,
      );
    }
    const contract = (code: string, status: number) => () => Response.json({ error: { code, message: code } }, { status });

    const definite: [string, () => Response][] = [
      ['401 unauthenticated', contract('unauthenticated', 401)],
      ['403 forbidden', contract('forbidden', 403)],
      ['404 not_found', contract('not_found', 404)],
      ['409 remove_blocked', contract('remove_blocked', 409)],
      ['429 rate_limited', contract('rate_limited', 429)],
      ['502 change_failed', contract('change_failed', 502)],
      ['503 store_unavailable', contract('store_unavailable', 503)],
    ];
    const unknown: [string, () => Response | Promise<Response>][] = [
      ['502 gateway_error', contract('gateway_error', 502)],
      ['504 gateway_timeout', contract('gateway_timeout', 504)],
      ['500 internal_error', contract('internal_error', 500)],
      ['a bare 502 from a proxy', () => new Response('Bad Gateway', { status: 502 })],
      ['a 200 that is not JSON', () => new Response('<html></html>', { status: 200 })],
      ['a 200 without the wallet', () => Response.json({ ok: true })],
      ['a dropped connection', () => Promise.reject(new TypeError('Failed to fetch'))],
    ];
    for (const [name, answer] of definite)
      it(`${name}: answered definitely`, async () => expect(isOutcomeUnknown(await failureOf(answer))).to.equal(false));
    for (const [name, answer] of unknown)
      it(`${name}: unknown`, async () => expect(isOutcomeUnknown(await failureOf(answer))).to.equal(true));
    it('a timeout or a network failure the client named: unknown', () => {
      expect(isOutcomeUnknown(new WalletApiError('timeout', 'The request timed out.'))).to.equal(true);
      expect(isOutcomeUnknown(new WalletApiError('network', 'Unreachable.'))).to.equal(true);
    });
    it('anything that is not a client error: unknown', () => expect(isOutcomeUnknown(new Error('boom'))).to.equal(true));
  });
});
