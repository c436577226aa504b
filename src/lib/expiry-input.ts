/**
 * The expiry date field: what people type (`MM/YY`, `MMYY`, `M/YY`, `MM/YYYY`), shown
 * as `MM / YY` while typing, and checked against today. A card is usable through the
 * last day of its expiry month (ecrypt-api.md section 7).
 */
import { digitsBefore, digitsOnly, type FormattedInput } from './card-number.js';

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

/** What an edit did: inserted text, or deleted backward (Backspace) or forward (Delete). */
export type ExpiryEdit = 'insert' | 'backward' | 'forward';

const SEPARATOR = ' / ';

/**
 * Formats the field after an edit, given what it holds (`raw`) and where its caret is:
 * `4` -> `04 / `, `1/2` -> `01 / 2`, `13` -> `01 / 3`, `1230` -> `12 / 30`. Guessing a
 * one-digit month (padding it, adding the separator) is for an insertion at the end only:
 * an edit inside the field or a deletion leaves the digits where they are, so replacing
 * or deleting a month digit never moves the year. Answers undefined for an insertion that
 * would make the month longer than 2 digits or the year longer than 4: the field refuses
 * it rather than push digits across the separator.
 */
export function formatExpiryEdit(text: string, at: number, edit: ExpiryEdit): FormattedInput | undefined {
  // Pasted or autofilled text may open with a space or a label (" 12/30", "Exp 12/30"): dropped, or it would
  // be read as the separator. Only the field's own separator, left before the year when the month was deleted, stays.
  const lead = /^ ?\/ ?\d*$/.test(text) ? 0 : text.search(/\d|$/);
  const raw = text.slice(lead);
  const caret = Math.max(0, at - lead);
  const inserting = edit === 'insert';
  const atEnd = inserting && caret >= raw.length;
  const separator = /\D+/.exec(raw);
  // Digits run together (autofill's 1230, or what deleting the separator left): typed at the end,
  // a first digit of 2-9, or 1 followed by 3-9, can only be a one-digit month.
  const single = !separator && atEnd && /^([2-9]|1[3-9])/.test(raw);
  const monthEnd = separator ? separator.index : single ? 1 : 2;
  let month = raw.slice(0, monthEnd);
  const year = digitsOnly(raw.slice(monthEnd + (separator?.[0].length ?? 0)));
  // Two digits without a separator are a month too: inserting before them would push one into the year.
  if (month.length > 2 || year.length > 4 || (inserting && !atEnd && !separator && year))
    return inserting ? undefined : { value: raw, caret };
  if (atEnd && month.length === 1 && (single || (separator && month !== '0'))) month = `0${month}`;
  // Backspace after the month takes the separator with it; a month not yet complete has none.
  const value = year || (inserting && month.length === 2) ? `${month}${SEPARATOR}${year}` : month;
  if (atEnd) return { value, caret: value.length };
  const digits = digitsBefore(raw, caret);
  // A caret right after the month goes after the separator if it was after it; when the edit was to the
  // separator itself, Backspace goes before it and Delete or "/" past it.
  const edited = !!separator && separator[0] !== SEPARATOR;
  const after =
    digits > month.length || (digits === month.length && (edited ? edit !== 'backward' : !!separator && caret > separator.index));
  return { value, caret: value === month ? Math.min(digits, month.length) : after ? digits + SEPARATOR.length : digits };
}
