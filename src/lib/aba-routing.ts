/**
 * US ABA routing numbers: nine digits whose weighted sum
 * 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) is a multiple of 10.
 */

export type RoutingNumberError = 'required' | 'length' | 'checksum';

/** True when the nine digits carry a valid ABA check digit. */
export function abaChecksumValid(routing: string): boolean {
  if (!/^[0-9]{9}$/.test(routing)) return false;
  const weights = [3, 7, 1];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (routing.charCodeAt(i) - 48) * (weights[i % 3] ?? 1);
  return sum % 10 === 0;
}

/** Checks a routing number given as digits only. */
export function validateRoutingNumber(digits: string): RoutingNumberError | undefined {
  if (!digits) return 'required';
  if (digits.length !== 9) return 'length';
  if (!abaChecksumValid(digits)) return 'checksum';
  return undefined;
}
