/**
 * The handler's keyed lock shared by every instance: a lease in Redis
 * (`SET key token NX PX lease`), renewed while the task runs and deleted on
 * release only by its own holder (a Lua check-and-delete, so a holder whose
 * lease ran out never deletes the next holder's). When a renewal finds the
 * token gone, or no renewal has succeeded for a whole lease (Redis down or
 * paused), the task's signal is aborted: the lease may belong to someone else
 * now, and the task must stop before its next gateway call. Within one process
 * tasks queue locally first (`createKeyedLock`), so only the head of each
 * key's queue polls Redis.
 *
 * Written here rather than taken from a library: it is forty lines on one key
 * with one script each for renewal and release, and a library such as
 * `redis-semaphore` would be a second dependency for merchants without giving
 * the task the lease-lost signal this handler needs.
 */
import { createKeyedLock, type KeyedLock } from '../keyed-lock.js';
import type { RedisClient } from './client.js';

export interface RedisLockOptions {
  /** Keys start with this (see `createRedisStores`). */
  prefix: string;
  /** How long a lease lasts without renewal, in ms: how long others wait after a holder crashed. Default 10000. */
  leaseMs?: number;
  /** How long a task waits for another instance's lease before failing, in ms. Default 120000. */
  waitMs?: number;
  /** Pause between two attempts to take a lease held elsewhere, in ms (with jitter). Default 25. */
  retryMs?: number;
}

/** Thrown by `run` when another instance held the key for longer than `waitMs`. */
export class LockWaitTimeoutError extends Error {
  constructor() {
    super('Timed out waiting for a lock held by another instance.');
    this.name = 'LockWaitTimeoutError';
  }
}

/** Thrown into the task's signal when its lease was lost. */
export class LeaseLostError extends Error {
  constructor() {
    super('The lock lease was lost; another instance may hold it now.');
    this.name = 'LeaseLostError';
  }
}

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const ACQUIRE = `if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end return 0`;

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new TypeError(`${name} must be a positive number.`);
  return value;
}

export function createRedisLock(redis: RedisClient, options: RedisLockOptions): KeyedLock {
  const leaseMs = positive('leaseMs', options.leaseMs, 10_000);
  const waitMs = positive('waitMs', options.waitMs, 120_000);
  const retryMs = positive('retryMs', options.retryMs, 25);
  const local = createKeyedLock();

  async function acquire(key: string, token: string): Promise<number> {
    const started = performance.now();
    for (;;) {
      // The lease is counted from before the command was sent: Redis may have started it any time after.
      const sentAt = performance.now();
      let taken: unknown;
      try {
        taken = await redis.eval(ACQUIRE, 1, key, token, leaseMs);
      } catch (error) {
        // The command may still be applied once Redis answers again; this follows it, in order, and undoes it.
        redis.eval(RELEASE, 1, key, token).catch(() => {});
        throw error;
      }
      if (taken === 1) return sentAt;
      if (performance.now() - started >= waitMs) throw new LockWaitTimeoutError();
      await new Promise(resolve => setTimeout(resolve, retryMs / 2 + Math.random() * retryMs));
    }
  }

  return {
    run<T>(key: string, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
      return local.run(key, async () => {
        const redisKey = `${options.prefix}lock:${key}`;
        const token = crypto.randomUUID();
        let confirmedAt = await acquire(redisKey, token);
        const controller = new AbortController();
        let finished = false;
        const lose = () => {
          if (!controller.signal.aborted) controller.abort(new LeaseLostError());
        };
        // Lost for sure once a whole lease passed since the last confirmation, whatever Redis answers meanwhile.
        let expiry = setTimeout(lose, Math.max(0, confirmedAt + leaseMs - performance.now()));
        const renewal = setInterval(() => {
          const sentAt = performance.now();
          redis.eval(RENEW, 1, redisKey, token, leaseMs).then(
            renewed => {
              // An answer after the task ended must not start a new expiry timer: nothing would clear it.
              if (controller.signal.aborted || finished) return;
              if (renewed !== 1) return lose();
              confirmedAt = sentAt;
              clearTimeout(expiry);
              expiry = setTimeout(lose, Math.max(0, confirmedAt + leaseMs - performance.now()));
            },
            // A failed renewal changes nothing: the expiry timer decides.
            () => {},
          );
        }, leaseMs / 3);
        try {
          return await task(controller.signal);
        } finally {
          finished = true;
          clearInterval(renewal);
          clearTimeout(expiry);
          // A release that fails leaves the lease to expire by itself; the task's outcome stands.
          await redis.eval(RELEASE, 1, redisKey, token).catch(() => {});
        }
      });
    },
  };
}
