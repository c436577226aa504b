import { expect } from '@open-wc/testing';
import { listMethods } from '../../src/client/wallet-client.js';

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
});
