/**
 * The admin routes refuse what another site could make a visitor's browser send:
 * a cross-site form post to `/__sandbox/reset` must not wipe the sandbox.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { handleAdmin } from '../../src/sandbox/admin.js';
import { FaultRegistry } from '../../src/sandbox/faults.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { startSandboxServer, type StandaloneServer } from '../../src/sandbox/standalone.js';

const BASE = 'https://sandbox.test';
const JSON_TYPE = { 'content-type': 'application/json' };

describe('sandbox admin routes: cross-site protection', () => {
  let sandbox: Sandbox;

  const admin = (path: string, init: RequestInit = {}) => sandbox.handle(new Request(`${BASE}${path}`, init));
  /** State a reset would wipe, to see whether one happened. */
  const seeded = () => sandbox.state.customerIds().length;

  beforeEach(async () => {
    sandbox = createSandbox({ adminRoutes: true, allowedOrigins: ['http://localhost:5173'] });
    await sandbox.seed({ customers: [{ firstName: 'Ada', lastName: 'Lovelace', emailAddress: 'ada@example.com' }] });
    sandbox.faults.add({ status: 503, path: '/v1/customers' });
  });

  it('refuses a cross-site HTML form post to /__sandbox/reset and changes nothing', async () => {
    const response = await admin('/__sandbox/reset', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body: '',
    });
    assert.equal(response.status, 403);
    assert.equal(((await response.json()) as { errors: { type: string }[] }).errors[0]?.type, 'PERMISSION');
    assert.equal(seeded(), 1);
    assert.equal(sandbox.faults.list().length, 1);
  });

  for (const [name, headers] of [
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['Origin: null (a sandboxed frame or a redirect)', { origin: 'null' }],
    ['an allowed-looking origin on another port', { origin: 'https://sandbox.test:8443' }],
  ] as const) {
    it(`refuses ${name}, even with a JSON body, on every state change`, async () => {
      for (const [path, method, body] of [
        ['/__sandbox/reset', 'POST', '{}'],
        ['/__sandbox/faults', 'POST', '{"status":500}'],
        ['/__sandbox/faults', 'DELETE', undefined],
      ] as const) {
        const response = await admin(path, { method, headers: { ...(body ? JSON_TYPE : {}), ...headers }, ...(body ? { body } : {}) });
        assert.equal(response.status, 403, `${method} ${path}`);
      }
      assert.equal(seeded(), 1);
      assert.equal(sandbox.faults.list().length, 1);
    });
  }

  it('refuses a body that is not JSON (a form can send text/plain without a preflight)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp']) {
      const reset = await admin('/__sandbox/reset', { method: 'POST', headers: { 'content-type': type }, body: '{}' });
      assert.equal(reset.status, 415, type);
      const fault = await admin('/__sandbox/faults', { method: 'POST', headers: { 'content-type': type }, body: '{"status":500}' });
      assert.equal(fault.status, 415, type);
    }
    const untyped = await admin('/__sandbox/reset', { method: 'POST' });
    assert.equal(untyped.status, 415, 'a POST without Content-Type');
    assert.equal(seeded(), 1);
    assert.equal(sandbox.faults.list().length, 1);
  });

  it('accepts JSON from a non-browser client, the sandbox itself and its own origin', async () => {
    const fromTool = await admin('/__sandbox/faults', { method: 'POST', headers: JSON_TYPE, body: '{"status":500,"path":"/v1/tokens"}' });
    assert.equal(fromTool.status, 200);
    const sameOrigin = await admin('/__sandbox/faults', {
      method: 'POST',
      headers: { ...JSON_TYPE, origin: BASE, 'sec-fetch-site': 'same-origin' },
      body: '{"latencyMs":10}',
    });
    assert.equal(sameOrigin.status, 200);
    const typed = await admin('/__sandbox/faults', {
      method: 'POST',
      headers: { 'content-type': 'Application/JSON; charset=utf-8' },
      body: '{"latencyMs":5}',
    });
    assert.equal(typed.status, 200);
    assert.equal(sandbox.faults.list().length, 4);
    const cleared = await admin('/__sandbox/faults', { method: 'DELETE', headers: { 'sec-fetch-site': 'none' } });
    assert.equal(cleared.status, 200);
    assert.equal(sandbox.faults.list().length, 0);
    const reset = await admin('/__sandbox/reset', { method: 'POST', headers: { ...JSON_TYPE, origin: BASE }, body: '{}' });
    assert.equal(reset.status, 200);
    assert.equal(seeded(), 0);
  });

  it('leaves GET open: reading the faults changes nothing', async () => {
    const listed = await admin('/__sandbox/faults', { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    assert.equal(listed.status, 200);
  });

  it('accepts an origin from allowedOrigins when one is passed to the admin handler', async () => {
    const faults = new FaultRegistry();
    let resets = 0;
    const actions = { faults, reset: () => void (resets += 1), allowedOrigins: new Set(['http://localhost:5173']) };
    const request = (origin: string) =>
      new Request(`${BASE}/__sandbox/reset`, {
        method: 'POST',
        headers: { ...JSON_TYPE, origin, 'sec-fetch-site': 'same-origin' },
        body: '{}',
      });
    assert.equal((await handleAdmin(request('http://localhost:5173/'), '/__sandbox/reset', 'r1', actions)).status, 200);
    assert.equal((await handleAdmin(request('http://localhost:5174'), '/__sandbox/reset', 'r2', actions)).status, 403);
    assert.equal(resets, 1);
  });

  it("passes the sandbox's own allowedOrigins to the admin routes", async () => {
    const post = (origin: string) => admin('/__sandbox/reset', { method: 'POST', headers: { ...JSON_TYPE, origin }, body: '{}' });
    assert.equal((await post('http://localhost:5174')).status, 403);
    assert.equal(seeded(), 1);
    assert.equal((await post('http://localhost:5173')).status, 200);
    assert.equal(seeded(), 0);
  });
});

describe('sandbox admin routes over HTTP (standalone server)', () => {
  let running: StandaloneServer;

  before(async () => {
    running = await startSandboxServer({ port: 0, adminRoutes: true });
  });

  after(async () => {
    await running?.close();
  });

  it('refuses a cross-site form post to reset and keeps the state', async () => {
    await running.sandbox.seed({ customers: [{ firstName: 'Grace', lastName: 'Hopper', emailAddress: 'grace@example.com' }] });
    const response = await fetch(`${running.url}/__sandbox/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body: 'x=1',
    });
    assert.equal(response.status, 403);
    assert.equal(running.sandbox.state.customerIds().length, 1);
    const ok = await fetch(`${running.url}/__sandbox/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: running.url },
      body: '{}',
    });
    assert.equal(ok.status, 200);
    assert.equal(running.sandbox.state.customerIds().length, 0);
  });
});

describe('sandbox admin routes: DNS rebinding', () => {
  let running: StandaloneServer;

  before(async () => {
    running = await startSandboxServer({ port: 0, adminRoutes: true });
  });

  after(async () => {
    await running?.close();
  });

  /** A request over real HTTP with the Host header a browser sends after rebinding a hostile name to 127.0.0.1. */
  const send = (method: string, path: string, host: string, body?: string) =>
    new Promise<number>((resolve, reject) => {
      const request = httpRequest(`${running.url}${path}`, { method, headers: { host, ...(body ? JSON_TYPE : {}) } }, response => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end(body);
    });

  it('refuses every admin route, reads included, when the Host is not a loopback name', async () => {
    const port = new URL(running.url).port;
    await running.sandbox.seed({ customers: [{ firstName: 'Ada', lastName: 'Lovelace', emailAddress: 'ada@example.com' }] });
    for (const host of [
      `rebind.evil.example:${port}`,
      'rebind.evil.example',
      `localhost.evil.example:${port}`,
      `127.0.0.1.nip.io:${port}`,
    ]) {
      assert.equal(await send('POST', '/__sandbox/reset', host, '{}'), 403, host);
      assert.equal(await send('POST', '/__sandbox/faults', host, '{"status":500}'), 403, host);
      assert.equal(await send('GET', '/__sandbox/faults', host), 403, host);
    }
    assert.equal(running.sandbox.state.customerIds().length, 1, 'nothing was reset');
    assert.deepEqual(running.sandbox.faults.list(), []);
  });

  it('answers requests addressed to localhost, 127.0.0.1 or [::1]', async () => {
    const port = new URL(running.url).port;
    for (const host of [`localhost:${port}`, `LOCALHOST:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'localhost']) {
      assert.equal(await send('GET', '/__sandbox/faults', host), 200, host);
    }
    assert.equal(await send('POST', '/__sandbox/reset', `localhost:${port}`, '{}'), 200);
  });

  it('in process, checks a Host header when the request has one', async () => {
    const sandbox = createSandbox({ adminRoutes: true });
    const reset = (headers: Record<string, string>) =>
      sandbox.handle(new Request(`${BASE}/__sandbox/reset`, { method: 'POST', headers: { ...JSON_TYPE, ...headers }, body: '{}' }));
    assert.equal((await reset({ host: 'rebind.evil.example' })).status, 403);
    assert.equal((await reset({})).status, 200);
  });
});

describe('sandbox allowedOrigins: http(s) origins only, never "null"', () => {
  for (const bad of ['null', 'localhost:3000', 'file:///srv/shop/index.html', 'ftp://shop.example', 'https://shop.example/checkout', '']) {
    it(`refuses the configuration entry ${JSON.stringify(bad)} with a TypeError`, () => {
      assert.throws(
        () => createSandbox({ adminRoutes: true, allowedOrigins: [bad] }),
        (error: Error) => error instanceof TypeError && /allowedOrigins: .*http\(s\) origin/.test(error.message),
      );
    });
  }

  it('keeps accepting http(s) origins, with or without a trailing slash', async () => {
    const sandbox = createSandbox({ adminRoutes: true, allowedOrigins: ['http://localhost:3000/', 'https://Shop.Example'] });
    for (const origin of ['http://localhost:3000', 'https://shop.example']) {
      const response = await sandbox.handle(
        new Request(`${BASE}/__sandbox/reset`, { method: 'POST', headers: { ...JSON_TYPE, origin }, body: '{}' }),
      );
      assert.equal(response.status < 300, true, `${origin} answered ${response.status}`);
    }
  });

  it('refuses Origin: null at the admin routes and gives it no CORS on /v1/tokens', async () => {
    const sandbox = createSandbox({ adminRoutes: true, allowedOrigins: ['http://localhost:3000'] });
    sandbox.faults.add({ status: 503, path: '/v1/customers' });
    const response = await sandbox.handle(
      new Request(`${BASE}/__sandbox/reset`, { method: 'POST', headers: { ...JSON_TYPE, origin: 'null' }, body: '{}' }),
    );
    assert.equal(response.status, 403);
    assert.equal(sandbox.faults.list().length, 1, 'nothing was reset');
    const preflight = await sandbox.handle(
      new Request(`${BASE}/v1/tokens`, { method: 'OPTIONS', headers: { origin: 'null', 'access-control-request-method': 'POST' } }),
    );
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
  });
});
