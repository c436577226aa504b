/**
 * Nothing Redis-related loads for a merchant who does not use it: importing the
 * server library, or even the Redis entry itself, never loads `ioredis` (the
 * merchant creates the client).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

const LOADED_IOREDIS = `
const { createRequire } = await import('node:module');
const Module = createRequire(import.meta.url)('node:module');
await import(process.argv[1]);
console.log(JSON.stringify(Object.keys(Module._cache).filter(path => path.includes('/node_modules/ioredis/'))));
`;

function ioredisFilesLoadedBy(entry: string): string[] {
  const url = new URL(`../../../src/server/${entry}`, import.meta.url).href;
  const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', LOADED_IOREDIS, url], {
    encoding: 'utf8',
  });
  return JSON.parse(output.trim().split('\n').at(-1)!) as string[];
}

describe('./server/redis entry', () => {
  it('is not loaded by ./server, which loads no ioredis', () => {
    assert.deepEqual(ioredisFilesLoadedBy('index.ts'), []);
  });

  it('loads no ioredis itself: the merchant passes the client in', () => {
    assert.deepEqual(ioredisFilesLoadedBy('redis/index.ts'), []);
  });

  it('the check sees ioredis when it is loaded (it is not blind)', () => {
    assert.ok(ioredisFilesLoadedBy('../../node_modules/ioredis/built/index.js').length > 0);
  });
});
