import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DroppedConnectionError } from '../../src/sandbox/index.js';
import { assertError, BASE, call, card, makeSandbox, newCustomer, PRIVATE, PUBLIC } from './helpers.js';

describe('fault injection', () => {
  it('forces a status with the documented error envelope, without touching state', async () => {
    const sandbox = makeSandbox();
    sandbox.faults.add({ status: 503, path: '/v1/customers', method: 'POST', times: 1 });
    assertError(await call(sandbox, 'POST', '/v1/customers', { body: { firstName: 'Ada' } }), 500 + 3, 'SERVER');
    assert.deepEqual(sandbox.state.customerIds(), []);
    assert.equal((await call(sandbox, 'POST', '/v1/customers', { body: { firstName: 'Ada' } })).status, 200, 'times: 1 is used up');
    assert.deepEqual(sandbox.faults.list(), []);
  });

  it('maps forced statuses to error types and sends Retry-After with 429', async () => {
    const sandbox = makeSandbox();
    sandbox.faults.add({ status: 429, times: 1 });
    const limited = await call(sandbox, 'GET', '/v1/customers');
    assertError(limited, 429, 'RATE_LIMITED');
    assert.equal(limited.headers.get('retry-after'), '1');
    sandbox.faults.add({ status: 402, times: 1 });
    assertError(await call(sandbox, 'GET', '/v1/customers'), 402, 'DECLINED');
    sandbox.faults.add({ status: 409, times: 1 });
    assertError(await call(sandbox, 'GET', '/v1/customers'), 409, 'CONFLICT');
  });

  it('answers an unparseable JSON body for malformedBody, with 200 unless a status is given', async () => {
    const sandbox = makeSandbox();
    sandbox.faults.add({ malformedBody: true, path: '/v1/tokens', times: 1 });
    sandbox.faults.add({ malformedBody: true, status: 502, path: '/v1/tokens', times: 1 });
    for (const expected of [200, 502]) {
      const response = await sandbox.handle(
        new Request(`${BASE}/v1/tokens`, {
          method: 'POST',
          headers: { 'x-api-key': PUBLIC, 'content-type': 'application/json' },
          body: JSON.stringify(card()),
        }),
      );
      assert.equal(response.status, expected);
      assert.match(response.headers.get('content-type') ?? '', /application\/json/);
      const text = await response.text();
      assert.throws(() => JSON.parse(text), SyntaxError);
    }
  });

  it('rejects like fetch for dropConnection: a TypeError("fetch failed")', async () => {
    const sandbox = makeSandbox();
    sandbox.faults.add({ dropConnection: true, times: 1 });
    await assert.rejects(
      sandbox.handle(new Request(`${BASE}/v1/customers`, { headers: { 'x-api-key': PRIVATE } })),
      (error: unknown) => error instanceof TypeError && error instanceof DroppedConnectionError && error.message === 'fetch failed',
    );
    assert.deepEqual(sandbox.requests.at(-1), { method: 'GET', path: '/v1/customers', status: 0 });
  });

  it('delays an answer by latencyMs, then answers normally', async () => {
    const sandbox = makeSandbox();
    sandbox.faults.add({ latencyMs: 80, times: 1 });
    const started = performance.now();
    const answer = await call(sandbox, 'GET', '/v1/customers');
    const elapsed = performance.now() - started;
    assert.equal(answer.status, 200);
    assert.ok(elapsed >= 70, `took ${elapsed} ms`);
    const quick = performance.now();
    await call(sandbox, 'GET', '/v1/customers');
    assert.ok(performance.now() - quick < 70, 'the fault was used once');
  });

  it("stops waiting when the caller aborts (so a client's timeout works in-process)", async () => {
    const sandbox = makeSandbox();
    sandbox.faults.add({ latencyMs: 5_000 });
    const started = performance.now();
    await assert.rejects(
      sandbox.handle(new Request(`${BASE}/v1/customers`, { headers: { 'x-api-key': PRIVATE }, signal: AbortSignal.timeout(30) })),
      (error: unknown) => error instanceof DOMException && error.name === 'TimeoutError',
    );
    assert.ok(performance.now() - started < 1_000);
  });

  it('matches on path (string prefix by segment, or RegExp) and method', async () => {
    const sandbox = makeSandbox();
    const customer = await newCustomer(sandbox);
    sandbox.faults.add({ status: 500, path: '/v1/customers', method: 'get' });
    assert.equal((await call(sandbox, 'GET', `/v1/customers/${customer}/wallet`)).status, 500, 'a path below matches');
    assert.equal((await call(sandbox, 'POST', '/v1/customers', { body: {} })).status, 200, 'another method does not');
    assert.equal((await call(sandbox, 'POST', '/v1/tokens', { key: PUBLIC, body: card() })).status, 200, 'another path does not');
    sandbox.faults.clear();
    sandbox.faults.add({ status: 500, path: '/v1/cust' });
    assert.equal((await call(sandbox, 'GET', '/v1/customers')).status, 200, 'a string matches whole segments only');
    sandbox.faults.clear();
    sandbox.faults.add({ status: 504, path: /\/wallet$/g });
    assert.equal((await call(sandbox, 'GET', `/v1/customers/${customer}/wallet`)).status, 504);
    assert.equal((await call(sandbox, 'GET', `/v1/customers/${customer}/wallet`)).status, 504, 'a /g RegExp matches every time');
    assert.equal((await call(sandbox, 'GET', `/v1/customers/${customer}`)).status, 200);
  });

  it('counts times down in list() and applies the first matching fault', async () => {
    const sandbox = makeSandbox();
    sandbox.faults.add({ status: 502, times: 2, path: '/v1/customers' });
    sandbox.faults.add({ status: 503 });
    assert.equal((await call(sandbox, 'GET', '/v1/customers')).status, 502);
    assert.equal(sandbox.faults.list()[0]?.times, 1);
    assert.equal((await call(sandbox, 'GET', '/v1/customers')).status, 502);
    assert.equal((await call(sandbox, 'GET', '/v1/customers')).status, 503);
    assert.equal(sandbox.faults.list().length, 1);
    sandbox.faults.clear();
    assert.equal((await call(sandbox, 'GET', '/v1/customers')).status, 200);
  });

  it('leaves CORS preflights alone unless OPTIONS is named, and decorates token faults with CORS', async () => {
    const sandbox = makeSandbox({ allowedOrigins: ['https://shop.example'] });
    sandbox.faults.add({ status: 503, path: '/v1/tokens', times: 1 });
    const pre = await sandbox.handle(new Request(`${BASE}/v1/tokens`, { method: 'OPTIONS', headers: { origin: 'https://shop.example' } }));
    assert.equal(pre.status, 200);
    const failed = await call(sandbox, 'POST', '/v1/tokens', { key: PUBLIC, body: card(), headers: { origin: 'https://shop.example' } });
    assert.equal(failed.status, 503);
    assert.equal(failed.headers.get('access-control-allow-origin'), 'https://shop.example');
  });

  it('afterHandling applies the fault after the request took effect (a lost answer)', async () => {
    const sandbox = makeSandbox();
    sandbox.faults.add({ status: 504, afterHandling: true, times: 1 });
    assert.equal((await call(sandbox, 'POST', '/v1/customers', { body: { firstName: 'Ada' } })).status, 504);
    assert.equal(sandbox.state.customerIds().length, 1);
    sandbox.faults.add({ dropConnection: true, afterHandling: true, times: 1 });
    await assert.rejects(call(sandbox, 'POST', '/v1/customers', { body: { firstName: 'Bob' } }), TypeError);
    assert.equal(sandbox.state.customerIds().length, 2);
  });

  it('refuses faults that make no sense', () => {
    const sandbox = makeSandbox();
    assert.throws(() => sandbox.faults.add({}), TypeError);
    assert.throws(() => sandbox.faults.add({ status: 200 }), TypeError);
    assert.throws(() => sandbox.faults.add({ status: 503, times: 0 }), TypeError);
    assert.throws(() => sandbox.faults.add({ latencyMs: -1 }), TypeError);
    assert.throws(() => sandbox.faults.add({ dropConnection: true, status: 500 }), TypeError);
    assert.deepEqual(sandbox.faults.list(), []);
  });
});

describe('admin routes in-process', () => {
  it('are disabled by default (404) and are not gateway requests', async () => {
    const sandbox = makeSandbox();
    const response = await sandbox.handle(
      new Request(`${BASE}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"status":503}' }),
    );
    assert.equal(response.status, 404);
    assert.deepEqual(sandbox.faults.list(), []);
    assert.deepEqual(sandbox.requests, []);
  });

  it('add, list and clear faults when adminRoutes is true', async () => {
    const sandbox = makeSandbox({ adminRoutes: true });
    const post = (body: unknown): Promise<Response> =>
      sandbox.handle(
        new Request(`${BASE}/__sandbox/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    assert.equal((await post({ status: 503, pathPattern: '^/v1/customers/', times: 2 })).status, 200);
    assert.equal((await post({ status: 'x' })).status, 400);
    assert.equal((await post({ status: 503, bogus: true })).status, 400);
    const listed = await (await sandbox.handle(new Request(`${BASE}/__sandbox/faults`))).json();
    assert.deepEqual(listed.faults, [{ status: 503, times: 2, pathPattern: new RegExp('^/v1/customers/').source }]);
    const customer = await newCustomer(sandbox);
    assert.equal((await call(sandbox, 'GET', '/v1/customers')).status, 200, 'the pattern needs a path below /v1/customers/');
    assert.equal((await call(sandbox, 'GET', `/v1/customers/${customer}`)).status, 503);
    assert.equal((await sandbox.handle(new Request(`${BASE}/__sandbox/faults`, { method: 'DELETE' }))).status, 200);
    assert.deepEqual(sandbox.faults.list(), []);
  });
});
