/**
 * Nothing Redis-related loads for a merchant who does not use it: importing the
 * server library, or even the Redis entry itself, never loads `ioredis` (the
 * merchant creates the client).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

// In a fresh process: the ioredis files in Node's module cache after each import, in turn.
const LOADED_AFTER_EACH = `
const Module = (await import('node:module')).createRequire(import.meta.url)('node:module');
const loaded = [];
for (const url of process.argv.slice(1)) {
  await import(url);
  loaded.push(Object.keys(Module._cache).filter(path => path.includes('/node_modules/ioredis/')));
}
console.log(JSON.stringify(loaded));
`;

const entries = ['src/server/index.ts', 'src/server/redis/index.ts', 'node_modules/ioredis/built/index.js'];

describe('./server/redis entry', () => {
  let loaded: string[][];
  before(async () => {
    const urls = entries.map(path => new URL(`../../../${path}`, import.meta.url).href);
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      LOADED_AFTER_EACH,
      ...urls,
    ]);
    loaded = JSON.parse(stdout.trim().split('\n').at(-1)!) as string[][];
  });

  it('is not loaded by ./server, which loads no ioredis', () => {
    assert.deepEqual(loaded[0], []);
  });

  it('loads no ioredis itself: the merchant passes the client in', () => {
    assert.deepEqual(loaded[1], []);
  });

  it('the check sees ioredis when it is loaded (it is not blind)', () => {
    assert.ok(loaded[2]!.length > 0);
  });
});
