/**
 * The contract's error codes as `docs/contract.md` documents them: a merchant on
 * another platform implements the endpoint from that page alone, so every code
 * the protocol types name is in its table, with the same status.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { ERROR_STATUS } from '../../src/protocol/index.js';
import { longestAddMs } from '../../src/server/routes/add-method.budget.js';

describe('docs/contract.md', () => {
  it('documents every error code with its status, and no other', async () => {
    const text = await readFile(new URL('../../docs/contract.md', import.meta.url), 'utf8');
    const rows = [...text.matchAll(/^\|\s*`([a-z_]+)`\s*\|\s*(\d{3})\s*\|/gm)].map(([, code, status]) => [code!, Number(status)] as const);
    const documented = new Map<string, Set<number>>();
    for (const [code, status] of rows) documented.set(code, (documented.get(code) ?? new Set()).add(status));
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      assert.ok(documented.get(code)?.has(status), `${code} ${status} is in the error table`);
    }
    for (const code of documented.keys()) assert.ok(code in ERROR_STATUS, `${code} is a code of the protocol`);
  });
});

describe('docs/server.md', () => {
  it('states the longest a save can run, with the default options, as the handler computes it', async () => {
    const text = await readFile(new URL('../../docs/server.md', import.meta.url), 'utf8');
    const stated = /about (\d+) s with the defaults/.exec(text);
    assert.ok(stated, 'the idempotencyTtlMs row states the longest save with the defaults');
    assert.equal(Number(stated[1]), Math.round(longestAddMs(10_000, { attempts: 3, baseDelayMs: 100 }) / 1000));
  });
});
