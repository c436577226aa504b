/**
 * Billing postal codes for address verification: 3-10 letters, digits, spaces or
 * hyphens, starting and ending with a letter or digit (US ZIP, ZIP+4 and most others).
 */

export type PostalCodeError = 'required' | 'format';

const POSTAL_CODE = /^[A-Za-z0-9][A-Za-z0-9 -]{1,8}[A-Za-z0-9]$/;

/** Checks a postal code; an empty one is only an error when it is required. */
export function validatePostalCode(text: string, required: boolean): PostalCodeError | undefined {
  const value = text.trim();
  if (!value) return required ? 'required' : undefined;
  return POSTAL_CODE.test(value) ? undefined : 'format';
}
