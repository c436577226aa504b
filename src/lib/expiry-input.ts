/**
 * The expiry date field: what people type (`MM/YY`, `MMYY`, `M/YY`, `MM/YYYY`), shown
 * as `MM / YY` while typing, and checked against today. A card is usable through the
 * last day of its expiry month (ecrypt-api.md section 7).
 */
import { digitsBefore, digitsOnly, positionAfterDigits, type FormattedInput } from './card-number.js';

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
export function formatExpiryEdit(raw: string, caret: number, edit: ExpiryEdit): FormattedInput | undefined {
  const inserting = edit === 'insert';
  const atEnd = inserting && caret >= raw.length;
  const separator = /\D+/.exec(raw);
  if (!separator) {
    let month: string;
    let year: string;
    if (atEnd) {
      // A first digit of 2-9, or 1 followed by 3-9, can only be a one-digit month.
      const single = /^([2-9]|1[3-9])/.test(raw);
      month = single ? `0${raw.slice(0, 1)}` : raw.slice(0, 2);
      year = raw.slice(single ? 1 : 2);
    } else {
      // Two digits left without a separator are a month: inserting before them would push one into the year.
      if (inserting && raw.length > 2) return undefined;
      month = raw.slice(0, 2);
      year = raw.slice(2);
    }
    if (year.length > 4) return inserting ? undefined : { value: raw, caret };
    const value = month.length < 2 || (!year && !inserting) ? month : `${month}${SEPARATOR}${year}`;
    return { value, caret: atEnd ? value.length : positionAfterDigits(value, Math.min(caret, month.length + year.length)) };
  }

  const monthEnd = separator.index;
  const yearStart = monthEnd + separator[0].length;
  let month = raw.slice(0, monthEnd);
  const year = digitsOnly(raw.slice(yearStart));
  if (month.length > 2 || year.length > 4) return inserting ? undefined : { value: raw, caret };
  if (atEnd && month.length === 1 && month !== '0') month = `0${month}`;
  if (!year && (!inserting || month.length < 2)) {
    // Backspace after the month takes the separator away with it; a month not yet complete has none.
    return { value: month, caret: Math.min(caret, month.length) };
  }
  const value = `${month}${SEPARATOR}${year}`;
  if (atEnd) return { value, caret: value.length };
  // Only a deletion inside the separator changes it: Backspace then moves before it, Delete past it.
  const separatorEdited = separator[0] !== SEPARATOR;
  const afterSeparator = month.length + SEPARATOR.length;
  if (caret < monthEnd || (caret === monthEnd && !(separatorEdited && edit === 'forward'))) return { value, caret };
  if (caret > yearStart || (caret === yearStart && !(separatorEdited && edit === 'backward'))) {
    return { value, caret: afterSeparator + digitsBefore(raw.slice(yearStart), caret - yearStart) };
  }
  return { value, caret: edit === 'backward' ? month.length : afterSeparator };
}
