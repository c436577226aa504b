/**
 * Wiring mistakes get a clear line in the merchant's log, once per handler, and the shopper the
 * contract's answer: a handler at the root given the app's pages, a basePath that is not where
 * the handler is mounted, a customer id the gateway does not know, a session middleware mounted
 * after the handler, a handler called without its context.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandbox, sandboxFetch } from '../../../src/sandbox/index.js';
import {
  createWalletHandler,
  toConnectMiddleware,
  type Logger,
  type NodeContext,
  type WalletHandlerOptions,
} from '../../../src/server/index.js';
import { PRIVATE_KEY, PUBLIC_KEY } from './support.js';

function setup<Context = unknown>(options: Partial<WalletHandlerOptions<Context>> = {}) {
  const sandbox = createSandbox({ publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY });
  const errors: string[] = [];
  const logger: Logger = { info: () => {}, warn: () => {}, error: message => errors.push(message) };
  const wallet = createWalletHandler<Context>({
    privateKey: PRIVATE_KEY,
    publicKey: PUBLIC_KEY,
    gatewayUrl: 'https://gateway.sandbox.test',
    fetch: sandboxFetch(sandbox),
    logger,
    customerFor: () => null,
    ...options,
  });
  return { sandbox, wallet, errors };
}

/** Serves `middleware` like Express: the app's own answer when it calls next(). */
async function connectApp(middleware: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void, mount = '') {
  const server = createServer((req, res) => {
    const next = () => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('app');
    if (mount !== '' && !(req.url ?? '').startsWith(mount)) return next();
    // As Express does under app.use(mount, …): originalUrl keeps the mount, url loses it.
    Object.assign(req, { originalUrl: req.url, url: (req.url ?? '/').slice(mount.length) || '/' });
    middleware(req, res, next);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    get: (path: string) => fetch(`${origin}${path}`, { headers: { Accept: 'text/html,application/json' } }),
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

describe('wiring mistakes', () => {
  it("a fetch handler at the root given the app's pages: 404 as always, and the log says to set basePath, once", async () => {
    const { wallet, errors } = setup();
    const page = () => new Request('https://shop.example/', { headers: { Accept: 'text/html' } });
    assert.equal((await wallet(page())).status, 404);
    assert.equal((await wallet(page())).status, 404);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /no basePath and got a page request/);
    // Requests that are not page navigations (a probe, a typo in a fetch) are not wiring mistakes.
    await wallet(new Request('https://shop.example/favicon.ico'));
    assert.equal(errors.length, 1);
  });

  it("connect middleware at the root passes the app's routes on and serves its own", async () => {
    const { wallet, errors } = setup();
    const app = await connectApp(toConnectMiddleware(wallet));
    try {
      assert.equal(await (await app.get('/')).text(), 'app');
      assert.equal(await (await app.get('/account/settings')).text(), 'app');
      const config = await app.get('/config');
      assert.equal(config.status, 200);
      assert.equal((await config.json()).publicKey, PUBLIC_KEY);
      assert.deepEqual(errors, []);
    } finally {
      app.close();
    }
  });

  it('a basePath that is not the mount point: the log names the basePath to set, once, from the handler and from the middleware', async () => {
    const direct = setup();
    assert.equal((await direct.wallet(new Request('https://shop.example/api/wallet/methods'))).status, 404);
    await direct.wallet(new Request('https://shop.example/api/wallet/config'));
    assert.deepEqual(direct.errors, [
      'The wallet handler got a request for /api/wallet/methods, but its basePath is "": set basePath: "/api/wallet" (the full path the handler is reached at).',
    ]);

    const mounted = setup();
    const app = await connectApp(toConnectMiddleware(mounted.wallet), '/api/wallet');
    try {
      assert.equal(await (await app.get('/api/wallet/methods/0b7c1c36-5a1e/default')).text(), 'app');
      await app.get('/api/wallet/methods');
      assert.equal(mounted.errors.length, 1);
      assert.match(mounted.errors[0]!, /request for \/api\/wallet\/methods\/…, but its basePath is "": set basePath: "\/api\/wallet"/);
    } finally {
      app.close();
    }
  });

  it('customerFor answering an id the gateway does not know: 500 internal_error, and the log says what to store, once', async () => {
    const { wallet, errors } = setup({ customerFor: () => 'acct-12345678' });
    for (let i = 0; i < 2; i++) {
      const answer = await wallet(new Request('https://shop.example/methods'));
      assert.equal(answer.status, 500);
      assert.equal((await answer.json()).error.code, 'internal_error');
    }
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /customerFor answered a customer id the gateway does not know .*not your own account id/);
    assert.ok(!errors[0]!.includes('acct-12345678'), 'the id itself is not logged');
  });

  it('session middleware mounted after the handler: 500, and the log says to mount it before, once', async () => {
    type SessionReq = IncomingMessage & { session?: { customerId: string } };
    const { wallet, errors } = setup<NodeContext<SessionReq>>({ customerFor: (request, { req }) => req.session!.customerId });
    const app = await connectApp(toConnectMiddleware(wallet));
    try {
      assert.equal((await app.get('/methods')).status, 500);
      assert.equal((await app.get('/methods')).status, 500);
    } finally {
      app.close();
    }
    assert.equal(errors.filter(line => line.includes('mount the session middleware before the wallet handler')).length, 1);
  });

  it('a handler called without its context: 500, and the log says to pass it, once', async () => {
    const { wallet, errors } = setup<{ get(name: 'session'): { customerId: string } }>({
      customerFor: (request, c) => c.get('session').customerId,
    });
    // TypeScript refuses the call without the context its hooks are typed with; JavaScript does not.
    const untyped = wallet as unknown as (request: Request) => Promise<Response>;
    assert.equal((await untyped(new Request('https://shop.example/methods'))).status, 500);
    assert.equal((await untyped(new Request('https://shop.example/methods'))).status, 500);
    assert.equal(errors.filter(line => line.includes('called without a context')).length, 1);
    assert.match(
      errors.find(line => line.includes('called without a context'))!,
      /wallet\(c\.req\.raw, c\) in Hono/,
    );
  });
});
