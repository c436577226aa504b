/**
 * The handler's view of the merchant's stores: any store call that throws (a
 * shared store unreachable, a lock that cannot be taken) becomes 503
 * `store_unavailable`. Thrown where the call was made, it stops the request
 * there, so no gateway write follows a failed store call. Routes that may go on
 * without a store (reads, see rate-limit.ts) catch it. An outage is logged once
 * when it starts and once when the store answers again, not once per request.
 */
import { WalletError } from './errors.js';
import type { KeyedLock } from './keyed-lock.js';
import type { Logger } from './logger.js';
import type { ResolvedOptions } from './options.js';
import type { IdempotencyStore, RateLimitStore, SaveNoteStore } from './stores.js';

/** The contract's answer to a failed store call. */
export function storeUnavailable(): WalletError {
  return new WalletError('store_unavailable', 'The wallet service cannot reach its store; nothing was changed.');
}

/** Options whose stores and lock answer `store_unavailable` when they throw. */
export function guardStores(options: ResolvedOptions, log: Logger): ResolvedOptions {
  const failing = new Set<string>();
  function failed(store: string, error: unknown): WalletError {
    if (!failing.has(store)) {
      failing.add(store);
      log.error('store failed; changes and saves answer 503 until it recovers', {
        store,
        name: error instanceof Error ? error.name : typeof error,
      });
    }
    return storeUnavailable();
  }
  function answered(store: string): void {
    if (failing.delete(store)) log.warn('store answers again', { store });
  }
  async function guarded<T>(store: string, call: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await call();
    } catch (error) {
      throw failed(store, error);
    }
    answered(store);
    return result;
  }

  const rate = options.rateLimitStore;
  const rateLimitStore: RateLimitStore = { hit: (...args) => guarded('rateLimit', () => rate.hit(...args)) };
  const idem = options.idempotencyStore;
  const idempotencyStore: IdempotencyStore = {
    claim: (...args) => guarded('idempotency', () => idem.claim(...args)),
    get: (...args) => guarded('idempotency', () => idem.get(...args)),
    put: (...args) => guarded('idempotency', () => idem.put(...args)),
    release: (...args) => guarded('idempotency', () => idem.release(...args)),
  };
  const notes = options.saveNoteStore;
  const saveNoteStore: SaveNoteStore = {
    note: (...args) => guarded('saveNotes', () => notes.note(...args)),
    has: (...args) => guarded('saveNotes', () => notes.has(...args)),
  };
  const lock = options.lock;
  const guardedLock: KeyedLock = {
    async run<T>(key: string, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
      // The task's own outcome passes through; only a failure of the lock itself is the store's.
      let settled: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
      const run = async (signal: AbortSignal): Promise<T> => {
        try {
          const value = await task(signal);
          settled = { ok: true, value };
          return value;
        } catch (error) {
          settled = { ok: false, error };
          throw error;
        }
      };
      let value: T;
      try {
        value = await lock.run(key, run);
      } catch (error) {
        // The task never ran: the lock could not be taken.
        if (settled === undefined) throw failed('lock', error);
        // The task's own failure, or the lock failed after the task ended (releasing it): the task's outcome is the truth.
        if (settled.ok) return settled.value;
        throw settled.error;
      }
      answered('lock');
      return value;
    },
  };
  return { ...options, rateLimitStore, idempotencyStore, saveNoteStore, lock: guardedLock };
}
