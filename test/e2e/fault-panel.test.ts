/**
 * The demo's fault panel still works against the sandbox's guarded admin routes:
 * the demo server calls them from Node (JSON bodies, no browser headers).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createFaultPanel } from '../../demo/server/faults.js';
import { startSandboxServer, type StandaloneServer } from '../../src/sandbox/standalone.js';

describe('demo fault panel against the sandbox admin routes', () => {
  let running: StandaloneServer;

  before(async () => {
    running = await startSandboxServer({ port: 0, adminRoutes: true });
  });

  after(async () => {
    await running?.close();
  });

  const panelRequest = (method: string, body?: string) =>
    new Request('http://demo.test/api/demo/faults', {
      method,
      headers: { 'Sec-Fetch-Site': 'same-origin', ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body } : {}),
    });

  it('arms a preset and clears it through the admin routes', async () => {
    const panel = createFaultPanel(running.url);
    const armed = await panel.handle(panelRequest('POST', '{"preset":"errors"}'));
    assert.equal(armed.status, 200);
    assert.deepEqual(await armed.json(), { active: 'errors' });
    assert.deepEqual(running.sandbox.faults.list(), [{ status: 500, path: '/v1' }]);

    const cleared = await panel.handle(panelRequest('DELETE'));
    assert.equal(cleared.status, 200);
    assert.deepEqual(running.sandbox.faults.list(), []);
  });

  it('answers 413 for an oversized preset body instead of blaming the sandbox', async () => {
    const panel = createFaultPanel(running.url);
    const response = await panel.handle(panelRequest('POST', JSON.stringify({ preset: 'x'.repeat(10_000) })));
    assert.equal(response.status, 413);
  });
});
