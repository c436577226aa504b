/**
 * The backend duties a security reviewer checks: cross-site refusal, strict
 * bodies, idempotent adds, and the per-customer rate limit on saves.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoKeyLeaksAtEnd, captureBody, card, clock, createHarness, entry, TEST_CARDS } from './helpers.js';

assertNoKeyLeaksAtEnd();

describe('cross-site protection', () => {
  const crossSite: { name: string; headers: Record<string, string> }[] = [
    { name: 'Sec-Fetch-Site: cross-site', headers: { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' } },
    {
      name: 'Sec-Fetch-Site: same-site (a sibling subdomain)',
      headers: { 'Sec-Fetch-Site': 'same-site', Origin: 'https://blog.localhost' },
    },
    { name: 'a foreign Origin without Sec-Fetch-Site', headers: { Origin: 'https://evil.example' } },
    { name: 'Origin: null', headers: { Origin: 'null' } },
  ];

  for (const { name, headers } of crossSite) {
    it(`refuses POST, PUT and DELETE with 403 forbidden for ${name}, changing nothing`, async () => {
      const h = createHarness();
      const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number)]);
      const before = h.wallet(customerId);
      const other = entry(before, '4444').id;
      const token = await h.token({ accountNumber: TEST_CARDS.amex.number });
      const answers = [
        await h.call('POST', '/methods', { body: { token }, headers }),
        await h.call('PUT', `/methods/${other}/default`, { headers }),
        await h.call('DELETE', `/methods/${other}`, { headers }),
      ];
      for (const answer of answers) {
        assert.equal(answer.status, 403);
        assert.equal(answer.body.error.code, 'forbidden');
      }
      assert.deepEqual(h.wallet(customerId), before);
      assert.equal(
        h.backend.sandbox.requests.filter(r => r.path.startsWith('/v1/customers')).length,
        0,
        'the gateway was not asked anything',
      );
    });
  }

  it('lets same-origin browser requests, origin-matching requests and non-browser clients through', async () => {
    const h = createHarness();
    await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    const sameOrigin = await h.call('POST', '/methods', {
      body: { token: await h.token({ accountNumber: TEST_CARDS.mastercard.number }) },
      headers: { 'Sec-Fetch-Site': 'same-origin', Origin: 'http://localhost' },
    });
    assert.equal(sameOrigin.status, 201);
    const originOnly = await h.call('POST', '/methods', {
      body: { token: await h.token({ accountNumber: TEST_CARDS.amex.number }) },
      headers: { Origin: 'http://localhost' },
    });
    assert.equal(originOnly.status, 201);
    const noHeaders = await h.call('POST', '/methods', { body: { token: await h.token({ accountNumber: TEST_CARDS.discover.number }) } });
    assert.equal(noHeaders.status, 201);
  });

  it('lets an allowed origin through even cross-site, with CORS headers and a preflight', async () => {
    const h = createHarness({ allowedOrigins: ['https://checkout.example'] });
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number)]);
    const target = entry(h.wallet(customerId), '4444').id;
    const headers = { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://checkout.example' };
    const preflight = await h.backend.fetch(h.backend.url(`/methods/${target}/default`), {
      method: 'OPTIONS',
      headers: { Origin: 'https://checkout.example', 'Access-Control-Request-Method': 'PUT' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('Access-Control-Allow-Origin'), 'https://checkout.example');
    assert.equal(preflight.headers.get('Access-Control-Allow-Methods'), 'PUT');
    const answer = await h.call('PUT', `/methods/${target}/default`, { headers });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('Access-Control-Allow-Origin'), 'https://checkout.example');
    const evil = await h.call('PUT', `/methods/${target}/default`, { headers: { ...headers, Origin: 'https://evil.example' } });
    assert.equal(evil.status, 403);
    assert.equal(evil.headers.get('Access-Control-Allow-Origin'), null);
  });

  it('does not refuse reads from other sites (they are harmless without CORS)', async () => {
    const h = createHarness();
    await h.backend.seedShopper([]);
    const answer = await h.call('GET', '/methods', { headers: { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' } });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('Access-Control-Allow-Origin'), null);
  });
});

describe('request bodies', () => {
  const cases: { name: string; body?: unknown; raw?: string; contentType?: string; field?: string; message?: RegExp }[] = [
    { name: 'malformed JSON', raw: '{"token": ', contentType: 'application/json' },
    { name: 'a form content type', raw: 'token=abc', contentType: 'application/x-www-form-urlencoded', field: 'Content-Type' },
    { name: 'text/plain (what a cross-site form can send)', raw: '{"token":"x"}', contentType: 'text/plain', field: 'Content-Type' },
    { name: 'an array', body: [] },
    { name: 'an unknown key', body: { token: crypto.randomUUID(), customerId: 'someone-else-123' }, field: 'customerId' },
    { name: 'a token that is not a UUID', body: { token: '4242424242424242' }, field: 'token' },
    { name: 'a missing token', body: { makeDefault: true }, field: 'token' },
    { name: 'makeDefault as a string', body: { token: crypto.randomUUID(), makeDefault: 'yes' }, field: 'makeDefault' },
    {
      name: 'an unknown billing address key',
      body: { token: crypto.randomUUID(), billingAddress: { zip: '10001' } },
      field: 'billingAddress.zip',
    },
    {
      name: 'a billing address number',
      body: { token: crypto.randomUUID(), billingAddress: { postalCode: 10001 } },
      field: 'billingAddress.postalCode',
    },
    {
      name: 'an overlong address line',
      body: { token: crypto.randomUUID(), billingAddress: { line1: 'x'.repeat(101) } },
      field: 'billingAddress.line1',
    },
    {
      // Valid JSON of allowed fields, larger than the limit only through whitespace: only the size limit refuses it.
      name: 'an oversized body',
      raw: `{"token": "${crypto.randomUUID()}",${' '.repeat(9000)}"makeDefault": true}`,
      contentType: 'application/json',
      message: /larger than 8192 bytes/,
    },
  ];
  for (const { name, body, raw, contentType, field, message } of cases) {
    it(`answers 400 invalid_request to ${name}, asking the gateway nothing`, async () => {
      const h = createHarness();
      await h.backend.seedShopper([]);
      const answer = await h.call(
        'POST',
        '/methods',
        raw === undefined ? { body } : { raw, headers: { 'Content-Type': contentType ?? 'application/json' } },
      );
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error.code, 'invalid_request');
      if (field) assert.equal(answer.body.error.field, field);
      if (message) assert.match(answer.body.error.message, message);
      assert.equal(h.gatewayWrites().length, 0);
    });
  }

  it('echoes an unknown key only shortened, and without a card-like number in it', async () => {
    const h = createHarness();
    await h.backend.seedShopper([]);
    const long = await h.call('POST', '/methods', { body: { token: crypto.randomUUID(), ['k'.repeat(6000)]: 1 } });
    assert.equal(long.status, 400);
    assert.ok(long.body.error.field.length <= 41, `field of ${long.body.error.field.length} characters`);
    assert.ok(long.text.length < 400, `answer of ${long.text.length} characters`);
    const pan = await h.call('POST', '/methods', {
      body: { token: crypto.randomUUID(), billingAddress: { [TEST_CARDS.visaAlt.number]: 'x' } },
    });
    assert.equal(pan.status, 400);
    assert.match(pan.body.error.field, /^billingAddress\./);
    assert.ok(!pan.text.includes(TEST_CARDS.visaAlt.number.slice(0, 13)), pan.text);
  });

  it('stops reading a streamed body without Content-Length at the size limit', async () => {
    const h = createHarness({ maxBodyBytes: 1024 });
    await h.backend.seedShopper([]);
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        // Endless: only the limit can end this request.
        controller.enqueue(new TextEncoder().encode(' '.repeat(256)));
      },
    });
    // Straight to the handler: the backend's request log would read the stream too.
    const init = { method: 'POST', body: stream, duplex: 'half', headers: { 'Content-Type': 'application/json' } } as RequestInit;
    const response = await h.backend.handler(new Request(h.backend.url('/methods'), init));
    const text = await response.text();
    captureBody(text);
    assert.equal(response.status, 400);
    assert.match(JSON.parse(text).error.message, /larger than 1024 bytes/);
    assert.ok(pulled < 20, `read ${pulled} chunks of an endless body`);
  });

  it('accepts a billing address of known fields and passes it to the gateway', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([]);
    const token = await h.token();
    const answer = await h.call('POST', '/methods', {
      body: {
        token,
        billingAddress: { name: 'Ada Lovelace', line1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' },
      },
    });
    assert.equal(answer.status, 201);
    assert.equal(answer.body.method.holderName, 'Ada Lovelace');
    assert.equal(h.wallet(customerId)[0]!.address?.city, 'Springfield');
  });

  it('refuses an Idempotency-Key that is not printable ASCII', async () => {
    const h = createHarness();
    await h.backend.seedShopper([]);
    const answer = await h.addCard(TEST_CARDS.visa.number, { key: 'a'.repeat(256) });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.field, 'Idempotency-Key');
  });
});

describe('idempotency', () => {
  it('stores one method for a concurrent double submit and answers both with it', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    const token = await h.token({ accountNumber: TEST_CARDS.mastercard.number });
    const send = () => h.call('POST', '/methods', { body: { token, makeDefault: true }, headers: { 'Idempotency-Key': 'double-click-1' } });
    const [a, b] = await Promise.all([send(), send()]);
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    assert.equal(a.body.method.id, b.body.method.id);
    assert.equal([a, b].filter(x => x.headers.get('Idempotent-Replayed') === 'true').length, 1);
    assert.equal(h.wallet(customerId).length, 2);
    assert.equal(h.gatewayWrites().filter(w => w.method === 'POST').length, 1, 'the gateway was asked to save once');
  });

  it('stores one method for a sequential retry and replays the first answer exactly', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([]);
    const token = await h.token();
    const send = () => h.call('POST', '/methods', { body: { token }, headers: { 'Idempotency-Key': 'retry-1' } });
    const first = await send();
    const second = await send();
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.equal(second.text, first.text);
    assert.equal(second.headers.get('Idempotent-Replayed'), 'true');
    assert.equal(h.wallet(customerId).length, 1);
  });

  it('answers 409 idempotency_conflict for the same key with another body', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([]);
    const first = await h.addCard(TEST_CARDS.visa.number, { key: 'reused' });
    assert.equal(first.status, 201);
    const second = await h.addCard(TEST_CARDS.mastercard.number, { key: 'reused' });
    assert.equal(second.status, 409);
    assert.equal(second.body.error.code, 'idempotency_conflict');
    assert.equal(h.wallet(customerId).length, 1);
  });

  it('scopes keys per customer: another shopper’s key replays nothing of theirs', async () => {
    const h = createHarness();
    const alice = await h.backend.seedShopper([]);
    const a = await h.addCard(TEST_CARDS.visa.number, { key: 'shared-key' });
    const bob = await h.backend.seedShopper([]);
    const b = await h.addCard(TEST_CARDS.mastercard.number, { key: 'shared-key' });
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    assert.notEqual(a.body.method.id, b.body.method.id);
    assert.equal(h.wallet(alice).length, 1);
    assert.equal(h.wallet(bob).length, 1);
    assert.equal(b.body.method.brand, 'mastercard');
  });

  it('replays a final refusal (duplicate) but lets a retry after gateway trouble run again', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    const token = await h.token({ accountNumber: TEST_CARDS.mastercard.number });
    h.backend.sandbox.faults.add({ status: 503, method: 'POST', path: /\/wallet$/, times: 1 });
    const send = () => h.call('POST', '/methods', { body: { token }, headers: { 'Idempotency-Key': 'after-503' } });
    const failed = await send();
    assert.equal(failed.status, 502);
    assert.equal(failed.body.error.code, 'gateway_error');
    const retried = await send();
    assert.equal(retried.status, 201);
    assert.equal(h.wallet(customerId).length, 2);

    const dupToken = await h.token({ accountNumber: TEST_CARDS.visa.number });
    const dup = () => h.call('POST', '/methods', { body: { token: dupToken }, headers: { 'Idempotency-Key': 'dup' } });
    const d1 = await dup();
    const d2 = await dup();
    assert.equal(d1.status, 409);
    assert.equal(d2.text, d1.text);
    assert.equal(d2.headers.get('Idempotent-Replayed'), 'true');
  });

  it('completes a retry after the gateway saved but its answer was lost: one method, 201', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([]);
    const token = await h.token();
    h.backend.sandbox.faults.add({ status: 502, method: 'POST', path: /\/wallet$/, times: 1, afterHandling: true });
    const send = () => h.call('POST', '/methods', { body: { token }, headers: { 'Idempotency-Key': 'lost-answer' } });
    assert.equal((await send()).status, 502);
    assert.equal(h.wallet(customerId).length, 1, 'the gateway did save the first time');
    // The retry resends the save with the same upstream Idempotency-Key: the gateway replays its first
    // answer (the saved entry) instead of refusing the consumed token, and the flow completes.
    const retry = await send();
    assert.equal(retry.status, 201);
    assert.equal(retry.body.method.id, h.wallet(customerId)[0]!.id);
    assert.equal(retry.body.method.isDefault, true);
    assert.equal(h.wallet(customerId).length, 1);
    const replay = await send();
    assert.equal(replay.status, 201);
    assert.equal(replay.headers.get('Idempotent-Replayed'), 'true');
  });
});

describe('rate limit on saves', () => {
  it('answers 429 rate_limited with Retry-After once a customer exceeds the limit, until the window ends', async () => {
    const time = clock();
    const h = createHarness({ rateLimit: { adds: 2, windowMs: 60_000 }, now: time.now });
    const customerId = await h.backend.seedShopper([]);
    assert.equal((await h.addCard(TEST_CARDS.visa.number)).status, 201);
    assert.equal((await h.addCard(TEST_CARDS.declined.number)).status, 402, 'failed attempts count too');
    const limited = await h.addCard(TEST_CARDS.mastercard.number);
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'rate_limited');
    assert.equal(limited.body.error.retryAfter, 60);
    assert.equal(limited.headers.get('Retry-After'), '60');
    assert.equal(h.gatewayWrites().filter(w => w.method === 'POST').length, 2, 'the limited attempt never reached the gateway');

    time.advance(45_000);
    const still = await h.addCard(TEST_CARDS.mastercard.number);
    assert.equal(still.status, 429);
    assert.equal(still.headers.get('Retry-After'), '15');

    time.advance(15_000);
    assert.equal((await h.addCard(TEST_CARDS.mastercard.number)).status, 201);
    assert.equal(h.wallet(customerId).length, 2);
  });

  it('counts per customer', async () => {
    const h = createHarness({ rateLimit: { adds: 1, windowMs: 60_000 } });
    await h.backend.seedShopper([]);
    assert.equal((await h.addCard(TEST_CARDS.visa.number)).status, 201);
    assert.equal((await h.addCard(TEST_CARDS.mastercard.number)).status, 429);
    await h.backend.seedShopper([]);
    assert.equal((await h.addCard(TEST_CARDS.mastercard.number)).status, 201);
  });

  it('does not count idempotent replays', async () => {
    const h = createHarness({ rateLimit: { adds: 1, windowMs: 60_000 } });
    await h.backend.seedShopper([]);
    const token = await h.token();
    const send = () => h.call('POST', '/methods', { body: { token }, headers: { 'Idempotency-Key': 'k1' } });
    assert.equal((await send()).status, 201);
    assert.equal((await send()).status, 201);
  });
});
