/** The in-process test backend that element tests use: routing, install/restore, request log. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestBackend } from '../support/backend.js';
import { assertNoKeyLeaksAtEnd, captureBody, captureLogger, TEST_CARDS, TEST_EXPIRES } from './helpers.js';

assertNoKeyLeaksAtEnd();

describe('createTestBackend', () => {
  it('routes gateway URLs to the sandbox and endpoint URLs to the handler, as the elements call them', async () => {
    const backend = createTestBackend({ handlerOptions: { logger: captureLogger } });
    const customerId = await backend.seedShopper([]);
    assert.equal(backend.customerId, customerId);

    const config = await (await backend.fetch('/api/wallet/config')).json();
    captureBody(JSON.stringify(config));
    assert.equal(config.gatewayUrl, 'https://gateway.sandbox.test');
    const tokenAnswer = await backend.fetch(`${config.gatewayUrl}/v1/tokens`, {
      method: 'POST',
      headers: { 'x-api-key': config.publicKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ creditCard: { accountNumber: TEST_CARDS.visa.number, expires: TEST_EXPIRES } }),
    });
    const { token } = await tokenAnswer.json();
    const saved = await backend.fetch('/api/wallet/methods', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k' },
      body: JSON.stringify({ token }),
    });
    const savedText = await saved.text();
    captureBody(savedText);
    assert.equal(saved.status, 201);
    assert.equal(backend.sandbox.state.wallet(customerId).length, 1);

    assert.deepEqual(
      backend.requests.map(r => [r.method, r.pathname]),
      [
        ['GET', '/api/wallet/config'],
        ['POST', '/api/wallet/methods'],
      ],
    );
    assert.equal(backend.requests[1]!.body, JSON.stringify({ token }));
    assert.equal(backend.requests[1]!.headers.get('Idempotency-Key'), 'k');
  });

  it('rejects URLs it does not route, like a network failure', async () => {
    const backend = createTestBackend();
    await assert.rejects(backend.fetch('https://elsewhere.example/x'), TypeError);
  });

  it('installs itself as globalThis.fetch and restores the original', async () => {
    const backend = createTestBackend();
    const original = globalThis.fetch;
    const restore = backend.install();
    try {
      backend.signIn(null);
      const answer = await fetch('http://localhost/api/wallet/methods');
      captureBody(await answer.text());
      assert.equal(answer.status, 401);
    } finally {
      restore();
    }
    assert.equal(globalThis.fetch, original);
  });
});
