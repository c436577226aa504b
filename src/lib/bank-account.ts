/**
 * US bank account (ACH) numbers and types as eCrypt's `check` token takes them
 * (ecrypt-api.md section 2): 7-20 digits; account type 0 = checking, 1 = savings.
 */
import type { BankAccountType } from '../protocol/index.js';

/** The documented account number lengths. */
export const BANK_ACCOUNT_LENGTH = { min: 7, max: 20 } as const;

export type BankAccountNumberError = 'required' | 'length';

/** Checks an account number given as digits only. */
export function validateBankAccountNumber(digits: string): BankAccountNumberError | undefined {
  if (!digits) return 'required';
  if (!/^[0-9]+$/.test(digits) || digits.length < BANK_ACCOUNT_LENGTH.min || digits.length > BANK_ACCOUNT_LENGTH.max) return 'length';
  return undefined;
}

/** The gateway's `accountType` code. */
export function accountTypeCode(type: BankAccountType): 0 | 1 {
  return type === 'savings' ? 1 : 0;
}
