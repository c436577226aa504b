/**
 * `createNodeFetch`, the keep-alive `node:http` gateway transport, against the
 * standalone sandbox over loopback: reads, a write with a JSON body, and the
 * handler's timeout cutting a call the gateway never answers.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandboxServer } from '../../src/sandbox/standalone.js';
import { TEST_CARDS, TEST_EXPIRES } from '../../src/sandbox/index.js';
import { createWalletHandler } from '../../src/server/index.js';
import { createNodeFetch } from '../../src/server/node-fetch.js';
import { assertNoKeyLeaksAtEnd, captureBody, captureLogger, ENDPOINT } from './helpers.js';

assertNoKeyLeaksAtEnd();

describe('createNodeFetch', async () => {
  const sandbox = await startSandboxServer({ port: 0, host: '127.0.0.1' });
  after(() => sandbox.close());
  const [customerId] = await sandbox.sandbox.seed({
    customers: [
      { firstName: 'Node', lastName: 'Fetch', methods: [{ card: { accountNumber: TEST_CARDS.visa.number, expires: TEST_EXPIRES } }] },
    ],
  });
  const handler = createWalletHandler({
    privateKey: sandbox.sandbox.privateKey,
    publicKey: sandbox.sandbox.publicKey,
    gatewayUrl: sandbox.url,
    basePath: ENDPOINT,
    customerFor: () => customerId,
    fetch: createNodeFetch(),
    logger: captureLogger,
  });
  const call = async (method: string, route: string, body?: unknown) => {
    const response = await handler(
      new Request(
        `http://shop.test${ENDPOINT}${route}`,
        body === undefined ? { method } : { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
      ),
    );
    const text = await response.text();
    captureBody(text);
    return { status: response.status, json: JSON.parse(text) };
  };

  it('lists the wallet, many times over kept-alive sockets', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => call('GET', '/methods')));
    for (const answer of answers) {
      assert.equal(answer.status, 200);
      assert.equal(answer.json.methods.length, 1);
    }
  });

  /** Tokenizes a card at the sandbox with the public key, as the browser does. */
  const tokenFor = async (accountNumber: string): Promise<string> => {
    const tokenAnswer = await fetch(`${sandbox.url}/v1/tokens`, {
      method: 'POST',
      headers: { 'x-api-key': sandbox.sandbox.publicKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ creditCard: { accountNumber, expires: TEST_EXPIRES } }),
    });
    return ((await tokenAnswer.json()) as { token: string }).token;
  };

  it('sends a JSON body (save a card)', async () => {
    const token = await tokenFor(TEST_CARDS.mastercard.number);
    const added = await call('POST', '/methods', { token });
    assert.equal(added.status, 201);
    assert.equal(added.json.method.brand, 'mastercard');
    assert.equal(added.json.methods.length, 2);
  });

  it("reads the gateway's Idempotent-Replayed header: a retry after remove and re-add answers 409 idempotency_conflict", async () => {
    const [shopper] = await sandbox.sandbox.seed({ customers: [{ firstName: 'Replay', lastName: 'Shopper' }] });
    const own = createWalletHandler({
      privateKey: sandbox.sandbox.privateKey,
      publicKey: sandbox.sandbox.publicKey,
      gatewayUrl: sandbox.url,
      basePath: ENDPOINT,
      customerFor: () => shopper ?? null,
      fetch: createNodeFetch(),
      logger: captureLogger,
      retry: { attempts: 3, baseDelayMs: 1 },
    });
    const send = async (method: string, route: string, body?: unknown, key?: string) => {
      const headers: Record<string, string> = body === undefined ? {} : { 'Content-Type': 'application/json' };
      if (key) headers['Idempotency-Key'] = key;
      const response = await own(
        new Request(`http://shop.test${ENDPOINT}${route}`, {
          method,
          headers,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
      const text = await response.text();
      captureBody(text);
      return { status: response.status, json: JSON.parse(text) };
    };
    const first = await tokenFor(TEST_CARDS.visa.number);
    // The save lands but its answer is lost.
    sandbox.sandbox.faults.add({ status: 502, method: 'POST', path: `/v1/customers/${shopper}/wallet`, times: 1, afterHandling: true });
    assert.equal((await send('POST', '/methods', { token: first }, 'replay-me')).status, 502);
    const [lost] = (await send('GET', '/methods')).json.methods as { id: string }[];
    assert.ok(lost);
    assert.equal((await send('DELETE', `/methods/${lost.id}`)).status, 200);
    assert.equal((await send('POST', '/methods', { token: await tokenFor(TEST_CARDS.visa.number) }, 'second-key')).status, 201);

    const retry = await send('POST', '/methods', { token: first }, 'replay-me');
    assert.equal(retry.status, 409, JSON.stringify(retry.json));
    assert.equal(retry.json.error.code, 'idempotency_conflict');
    assert.equal(sandbox.sandbox.state.wallet(shopper!).length, 1);
  });

  it('gives up when the gateway never answers, within the handler timeout', async () => {
    const silent = createServer(() => {});
    await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
    try {
      const slow = createWalletHandler({
        privateKey: sandbox.sandbox.privateKey,
        publicKey: sandbox.sandbox.publicKey,
        gatewayUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
        customerFor: () => customerId,
        fetch: createNodeFetch(),
        timeoutMs: 100,
        retry: { attempts: 1 },
        logger: captureLogger,
      });
      const started = Date.now();
      const response = await slow(new Request('http://shop.test/methods'));
      const text = await response.text();
      captureBody(text);
      assert.equal(response.status, 504);
      assert.equal(JSON.parse(text).error.code, 'gateway_timeout');
      assert.ok(Date.now() - started < 2_000);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>(resolve => silent.close(() => resolve()));
    }
  });

  it('refuses URLs that are not http(s)', async () => {
    const nodeFetch = createNodeFetch();
    await assert.rejects(nodeFetch('ftp://example.test/', { method: 'GET', headers: {}, signal: new AbortController().signal }), TypeError);
  });
});
