/**
 * Limits how often one customer may try to save a method. Saving is how a
 * stolen-card list gets tested against a gateway, so every attempt counts,
 * whatever its outcome (idempotent replays do not reach here).
 */
import { WalletError } from './errors.js';
import type { RateLimitStore } from './stores.js';

/** At most `adds` save attempts per customer in each window of `windowMs`. */
export interface RateLimitOptions {
  adds: number;
  windowMs: number;
}

/**
 * Counts one save attempt for `subject` (a customer id, or `new:<identity hash>` for a
 * shopper whose customer does not exist yet), and answers the count in the window; throws
 * 429 `rate_limited` with `Retry-After` when over the limit. `carried` attempts counted under
 * another subject (a new shopper's identity, when their customer is created) join this
 * window: it counts at least that many, one hit each, so at most `adds` extra store calls.
 */
export async function consumeAddAttempt(
  store: RateLimitStore,
  subject: string,
  limit: RateLimitOptions,
  now: number,
  carried = 0,
): Promise<number> {
  let { count, resetAt } = await store.hit(`adds:${subject}`, limit.windowMs, now);
  while (count < carried && count <= limit.adds) ({ count, resetAt } = await store.hit(`adds:${subject}`, limit.windowMs, now));
  if (count <= limit.adds) return count;
  const retryAfter = Math.max(1, Math.ceil((resetAt - now) / 1000));
  throw new WalletError('rate_limited', 'Too many payment methods were added recently; try again later.', { retryAfter }, undefined, {
    'Retry-After': String(retryAfter),
  });
}
