/** Where a card stands against its printed expiry date. */
export type ExpiryStatus = 'valid' | 'expiring-soon' | 'expired';

/** Days since the epoch of a calendar date, so that daylight-saving shifts never count. */
const dayNumber = (year: number, monthIndex: number, day: number): number => Date.UTC(year, monthIndex, day) / 86_400_000;

/**
 * Tells whether a card is still usable on `now`'s calendar day (in the
 * shopper's time zone). A card is usable through the last day of its expiry
 * month (ecrypt-api.md section 7); it is "expiring soon" when that last day is
 * at most `soonDays` days away.
 *
 * @param expMonth 1-12.
 * @param expYear Four-digit year; a two-digit year is read as 20YY.
 * @param now The current time, from the caller's clock.
 * @param soonDays How many days before the end count as "soon".
 * @throws RangeError when the month or year is not a plausible integer.
 */
export function expiryStatus(expMonth: number, expYear: number, now: Date, soonDays = 30): ExpiryStatus {
  if (!Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12) throw new RangeError(`Invalid expiry month: ${expMonth}`);
  if (!Number.isInteger(expYear) || expYear < 0) throw new RangeError(`Invalid expiry year: ${expYear}`);
  const year = expYear < 100 ? 2000 + expYear : expYear;
  // Day 0 of the following month is the last day of the expiry month.
  const daysLeft = dayNumber(year, expMonth, 0) - dayNumber(now.getFullYear(), now.getMonth(), now.getDate());
  if (daysLeft < 0) return 'expired';
  return daysLeft <= soonDays ? 'expiring-soon' : 'valid';
}
