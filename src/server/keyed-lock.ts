/**
 * One task at a time per key, in arrival order, within this process. Used where
 * two requests of one shopper must not interleave (creating their gateway
 * customer, saving to their wallet): each would otherwise decide from a read
 * the other is about to make stale. Keys of different shoppers never wait on
 * each other, and a key's entry is dropped as soon as its last task settles,
 * so the map holds only shoppers with a request in flight.
 */

export interface KeyedLock {
  /**
   * Runs `task` once every task queued before it under `key` has settled; answers its outcome.
   * A shared lock (several instances) aborts `signal` when it loses its lease, so the task stops
   * before its next gateway call instead of interleaving with the next holder.
   */
  run<T>(key: string, task: (signal: AbortSignal) => Promise<T>): Promise<T>;
}

export function createKeyedLock(): KeyedLock {
  // The settled-or-not end of each key's queue; it never rejects, so one failed task does not fail the next.
  const tails = new Map<string, Promise<void>>();
  return {
    run<T>(key: string, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
      const previous = tails.get(key);
      // In one process a holder never loses the lock, so its signal never aborts.
      const held = () => task(new AbortController().signal);
      const result = previous ? previous.then(held) : held();
      const tail = result.then(
        () => {},
        () => {},
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
