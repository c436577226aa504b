/**
 * The expiry date field: what people type (`MM/YY`, `MMYY`, `M/YY`, `MM/YYYY`), shown
 * as `MM / YY` while typing, and checked against today. A card is usable through the
 * last day of its expiry month (ecrypt-api.md section 7).
 */
import { digitsOnly } from './card-number.js';

/** A month (1-12) and a four-digit year. */
export interface Expiry {
  month: number;
  year: number;
}

/** Why an expiry is not usable. */
export type ExpiryError = 'required' | 'format' | 'month' | 'expired' | 'too_far';

/** How many years ahead an expiry may lie; no network issues cards for longer. */
export const MAX_YEARS_AHEAD = 20;

const SEPARATED = /^(\d{1,2})\s*[/\-.\s]\s*(\d{2}|\d{4})$/;
const RUN_TOGETHER = /^(\d{2})(\d{2}|\d{4})$/;

/** Reads an expiry as typed, or says what is wrong with its shape. */
export function parseExpiry(text: string): Expiry | { error: 'required' | 'format' | 'month' } {
  const trimmed = text.trim();
  if (!trimmed) return { error: 'required' };
  const match = SEPARATED.exec(trimmed) ?? RUN_TOGETHER.exec(trimmed);
  if (!match) return { error: 'format' };
  const month = Number(match[1]);
  const yearText = match[2] ?? '';
  if (month < 1 || month > 12) return { error: 'month' };
  return { month, year: yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText) };
}

/** True once the last day of the expiry month has passed in the time zone of `now`. */
export function isExpired(month: number, year: number, now: Date): boolean {
  // Month index `month` (0-based) is the month after the expiry month.
  return now.getTime() >= new Date(year, month, 1).getTime();
}

/** Parses and checks an expiry; undefined when it is usable. */
export function validateExpiry(text: string, now: Date): ExpiryError | undefined {
  const parsed = parseExpiry(text);
  if ('error' in parsed) return parsed.error;
  if (isExpired(parsed.month, parsed.year, now)) return 'expired';
  if (parsed.year > now.getFullYear() + MAX_YEARS_AHEAD) return 'too_far';
  return undefined;
}

/** The gateway's `expires` form, MMYY (`1235` is December 2035). */
export function toMMYY({ month, year }: Expiry): string {
  return String(month).padStart(2, '0') + String(year % 100).padStart(2, '0');
}

/**
 * Formats the field as it is typed: `4` -> `04 / `, `1/2` -> `01 / 2`, `13` -> `01 / 3`, `1230` -> `12 / 30`.
 * The separator is added once the month is complete, except while deleting, so that
 * Backspace can remove it.
 */
export function formatExpiryInput(raw: string, deleting = false): string {
  let month: string;
  let year: string;
  const separated = /^\D*(\d{1,2})\s*[/\-.\s]\s*(\d*)/.exec(raw);
  if (separated && !(deleting && !separated[2])) {
    const typed = separated[1] ?? '';
    month = typed.length === 1 && typed !== '0' ? `0${typed}` : typed;
    year = digitsOnly(separated[2] ?? '');
  } else {
    const digits = digitsOnly(raw);
    // A first digit of 2-9, or 1 followed by 3-9, can only be a one-digit month.
    const monthDigits = /^([2-9]|1[3-9])/.test(digits) ? 1 : 2;
    month = monthDigits === 1 ? `0${digits.slice(0, 1)}` : digits.slice(0, 2);
    year = digits.slice(monthDigits);
  }
  year = year.slice(0, 4);
  if (month.length < 2) return month;
  if (!year) return deleting ? month : `${month} / `;
  return `${month} / ${year}`;
}
