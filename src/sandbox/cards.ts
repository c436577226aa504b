/**
 * Card networks and masking as the gateway reports them (ecrypt-api.md sections 2 and 7).
 */
import { BANK_MASK_KEEPS_FIRST } from './decisions.js';

/** The gateway's network names; `ach` for bank accounts. */
export type Network = 'visa' | 'mastercard' | 'discover card' | 'american express' | 'ach';
export type CardNetwork = Exclude<Network, 'ach'>;
export type CardType = 'credit' | 'debit' | 'pre-paid';

/**
 * [doc] Visa 4; Mastercard 51-55 and 2221-2720; American Express 34, 37; Discover
 * 6011, 622, 644-649, 65, and JCB (3528-3589) and UnionPay (62) which run on it.
 * Anything else (Diners, Maestro, ...) is not a network the gateway lists: undefined.
 */
export function cardNetwork(pan: string): CardNetwork | undefined {
  if (/^3[47]/.test(pan)) return 'american express';
  if (/^4/.test(pan)) return 'visa';
  const two = Number(pan.slice(0, 2));
  const four = Number(pan.slice(0, 4));
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  if (/^(6011|64[4-9]|65|62)/.test(pan) || (four >= 3528 && four <= 3589)) return 'discover card';
  return undefined;
}

/** `4242424242424242` -> `4***********4242`: first digit and last four kept. */
export function maskCard(pan: string): string {
  return pan.slice(0, 1) + '*'.repeat(Math.max(0, pan.length - 5)) + pan.slice(-4);
}

/** `000123456789` -> `********6789`. */
export function maskBank(account: string): string {
  const keep = BANK_MASK_KEEPS_FIRST ? 1 : 0;
  return account.slice(0, keep) + '*'.repeat(Math.max(0, account.length - 4 - keep)) + account.slice(-4);
}
