/** Whether a saved card has expired, by the gateway's rule and the handler's clock. */
import type { PaymentMethod } from '../protocol/index.js';

/**
 * A card is usable through the last day of its expiry month (ecrypt-api.md section 7), judged in
 * UTC as the gateway judges it. Bank accounts, and cards whose expiry the gateway did not give,
 * never expire.
 */
export function isExpiredMethod(method: PaymentMethod, now: number): boolean {
  if (method.kind !== 'card' || method.expMonth === undefined || method.expYear === undefined) return false;
  // Date.UTC with the month index equal to the expiry month is the first instant of the month after it.
  return now >= Date.UTC(method.expYear, method.expMonth, 1);
}

/** Newest first by `createdAt`; an unreadable date counts as oldest. */
export function newestFirst(a: PaymentMethod, b: PaymentMethod): number {
  return (Date.parse(b.createdAt) || 0) - (Date.parse(a.createdAt) || 0);
}
