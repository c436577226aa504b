/**
 * Checks on the card number and security code, with brand-specific lengths. Each
 * answers with the reason a number is not usable, or undefined when it is.
 */
import { cardRules, detectBrand } from './card-brand.js';
import { luhnValid } from './luhn.js';

export type CardNumberError = 'required' | 'incomplete' | 'length' | 'luhn';
export type SecurityCodeError = 'required' | 'length';

/** Checks a card number given as digits only. */
export function validateCardNumber(digits: string): CardNumberError | undefined {
  if (!digits) return 'required';
  const { lengths } = cardRules(detectBrand(digits));
  if (digits.length < (lengths[0] ?? 0)) return 'incomplete';
  if (!lengths.includes(digits.length)) return 'length';
  if (!luhnValid(digits)) return 'luhn';
  return undefined;
}

/** Checks a security code (digits only) against the length the card number's network uses. */
export function validateSecurityCode(code: string, cardDigits: string): SecurityCodeError | undefined {
  if (!code) return 'required';
  if (!/^[0-9]+$/.test(code) || code.length !== cardRules(detectBrand(cardDigits)).cvcLength) return 'length';
  return undefined;
}
