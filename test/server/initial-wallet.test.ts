/**
 * `handler.initialWallet`: the first list for a server-rendered page, exactly what
 * `GET /methods` answers, and `toScriptJson`, which makes it safe inside a `<script>` element.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toRequest, toScriptJson } from '../../src/server/index.js';
import { assertNoKeyLeaksAtEnd, captureBody, card, createHarness, ENDPOINT, TEST_CARDS } from './helpers.js';

assertNoKeyLeaksAtEnd();

const page = (headers: Record<string, string> = {}) => new Request('http://localhost/account', { headers });

describe('handler.initialWallet', () => {
  it('answers exactly what GET /methods answers the same shopper', async () => {
    const h = createHarness({ canRemove: method => (method.last4 === '4444' ? { allowed: false, reason: 'Pays for a plan.' } : true) });
    await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number)]);
    const initial = await h.backend.handler.initialWallet(page({ Cookie: 'session=1', Accept: 'text/html' }));
    captureBody(JSON.stringify(initial));
    const listed = await h.call('GET', '/methods');
    assert.deepEqual(initial, listed.body);
    assert.ok(
      h.backend.requests.every(request => request.pathname === `${ENDPOINT}/methods`),
      'no request reached the endpoint but the GET',
    );
  });

  it('answers null when GET /methods would not answer 200', async () => {
    const h = createHarness();
    h.backend.signIn(null);
    assert.equal(await h.backend.handler.initialWallet(page()), null);
    await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    h.backend.sandbox.faults.add({ status: 503 });
    assert.equal(await h.backend.handler.initialWallet(page()), null);
  });

  it('takes a Node page request through toRequest, as an Express page would', async () => {
    const h = createHarness();
    await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    const server = createServer((req, res) => {
      void h.backend.handler.initialWallet(toRequest(req), { req, res }).then(wallet => {
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(`<ecrypt-wallet><script type="application/json">${toScriptJson(wallet)}</script></ecrypt-wallet>`);
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const html = await (await fetch(`http://127.0.0.1:${port}/account`)).text();
      captureBody(html);
      const json = /<script type="application\/json">(.*)<\/script>/.exec(html)?.[1];
      assert.deepEqual(JSON.parse(json ?? 'null'), (await h.call('GET', '/methods')).body);
    } finally {
      await new Promise(resolve => server.close(resolve));
    }
  });

  it('hands the page request and the platform context to the merchant’s hooks', async () => {
    const seen: unknown[] = [];
    const h = createHarness({
      customerFor: (request, context) => {
        seen.push([new URL(request.url).pathname, request.method, request.headers.get('Cookie'), context]);
        return null;
      },
    });
    assert.equal(await h.backend.handler.initialWallet(page({ Cookie: 'session=abc' }), { user: 'u1' }), null);
    assert.deepEqual(seen, [[`${ENDPOINT}/methods`, 'GET', 'session=abc', { user: 'u1' }]]);
  });
});

describe('toScriptJson', () => {
  it('writes no character that could end a script element, and parses back unchanged', () => {
    const value = { methods: [{ holderName: '</script><script>alert(1)</script><!-- & \u2028\u2029' }], limit: 4 };
    const text = toScriptJson(value);
    assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(text), value);
  });
});
