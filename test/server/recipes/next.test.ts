/**
 * The Next.js recipe (docs/server.md): a route module imported without keys (as `next build`
 * does) loads; its first request answers a clear 500, logged once; with the keys in the
 * environment it passes the whole contract, served as Next serves a route module.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener } from '../../../src/server/index.js';
import type { StandaloneServer } from '../../../src/sandbox/standalone.js';
import { Accounts, assertPassesContract, PRIVATE_KEY, PUBLIC_KEY, startGateway } from './support.js';
import { useAccounts } from './next/session.js';
import type * as RouteTypes from './next/route.js';

type RouteModule = typeof RouteTypes;

const KEYS = ['ECRYPT_PRIVATE_KEY', 'ECRYPT_PUBLIC_KEY', 'ECRYPT_BASE_URL'] as const;

/** A fresh copy of the route module, as a new server process would load it. */
async function importRoute(copy: string): Promise<RouteModule> {
  return (await import(new URL(`./next/route.js?${copy}`, import.meta.url).href)) as RouteModule;
}

/** Next's second argument to a catch-all route handler. */
function nextContext(request: Request) {
  const path = new URL(request.url).pathname.split('/').slice(3);
  return { params: Promise.resolve({ path }) };
}

describe('Next.js route handler recipe', () => {
  let gateway: StandaloneServer;
  const saved = Object.fromEntries(KEYS.map(key => [key, process.env[key]]));
  before(async () => {
    gateway = await startGateway();
  });
  after(() => gateway.close());
  afterEach(() => {
    for (const key of KEYS) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  it('imports with no keys set; the first request answers 500 internal_error and the reason is logged once', async t => {
    for (const key of KEYS) delete process.env[key];
    const errors = t.mock.method(console, 'error', () => {});
    const route = await importRoute('unconfigured');
    assert.equal(errors.mock.callCount(), 0, 'nothing is logged at import');

    const request = new Request('http://shop.test/api/wallet/methods');
    const first = await route.GET(request, nextContext(request));
    assert.equal(first.status, 500);
    assert.equal(first.headers.get('Cache-Control'), 'no-store');
    assert.deepEqual(await first.json(), { error: { code: 'internal_error', message: 'The wallet service is not configured.' } });
    const post = new Request('http://shop.test/api/wallet/methods', {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal((await route.POST(post, nextContext(post))).status, 500);

    assert.equal(errors.mock.callCount(), 1, 'logged once');
    assert.match(String(errors.mock.calls[0]!.arguments[0]), /not configured: privateKey is required/);
  });

  it('passes the whole contract with the keys in the environment', async () => {
    process.env.ECRYPT_PRIVATE_KEY = PRIVATE_KEY;
    process.env.ECRYPT_PUBLIC_KEY = PUBLIC_KEY;
    process.env.ECRYPT_BASE_URL = gateway.url;
    const accounts = new Accounts(gateway);
    useAccounts(accounts);
    const route = await importRoute('configured');
    const verbs: Record<string, (request: Request, context: ReturnType<typeof nextContext>) => Promise<Response>> = {
      GET: route.GET,
      POST: route.POST,
      PUT: route.PUT,
      DELETE: route.DELETE,
      OPTIONS: route.OPTIONS,
      HEAD: route.HEAD,
      PATCH: route.PATCH,
    };
    // As Next does: the exported function of the request's verb, or Next's own bare 405.
    const server = createServer(
      toNodeListener(async (request: Request) => {
        const verb = verbs[request.method];
        return verb ? verb(request, nextContext(request)) : new Response(null, { status: 405 });
      }),
    );
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await assertPassesContract(`http://127.0.0.1:${port}/api/wallet`, accounts);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
