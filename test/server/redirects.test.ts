/**
 * A gateway answer that redirects is never followed: following it would send
 * the request, private key included, to whatever origin the redirect names.
 * Over real loopback HTTP, with Node's fetch and with createNodeFetch.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWalletHandler, type GatewayFetch } from '../../src/server/index.js';
import { createNodeFetch } from '../../src/server/node-fetch.js';
import { assertNoKeyLeaksAtEnd, captureBody, captureLogger, ENDPOINT, PRIVATE_KEY, PUBLIC_KEY } from './helpers.js';

assertNoKeyLeaksAtEnd();

async function listen(server: Server): Promise<string> {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>(resolve => server.close(() => resolve()));
}

describe('gateway redirects', async () => {
  // Where a hostile or misconfigured gateway points: it records every key it is sent.
  const keysSeen: string[] = [];
  const elsewhere = createServer((req, res) => {
    keysSeen.push(String(req.headers['x-api-key']));
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"wallet":[]}');
  });
  const elsewhereUrl = await listen(elsewhere);
  const gateway = createServer((req, res) => {
    res.writeHead(307, { Location: `${elsewhereUrl}${req.url}`, 'Content-Type': 'application/json' }).end('{}');
  });
  const gatewayUrl = await listen(gateway);
  after(() => Promise.all([close(elsewhere), close(gateway)]));

  for (const [name, fetch] of [
    ['fetch', undefined],
    ['createNodeFetch', createNodeFetch()],
  ] as [string, GatewayFetch | undefined][]) {
    it(`${name}: answers 502 gateway_error and sends nothing to the redirect's target`, async () => {
      keysSeen.length = 0;
      const handler = createWalletHandler({
        privateKey: PRIVATE_KEY,
        publicKey: PUBLIC_KEY,
        gatewayUrl,
        basePath: ENDPOINT,
        customerFor: () => 'customer-0001',
        logger: captureLogger,
        retry: { attempts: 2, baseDelayMs: 1 },
        ...(fetch ? { fetch } : {}),
      });
      const response = await handler(new Request(`http://shop.test${ENDPOINT}/methods`));
      const text = await response.text();
      captureBody(text);
      assert.equal(response.status, 502);
      assert.equal(JSON.parse(text).error.code, 'gateway_error');
      assert.deepEqual(keysSeen, []);
    });
  }
});
