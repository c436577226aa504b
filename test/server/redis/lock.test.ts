/**
 * The Redis lock's own bookkeeping, with a scripted client in place of Redis (so it runs
 * everywhere): nothing it started outlives the task it guarded.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRedisLock, type RedisClient } from '../../../src/server/redis/index.js';

const timers = () => process.getActiveResourcesInfo().filter(resource => resource === 'Timeout').length;

describe('Redis lock: after the task', () => {
  it('leaves no timer running when a renewal is answered after the task ended', async () => {
    let renewalSent!: () => void;
    const sent = new Promise<void>(resolve => (renewalSent = resolve));
    let answerRenewal!: (renewed: unknown) => void;
    // Only the renewal script extends a lease; taking and releasing it answer at once.
    const redis: RedisClient = {
      eval: (script: string) => {
        if (!script.includes('PEXPIRE')) return Promise.resolve(1);
        renewalSent();
        return new Promise(resolve => (answerRenewal = resolve));
      },
      get: async () => null,
      set: async () => 'OK',
      del: async () => 0,
    };
    const lock = createRedisLock(redis, { prefix: 'late-renewal:', leaseMs: 30 });
    const before = timers();
    await lock.run('k', () => sent);
    answerRenewal(1);
    await new Promise(resolve => setImmediate(resolve));
    assert.equal(timers(), before, 'no lease timer outlives the task');
  });
});
