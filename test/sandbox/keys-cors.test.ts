import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSandbox } from '../../src/sandbox/index.js';
import { assertError, BASE, call, card, makeSandbox, newCustomer, PRIVATE, PUBLIC } from './helpers.js';

const ORIGIN = 'https://shop.example';

describe('API keys', () => {
  it('answers 401 AUTHENTICATION without a key, on tokens and on customers', async () => {
    const sandbox = makeSandbox();
    assertError(await call(sandbox, 'POST', '/v1/tokens', { key: null, body: card() }), 401, 'AUTHENTICATION');
    assertError(await call(sandbox, 'GET', '/v1/customers', { key: null }), 401, 'AUTHENTICATION');
    assertError(await call(sandbox, 'GET', '/v1/customers', { key: '' }), 401, 'AUTHENTICATION');
  });

  it('answers 401 for a wrong key and never echoes it', async () => {
    const answer = await call(makeSandbox(), 'GET', '/v1/customers', { key: 'sk_live_wrong_key_123' });
    assertError(answer, 401, 'AUTHENTICATION');
    assert.ok(!JSON.stringify(answer.body).includes('sk_live_wrong_key_123'));
  });

  it('answers 403 PERMISSION for the public key on wallet, customer and sale endpoints', async () => {
    const sandbox = makeSandbox();
    const id = await newCustomer(sandbox);
    assertError(await call(sandbox, 'GET', `/v1/customers/${id}/wallet`, { key: PUBLIC }), 403, 'PERMISSION');
    assertError(
      await call(sandbox, 'POST', `/v1/customers/${id}/wallet`, { key: PUBLIC, body: { token: crypto.randomUUID() } }),
      403,
      'PERMISSION',
    );
    assertError(await call(sandbox, 'GET', '/v1/customers', { key: PUBLIC }), 403, 'PERMISSION');
    assertError(await call(sandbox, 'POST', '/v1/customers', { key: PUBLIC, body: {} }), 403, 'PERMISSION');
    assertError(await call(sandbox, 'POST', '/v1/transactions/sale', { key: PUBLIC, body: {} }), 403, 'PERMISSION');
    // The refused calls changed nothing.
    assert.deepEqual(sandbox.state.customerIds(), [id]);
  });

  it('reads x-api-key case-insensitively', async () => {
    const sandbox = makeSandbox();
    const response = await sandbox.handle(new Request(`${BASE}/v1/customers`, { headers: { 'X-API-KEY': PRIVATE } }));
    assert.equal(response.status, 200);
  });

  it('uses configured keys and refuses the defaults then', async () => {
    const sandbox = createSandbox({ publicKey: 'pk_custom', privateKey: 'sk_custom' });
    assert.equal(sandbox.publicKey, 'pk_custom');
    assert.equal(sandbox.privateKey, 'sk_custom');
    assert.equal((await call(sandbox, 'GET', '/v1/customers', { key: 'sk_custom' })).status, 200);
    assertError(await call(sandbox, 'GET', '/v1/customers', { key: PRIVATE }), 401, 'AUTHENTICATION');
    assertError(await call(sandbox, 'GET', '/v1/customers', { key: 'pk_custom' }), 403, 'PERMISSION');
  });

  it('refuses identical public and private keys', () => {
    assert.throws(() => createSandbox({ publicKey: 'same', privateKey: 'same' }), TypeError);
  });

  it('answers 404 NOT_FOUND for unknown routes and for a known path with another method', async () => {
    const sandbox = makeSandbox();
    assertError(await call(sandbox, 'GET', '/v1/nothing'), 404, 'NOT_FOUND');
    assertError(await call(sandbox, 'GET', '/v1/tokens'), 404, 'NOT_FOUND');
    assertError(await call(sandbox, 'PATCH', '/v1/customers'), 404, 'NOT_FOUND');
  });
});

describe('CORS', () => {
  const sandbox = makeSandbox({ allowedOrigins: [ORIGIN, 'https://other.example/'] });

  function preflight(path: string, origin: string, method = 'POST'): Promise<Response> {
    return sandbox.handle(
      new Request(BASE + path, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'content-type, x-api-key' },
      }),
    );
  }

  it('answers the preflight of /v1/tokens for an allowed origin', async () => {
    const response = await preflight('/v1/tokens', ORIGIN);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), ORIGIN);
    assert.equal(response.headers.get('access-control-allow-methods'), 'POST');
    const allowHeaders = response.headers
      .get('access-control-allow-headers')
      ?.split(',')
      .map(h => h.trim().toLowerCase());
    assert.deepEqual(allowHeaders?.sort(), ['content-type', 'x-api-key']);
    assert.equal(response.headers.get('vary'), 'Origin');
    assert.equal(typeof (await response.json()).requestId, 'string');
  });

  it('matches a configured origin written with a trailing slash', async () => {
    const response = await preflight('/v1/tokens', 'https://other.example');
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://other.example');
  });

  it('refuses the preflight of a disallowed origin with no CORS headers', async () => {
    const response = await preflight('/v1/tokens', 'https://evil.example');
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    assert.equal(response.headers.get('access-control-allow-methods'), null);
  });

  it('refuses a preflight asking for another method than POST', async () => {
    const response = await preflight('/v1/tokens', ORIGIN, 'DELETE');
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });

  it('adds Access-Control-Allow-Origin to token answers, errors included, for an allowed origin only', async () => {
    const ok = await call(sandbox, 'POST', '/v1/tokens', { key: PUBLIC, body: card(), headers: { origin: ORIGIN } });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN);
    const bad = await call(sandbox, 'POST', '/v1/tokens', { key: PUBLIC, body: {}, headers: { origin: ORIGIN } });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('access-control-allow-origin'), ORIGIN);
    const evil = await call(sandbox, 'POST', '/v1/tokens', { key: PUBLIC, body: card(), headers: { origin: 'https://evil.example' } });
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
  });

  it('gives wallet and customer routes no CORS headers, preflight or not', async () => {
    const id = await newCustomer(sandbox);
    for (const path of [`/v1/customers/${id}/wallet`, '/v1/customers', `/v1/customers/${id}`]) {
      const pre = await preflight(path, ORIGIN);
      assert.equal(pre.status, 404, path);
      assert.equal(pre.headers.get('access-control-allow-origin'), null, path);
    }
    const list = await call(sandbox, 'GET', `/v1/customers/${id}/wallet`, { headers: { origin: ORIGIN } });
    assert.equal(list.status, 200);
    assert.equal(list.headers.get('access-control-allow-origin'), null);
    assert.equal(list.headers.get('access-control-allow-methods'), null);
  });

  it('allows no origin at all by default', async () => {
    const response = await makeSandbox().handle(new Request(`${BASE}/v1/tokens`, { method: 'OPTIONS', headers: { origin: ORIGIN } }));
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });
});
