/**
 * `ecrypt-wallet-elements/server/redis`: the handler's shared state on Redis,
 * for several instances (or serverless functions) behind one load balancer.
 * Pass an `ioredis` client (a `Redis` or a `Cluster`); this module never loads
 * `ioredis` itself, and `./server` never loads this module.
 *
 * ```ts
 * import Redis from 'ioredis';
 * const redis = new Redis(process.env.REDIS_URL, { commandTimeout: 1000, maxRetriesPerRequest: 1 });
 * createWalletHandler({ ...options, stores: createRedisStores(redis, { prefix: 'shop:' }) });
 * ```
 *
 * See `docs/deployment.md` for what must be shared and why, and what a Redis
 * failure does to a save (503 `store_unavailable`, nothing stored twice).
 */
import type { HandlerStores } from '../options.js';
import type { KeyedLock } from '../keyed-lock.js';
import type { IdempotencyStore, RateLimitStore, SaveNoteStore } from '../stores.js';
import { ClockOffset, type RedisClient } from './client.js';
import { createRedisLock } from './lock.js';
import { RedisIdempotencyStore, RedisRateLimitStore, RedisSaveNoteStore } from './stores.js';

export type { RedisClient } from './client.js';
export { createRedisLock, LeaseLostError, LockWaitTimeoutError, type RedisLockOptions } from './lock.js';
export { RedisIdempotencyStore, RedisRateLimitStore, RedisSaveNoteStore } from './stores.js';

export interface RedisStoresOptions {
  /** Starts every key, so several apps (or environments) can share one Redis. Default `'ecrypt-wallet:'`. */
  prefix?: string;
  /** The lock's lease, in ms: how long others wait when a holder crashed. Default 10000; renewed every third of it. */
  leaseMs?: number;
  /** How long a save waits for another instance's lock before failing, in ms. Default 120000. */
  lockWaitMs?: number;
}

/** All four pieces of shared state, ready for `createWalletHandler({ stores })`. */
export interface RedisStores extends HandlerStores {
  rateLimit: RateLimitStore;
  idempotency: IdempotencyStore;
  saveNotes: SaveNoteStore;
  lock: KeyedLock;
}

/** The handler's rate limits, idempotency records, save notes and locks, on one Redis. */
export function createRedisStores(redis: RedisClient, options: RedisStoresOptions = {}): RedisStores {
  const prefix = options.prefix ?? 'ecrypt-wallet:';
  if (typeof prefix !== 'string') throw new TypeError('prefix must be a string.');
  const clock = new ClockOffset();
  return {
    rateLimit: new RedisRateLimitStore(redis, prefix, clock),
    idempotency: new RedisIdempotencyStore(redis, prefix, clock),
    saveNotes: new RedisSaveNoteStore(redis, prefix, clock),
    lock: createRedisLock(redis, {
      prefix,
      ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
      ...(options.lockWaitMs === undefined ? {} : { waitMs: options.lockWaitMs }),
    }),
  };
}
