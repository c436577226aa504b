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
});
