/**
 * US ABA routing numbers: nine digits whose weighted sum
 * 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) is a multiple of 10, and whose first two
 * digits fall in a range the Federal Reserve assigns.
 */

export type RoutingNumberError = 'required' | 'length' | 'checksum' | 'invalid';

/** True when the nine digits carry a valid ABA check digit. */
export function abaChecksumValid(routing: string): boolean {
  if (!/^[0-9]{9}$/.test(routing)) return false;
  const weights = [3, 7, 1];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (routing.charCodeAt(i) - 48) * (weights[i % 3] ?? 1);
  return sum % 10 === 0;
}

/**
 * True when the first two digits are in an assigned range: 00-12 (Federal Reserve banks),
 * 21-32 (thrifts), 61-72 (electronic transactions) or 80 (traveler's checks). The checksum
 * alone lets through numbers no bank can have, all zeros among them.
 */
export function abaPrefixValid(routing: string): boolean {
  const prefix = Number(routing.slice(0, 2));
  return /^[0-9]{2}/.test(routing) && (prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80);
}

/** Checks a routing number given as digits only. */
export function validateRoutingNumber(digits: string): RoutingNumberError | undefined {
  if (!digits) return 'required';
  if (digits.length !== 9) return 'length';
  if (!abaChecksumValid(digits)) return 'checksum';
  // All zeros sits in the 00 range and passes the checksum, yet is no bank's number.
  if (!abaPrefixValid(digits) || /^0+$/.test(digits)) return 'invalid';
  return undefined;
}
