/**
 * The Hono recipe (docs/server.md): the Hono context is the handler's context, so a session a
 * middleware put on it (`c.set('session', …)`) is what `customerFor` reads; the app passes the
 * whole contract, served by Node.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono, type Context } from 'hono';
import { createWalletHandler, toNodeListener } from '../../../src/server/index.js';
import type { StandaloneServer } from '../../../src/sandbox/standalone.js';
import { Accounts, assertPassesContract, lazyCreation, PRIVATE_KEY, PUBLIC_KEY, startGateway, type Account } from './support.js';

type Env = { Variables: { session: Account | undefined } };

describe('Hono recipe', () => {
  let gateway: StandaloneServer;
  before(async () => {
    gateway = await startGateway();
  });
  after(() => gateway.close());

  it('passes the whole contract with the session read from the Hono context', async () => {
    const accounts = new Accounts(gateway);
    const contexts: unknown[] = [];
    const wallet = createWalletHandler<Context<Env>>({
      privateKey: PRIVATE_KEY,
      publicKey: PUBLIC_KEY,
      gatewayUrl: gateway.url,
      basePath: '/api/wallet',
      customerFor: (request, c) => {
        contexts.push(c);
        return c.get('session')?.customerId ?? null;
      },
      createCustomer: lazyCreation((request, c) => c.get('session')),
    });
    // Typed with Hono's Context, the handler cannot be called without it (checked by npm run typecheck).
    // @ts-expect-error the context its hooks read is required
    const withoutContext = (request: Request) => wallet(request);
    void withoutContext;
    const app = new Hono<Env>();
    // The app's session middleware, before the wallet's routes.
    app.use(async (c, next) => {
      c.set('session', accounts.fromCookie(c.req.header('Cookie')));
      await next();
    });
    app.all('/api/wallet/*', c => wallet(c.req.raw, c));
    app.get('/', c => c.text('shop'));

    const server = createServer(toNodeListener(async (request: Request) => app.fetch(request)));
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await assertPassesContract(`http://127.0.0.1:${port}/api/wallet`, accounts);
      assert.equal(await (await fetch(`http://127.0.0.1:${port}/`)).text(), 'shop', 'the app keeps its own routes');
    } finally {
      server.closeAllConnections();
      server.close();
    }
    assert.ok(contexts.length > 0 && contexts.every(c => c !== undefined && typeof (c as Context).get === 'function'));
  });
});
