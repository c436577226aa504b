/**
 * The Fastify recipe (docs/server.md): `walletPlugin` from `ecrypt-wallet-elements/server/fastify`,
 * registered after a session decorator, passes the whole contract; `customerFor` reads Fastify's
 * `request.session`, and the app's own JSON routes keep Fastify's body parsing.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyRequest } from 'fastify';
import { createWalletHandler } from '../../../src/server/index.js';
import { walletPlugin, type FastifyContext } from '../../../src/server/fastify.js';
import type { StandaloneServer } from '../../../src/sandbox/standalone.js';
import { Accounts, assertPassesContract, lazyCreation, PRIVATE_KEY, PUBLIC_KEY, startGateway, type Account } from './support.js';

type SessionRequest = FastifyRequest & { session: Account | undefined };

describe('Fastify recipe', () => {
  let gateway: StandaloneServer;
  before(async () => {
    gateway = await startGateway();
  });
  after(() => gateway.close());

  it("passes the whole contract with the session on Fastify's request", async () => {
    const accounts = new Accounts(gateway);
    const app = Fastify();
    // The app's session (as @fastify/session would put it), before the wallet plugin.
    app.decorateRequest('session', undefined);
    app.addHook('onRequest', async request => {
      (request as SessionRequest).session = accounts.fromCookie(request.headers.cookie);
    });
    const wallet = createWalletHandler<FastifyContext<SessionRequest>>({
      privateKey: PRIVATE_KEY,
      publicKey: PUBLIC_KEY,
      gatewayUrl: gateway.url,
      basePath: '/api/wallet',
      customerFor: (request, { request: req }) => req.session?.customerId ?? null,
      createCustomer: lazyCreation((request, { request: req }) => req.session),
    });
    await app.register(walletPlugin(wallet));
    app.post('/echo', async request => ({ got: request.body }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const address = app.server.address();
      assert.ok(address && typeof address === 'object');
      const origin = `http://127.0.0.1:${address.port}`;
      await assertPassesContract(`${origin}/api/wallet`, accounts);

      const echoed = await fetch(`${origin}/echo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' });
      assert.deepEqual(await echoed.json(), { got: { a: 1 } });
    } finally {
      await app.close();
    }
  });

  it("at the root (no basePath), serves the contract's routes and leaves the app its own", async () => {
    const app = Fastify();
    const wallet = createWalletHandler({
      privateKey: PRIVATE_KEY,
      publicKey: PUBLIC_KEY,
      gatewayUrl: gateway.url,
      customerFor: () => null,
    });
    await app.register(walletPlugin(wallet));
    app.get('/', async () => 'shop');
    assert.equal((await app.inject({ method: 'GET', url: '/' })).body, 'shop');
    const config = await app.inject({ method: 'GET', url: '/config' });
    assert.equal(config.json().publicKey, PUBLIC_KEY);
    assert.equal((await app.inject({ method: 'GET', url: '/methods' })).json().error.code, 'unauthenticated');
    await app.close();
  });

  it("answers a body over Fastify's own limit in the contract's shape", async () => {
    const app = Fastify({ bodyLimit: 64 });
    const wallet = createWalletHandler({
      privateKey: PRIVATE_KEY,
      publicKey: PUBLIC_KEY,
      gatewayUrl: gateway.url,
      basePath: '/api/wallet',
      customerFor: () => null,
    });
    await app.register(walletPlugin(wallet));
    const answer = await app.inject({
      method: 'POST',
      url: '/api/wallet/methods',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ token: 'x'.repeat(100) }),
    });
    assert.equal(answer.statusCode, 400);
    assert.equal(answer.headers['cache-control'], 'no-store');
    assert.equal(answer.json().error.code, 'invalid_request');
    await app.close();
  });
});
