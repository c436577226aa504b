import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { optionsFromCli, startSandboxServer, type StandaloneServer } from '../../src/sandbox/standalone.js';
import { card, PRIVATE, PUBLIC } from './helpers.js';

const ORIGIN = 'https://shop.example';

describe('standalone server', () => {
  let running: StandaloneServer;
  before(async () => {
    running = await startSandboxServer({ port: 0, allowedOrigins: [ORIGIN] });
  });
  after(() => running.close());

  it('listens on a free port and answers over real HTTP', async () => {
    assert.match(running.url, /^http:\/\/127\.0\.0\.1:[0-9]+$/);
    const response = await fetch(`${running.url}/v1/tokens`, {
      method: 'POST',
      headers: { 'x-api-key': PUBLIC, 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify(card()),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), ORIGIN);
    const body = await response.json();
    assert.equal(body.metadata.accountNumber, '4***********4242');
    assert.deepEqual(running.sandbox.requests.at(-1), { method: 'POST', path: '/v1/tokens', status: 200 });
  });

  it('answers the CORS preflight over HTTP', async () => {
    const response = await fetch(`${running.url}/v1/tokens`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), ORIGIN);
  });

  it('keeps admin routes off unless asked', async () => {
    const response = await fetch(`${running.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"status":503}',
    });
    assert.equal(response.status, 404);
    assert.deepEqual(running.sandbox.faults.list(), []);
  });

  it('destroys the socket for dropConnection, so fetch fails', async () => {
    running.sandbox.faults.add({ dropConnection: true, times: 1 });
    await assert.rejects(fetch(`${running.url}/v1/customers`, { headers: { 'x-api-key': PRIVATE } }), TypeError);
    const next = await fetch(`${running.url}/v1/customers`, { headers: { 'x-api-key': PRIVATE } });
    assert.equal(next.status, 200);
  });

  it('serves admin routes when adminRoutes is true, and faults apply over HTTP', async () => {
    const admin = await startSandboxServer({ port: 0, adminRoutes: true });
    try {
      const added = await fetch(`${admin.url}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 503, path: '/v1/customers', times: 1 }),
      });
      assert.equal(added.status, 200);
      assert.equal((await fetch(`${admin.url}/v1/customers`, { headers: { 'x-api-key': PRIVATE } })).status, 503);
      assert.equal((await fetch(`${admin.url}/v1/customers`, { headers: { 'x-api-key': PRIVATE } })).status, 200);
      const listed = await (await fetch(`${admin.url}/__sandbox/faults`)).json();
      assert.deepEqual(listed.faults, []);
    } finally {
      await admin.close();
    }
  });
});

describe('standalone command line', () => {
  it('reads --port, then PORT, then 8787, and turns admin routes on', () => {
    assert.equal(optionsFromCli(['--port', '9000'], { PORT: '9100' }).port, 9000);
    assert.equal(optionsFromCli(['--port=9001'], {}).port, 9001);
    assert.equal(optionsFromCli([], { PORT: '9100' }).port, 9100);
    assert.equal(optionsFromCli([], {}).port, 8787);
    assert.equal(optionsFromCli([], {}).adminRoutes, true);
    assert.throws(() => optionsFromCli(['--port', 'abc'], {}), /Invalid port/);
    assert.deepEqual(optionsFromCli(['--allow-origin', 'https://a.example', '--allow-origin', 'https://b.example'], {}).allowedOrigins, [
      'https://a.example',
      'https://b.example',
    ]);
    assert.deepEqual(optionsFromCli([], { SANDBOX_ALLOWED_ORIGINS: 'https://c.example, https://d.example' }).allowedOrigins, [
      'https://c.example',
      'https://d.example',
    ]);
  });

  it('npm run sandbox prints its URL and keys and serves', async () => {
    const script = fileURLToPath(new URL('../../src/sandbox/standalone.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = '';
        const timer = setTimeout(() => reject(new Error(`no banner in time: ${text}`)), 8_000);
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('private key:') && text.endsWith('\n') && text.includes('admin:')) {
            clearTimeout(timer);
            resolve(text);
          }
        });
        child.once('exit', code => reject(new Error(`exited with ${code}: ${text}`)));
      });
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      assert.ok(url, output);
      assert.match(output, /pk_sandbox_public_demo/);
      assert.match(output, /sk_sandbox_private_demo/);
      const response = await fetch(`${url}/v1/customers`, { headers: { 'x-api-key': PRIVATE } });
      assert.equal(response.status, 200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
