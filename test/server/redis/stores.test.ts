/**
 * The store contracts against a real Redis (each instance its own client, as
 * separate server processes would have), and what only Redis has: key
 * prefixes, expiry of every key, the lock's lease and its loss, and errors
 * when Redis is unreachable.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import {
  createRedisLock,
  createRedisStores,
  LeaseLostError,
  LockWaitTimeoutError,
  type RedisStores,
} from '../../../src/server/redis/index.js';
import { idempotencyContract, lockContract, rateLimitContract, saveNoteContract, type Shared } from '../stores.contract.js';
import { redisServerOrExplain } from './redis-server.js';

const server = await redisServerOrExplain('Redis store suite');

if (server === null) {
  it('Redis store suite (needs redis-server or REDIS_URL; see the message above)', { skip: 'no Redis' }, () => {});
} else {
  const clients: Redis[] = [];
  const client = () => {
    const redis = new Redis(server.url, { commandTimeout: 2_000, maxRetriesPerRequest: 1 });
    clients.push(redis);
    return redis;
  };
  after(async () => {
    await Promise.all(clients.map(redis => redis.quit().catch(() => redis.disconnect())));
  });
  // Three clients, as three server processes would hold.
  const instances = [client(), client(), client()];
  const fresh = <T>(pick: (stores: RedisStores) => T) => {
    const prefix = `test:${crypto.randomUUID()}:`;
    const views = instances.map(redis => pick(createRedisStores(redis, { prefix })));
    return (): Shared<T> => ({ instance: index => views[index % views.length]! });
  };

  rateLimitContract('redis', () => fresh(stores => stores.rateLimit)());
  idempotencyContract('redis', () => fresh(stores => stores.idempotency)());
  saveNoteContract('redis', () => fresh(stores => stores.saveNotes)());
  lockContract('redis', () => fresh(stores => stores.lock)());

  const redis = instances[0]!;
  const NOW = Date.now();

  describe('Redis stores: keys', () => {
    it('start with the prefix, so two apps on one Redis never meet', async () => {
      const a = createRedisStores(redis, { prefix: `app-a:${crypto.randomUUID()}:` });
      const b = createRedisStores(redis, { prefix: `app-b:${crypto.randomUUID()}:` });
      await a.rateLimit.hit('adds:c1', 60_000, NOW);
      await a.idempotency.claim('k', { fingerprint: 'f', state: 'pending', expiresAt: NOW + 60_000 }, NOW);
      await a.saveNotes.note('n', NOW + 60_000);
      assert.equal((await b.rateLimit.hit('adds:c1', 60_000, NOW)).count, 1);
      assert.equal(await b.idempotency.get('k', NOW), null);
      assert.equal(await b.saveNotes.has('n', NOW), false);
    });

    it('all expire by themselves, so nothing outlives its use', async () => {
      const prefix = `ttl:${crypto.randomUUID()}:`;
      const stores = createRedisStores(redis, { prefix });
      await stores.rateLimit.hit('adds:c1', 60_000, NOW);
      await stores.idempotency.claim('k', { fingerprint: 'f', state: 'pending', expiresAt: NOW + 30_000 }, NOW);
      await stores.idempotency.put('done', {
        fingerprint: 'f',
        state: 'done',
        response: { status: 201, body: '{}' },
        expiresAt: NOW + 90_000,
      });
      await stores.saveNotes.note('n', NOW + 45_000);
      let ttlDuringTask = 0;
      await stores.lock.run('wallet:c1', async () => {
        ttlDuringTask = await redis.pttl(`${prefix}lock:wallet:c1`);
      });
      const keys = (await redis.keys(`${prefix}*`)).sort();
      assert.deepEqual(
        keys,
        [`${prefix}idem:done`, `${prefix}idem:k`, `${prefix}note:n`, `${prefix}rl:adds:c1`],
        'the lock is gone after its task',
      );
      const ttls = Object.fromEntries(await Promise.all(keys.map(async k => [k.slice(prefix.length), await redis.pttl(k)] as const)));
      const within = (ttl: number | undefined, ms: number) => ttl !== undefined && ttl > ms - 5_000 && ttl <= ms;
      assert.ok(within(ttls['rl:adds:c1'], 60_000), JSON.stringify(ttls));
      assert.ok(within(ttls['idem:k'], 30_000), JSON.stringify(ttls));
      assert.ok(within(ttls['idem:done'], 90_000), JSON.stringify(ttls));
      assert.ok(within(ttls['note:n'], 45_000), JSON.stringify(ttls));
      assert.ok(ttlDuringTask > 0 && ttlDuringTask <= 10_000, `lock lease ${ttlDuringTask}`);
    });

    it("follow the handler's clock when it is not this machine's (a note after a claim at an injected time)", async () => {
      const stores = createRedisStores(redis, { prefix: `clock:${crypto.randomUUID()}:` });
      const past = Date.UTC(2020, 0, 1);
      await stores.idempotency.claim('k', { fingerprint: 'f', state: 'pending', expiresAt: past + 60_000 }, past);
      await stores.saveNotes.note('n', past + 60_000);
      await stores.idempotency.put('k', {
        fingerprint: 'f',
        state: 'done',
        response: { status: 201, body: '{}' },
        expiresAt: past + 60_000,
      });
      assert.equal(await stores.saveNotes.has('n', past + 1), true);
      assert.equal((await stores.idempotency.get('k', past + 1))?.state, 'done');
    });
  });

  describe('Redis lock: the lease', () => {
    it('is renewed while the task runs longer than the lease, and others wait for it', async () => {
      const prefix = `lease:${crypto.randomUUID()}:`;
      // Long enough that a busy machine's event-loop stalls do not outlast it.
      const leaseMs = 600;
      const [a, b] = [createRedisLock(instances[1]!, { prefix, leaseMs }), createRedisLock(instances[2]!, { prefix, leaseMs })];
      const events: string[] = [];
      let releaseFirst!: () => void;
      const entered = new Promise<void>(resolve => {
        void a.run('k', async signal => {
          events.push('a in');
          resolve();
          // Three leases long: only renewals keep the key (the second task would get in otherwise).
          await new Promise<void>(done => (releaseFirst = done));
          events.push(`a out${signal.aborted ? ' (aborted)' : ''}`);
        });
      });
      await entered;
      const second = b.run('k', async () => void events.push('b in'));
      for (let i = 0; i < 3; i++) {
        const before = await redis.pttl(`${prefix}lock:k`);
        await new Promise(resolve => setTimeout(resolve, leaseMs));
        assert.ok(before > 0, 'the lease is held');
      }
      assert.deepEqual(events, ['a in']);
      releaseFirst();
      await second;
      assert.deepEqual(events, ['a in', 'a out', 'b in']);
    });

    it('aborts the signal with LeaseLostError when a renewal finds the token gone, and never deletes the next holder', async () => {
      const prefix = `lost:${crypto.randomUUID()}:`;
      const lock = createRedisLock(instances[1]!, { prefix, leaseMs: 300 });
      const key = `${prefix}lock:k`;
      const reason = await lock.run('k', async signal => {
        // What an expiry during a pause looks like: the key gone, then taken by someone else.
        await redis.set(key, 'the-next-holder', 'PX', 10_000);
        await once(signal, 'abort');
        return signal.reason as unknown;
      });
      assert.ok(reason instanceof LeaseLostError);
      assert.equal(await redis.get(key), 'the-next-holder', 'the release left the next holder alone');
    });

    it('gives up with LockWaitTimeoutError, without running the task, when another holder keeps it past waitMs', async () => {
      const prefix = `wait:${crypto.randomUUID()}:`;
      await redis.set(`${prefix}lock:k`, 'a-stuck-holder', 'PX', 10_000);
      const lock = createRedisLock(instances[1]!, { prefix, waitMs: 100 });
      let ran = false;
      await assert.rejects(
        lock.run('k', async () => void (ran = true)),
        LockWaitTimeoutError,
      );
      assert.equal(ran, false);
      assert.equal(await redis.get(`${prefix}lock:k`), 'a-stuck-holder');
    });

    it('aborts the signal once a whole lease passes with Redis unreachable', async () => {
      const prefix = `down:${crypto.randomUUID()}:`;
      const own = client();
      const lock = createRedisLock(own, { prefix, leaseMs: 300 });
      const reason = await lock.run('k', async signal => {
        own.disconnect();
        await once(signal, 'abort');
        return signal.reason as unknown;
      });
      assert.ok(reason instanceof LeaseLostError);
    });
  });

  describe('createRedisStores options', () => {
    it('refuses a lease or wait that is not a positive number, naming the option', () => {
      assert.throws(() => createRedisStores(redis, { leaseMs: 0 }), /leaseMs must be a positive number/);
      assert.throws(() => createRedisStores(redis, { lockWaitMs: Number.NaN }), /waitMs must be a positive number/);
    });
  });

  describe('Redis stores: Redis unreachable', () => {
    it('every method throws (the handler answers 503 store_unavailable)', async () => {
      // Nothing listens on port 1; no retries, so each command fails at once.
      const down = new Redis({ port: 1, host: '127.0.0.1', maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
      down.on('error', () => {});
      const stores = createRedisStores(down);
      await assert.rejects(stores.rateLimit.hit('k', 1_000, NOW));
      await assert.rejects(stores.idempotency.claim('k', { fingerprint: 'f', state: 'pending', expiresAt: NOW + 1 }, NOW));
      await assert.rejects(stores.idempotency.get('k', NOW));
      await assert.rejects(stores.idempotency.put('k', { fingerprint: 'f', state: 'pending', expiresAt: NOW + 1 }));
      await assert.rejects(stores.idempotency.release('k', { fingerprint: 'f', state: 'pending', expiresAt: NOW + 1 }));
      await assert.rejects(stores.saveNotes.note('k', NOW + 1));
      await assert.rejects(stores.saveNotes.has('k', NOW));
      let ran = false;
      await assert.rejects(stores.lock.run('k', async () => void (ran = true)));
      assert.equal(ran, false, 'no task runs without its lease');
      down.disconnect();
    });
  });
}
