import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

describe('ecrypt-sandbox (the bin)', () => {
  it('serves the gateway on the port it is given and stops on SIGTERM', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/cli.ts', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      let url: string | undefined;
      for await (const line of lines) {
        url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
        if (url) break;
      }
      assert.ok(url, 'the bin says where it listens');
      const answer = await fetch(`${url}/v1/customers`, {
        method: 'POST',
        headers: { 'x-api-key': 'sk_sandbox_private_demo', 'content-type': 'application/json' },
        body: '{}',
      });
      assert.equal(answer.status, 200, 'the gateway creates a customer');
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
