/**
 * Per-shopper rate limits, one window per kind of request. Saving is how a
 * stolen-card list gets tested against a gateway, so every save attempt counts,
 * whatever its outcome, but only once: an idempotent replay does not reach here,
 * and a retry of a request whose key was released (same key, same body) finds
 * its attempt already counted (routes/add-method.ts). Reads and changes are
 * limited too, since each one costs the merchant gateway calls.
 *
 * When the rate-limit store fails, a read goes on unlimited (the store guard
 * logs the outage once), while a change or a save is answered 503
 * `store_unavailable` before it reaches the gateway.
 */
import type { Context } from './context.js';
import type { Shopper } from './customer.js';
import { WalletError } from './errors.js';
import { identityOf } from './lazy-customer.js';
import type { RateLimitStore } from './stores.js';

/** Requests per shopper in each window of `windowMs`. */
export interface RateLimitOptions {
  /** Save attempts (`POST /methods`). */
  adds: number;
  windowMs: number;
  /** Wallet reads (`GET /methods`). Default 600. */
  reads?: number;
  /** Makes default and removals together. Default 120. */
  changes?: number;
}

/** The kinds of request counted apart. */
export type LimitedKind = 'adds' | 'reads' | 'changes';

const REFUSALS: Record<LimitedKind, string> = {
  adds: 'Too many payment methods were added recently; try again later.',
  reads: 'The wallet was read too often recently; try again later.',
  changes: 'The wallet was changed too often recently; try again later.',
};

/**
 * Counts one request of `kind` for `subject` (a customer id, or `new:<identity hash>` for a
 * shopper whose customer does not exist yet), and answers the count in the window; throws
 * 429 `rate_limited` with `Retry-After` when over the limit. `carried` attempts counted under
 * another subject (a new shopper's identity, when their customer is created) join this
 * window: it counts at least that many, one hit each, so at most `max` extra store calls.
 */
export async function consumeAttempt(
  store: RateLimitStore,
  kind: LimitedKind,
  subject: string,
  limit: { max: number; windowMs: number },
  now: number,
  carried = 0,
): Promise<number> {
  let { count, resetAt } = await store.hit(`${kind}:${subject}`, limit.windowMs, now);
  while (count < carried && count <= limit.max) ({ count, resetAt } = await store.hit(`${kind}:${subject}`, limit.windowMs, now));
  if (count <= limit.max) return count;
  const retryAfter = Math.max(1, Math.ceil((resetAt - now) / 1000));
  throw new WalletError('rate_limited', REFUSALS[kind], { retryAfter }, undefined, { 'Retry-After': String(retryAfter) });
}

/** The subject a shopper is counted under: their customer, or before they have one, their identity. */
export async function subjectOf(shopper: Shopper): Promise<string> {
  return shopper.customerId ?? `new:${(await identityOf(shopper.profile)).hash}`;
}

/**
 * Counts one read or change of the shopper. A read goes on when the store fails (fail open:
 * a read changes nothing); a change does not (503 `store_unavailable`).
 */
export async function limitRequest(ctx: Context, kind: 'reads' | 'changes', shopper: Shopper): Promise<void> {
  const { rateLimit, rateLimitStore, now } = ctx.options;
  if (!rateLimit) return;
  try {
    await consumeAttempt(rateLimitStore, kind, await subjectOf(shopper), { max: rateLimit[kind], windowMs: rateLimit.windowMs }, now());
  } catch (error) {
    if (kind === 'reads' && error instanceof WalletError && error.code === 'store_unavailable') return;
    throw error;
  }
}
