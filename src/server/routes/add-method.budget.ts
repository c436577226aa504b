/**
 * How long `POST /methods` can take at worst, from the gateway calls its sequence makes
 * (add-method.ts): a pending idempotency claim must outlive it, and a second request with the
 * same key waits that long. Kept beside the route, so a change to the sequence changes it too.
 */
import type { RetryOptions } from '../gateway-client.js';

/**
 * The worst case of `POST /methods` in gateway time: four single calls (create the customer,
 * create it again when the first one was deleted, save, make default) and five retried ones
 * (check each created customer still exists, read the wallet, read it again after a shared lock's
 * lease was lost during the save, read it at the end; undoing a duplicate or reading the wallet
 * after a refused save instead of making the default and the last read), and for a replacement
 * one more single call (removing the old method) and two more retried ones (reading the wallet
 * again after each of its two changes failed), each retried call
 * `attempts` timeouts plus its backoff (capped at 5 s per wait), plus one timeout's margin for the
 * merchant's hooks and the stores.
 */
export function longestAddMs(timeoutMs: number, retry: RetryOptions): number {
  const attempts = Math.max(1, Math.floor(retry.attempts));
  let backoff = 0;
  for (let attempt = 1; attempt < attempts; attempt++) backoff += Math.min(retry.baseDelayMs * 2 ** (attempt - 1), 5_000);
  return 5 * timeoutMs + 7 * (attempts * timeoutMs + backoff) + timeoutMs;
}
