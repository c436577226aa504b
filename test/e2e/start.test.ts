/**
 * `npm start` as a newcomer runs it: the real start script in a child process
 * on free ports, its printed address serving the shop page and the wallet config.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('npm start', () => {
  let child: ChildProcess;
  let url: string;
  let output = '';

  before(async () => {
    // The embedded sandbox, whatever keys the caller's environment holds.
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', SANDBOX_PORT: '0' };
    delete env.ECRYPT_PRIVATE_KEY;
    delete env.ECRYPT_PUBLIC_KEY;
    child = spawn(process.execPath, ['--import', 'tsx', 'demo/server/start.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so `after` ends the script and anything it started.
      detached: true,
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "eCrypt wallet demo:" line within 30 s:\n${output}`)), 30_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /eCrypt wallet demo: (http:\/\/\S+)/.exec(output)?.[1];
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
      child.once('exit', code => {
        clearTimeout(timer);
        reject(new Error(`start.ts exited with ${code}:\n${output}`));
      });
    });
  });

  after(async () => {
    if (!child || child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  });

  it('prints the address on free ports and serves the shop page there', async () => {
    assert.match(url, /^http:\/\/(localhost|127\.0\.0\.1):[0-9]+$/);
    assert.doesNotMatch(url, /:5173$/, 'PORT=0 picks a free port');
    const response = await fetch(url);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await response.text(), /<html/i);
  });

  it('serves the wallet config with the publishable key', async () => {
    const response = await fetch(`${url}/api/wallet/config`);
    assert.equal(response.status, 200, output);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await response.json()) as { publicKey?: unknown };
    assert.equal(typeof body.publicKey, 'string');
    assert.ok((body.publicKey as string).length > 0);
  });
});
