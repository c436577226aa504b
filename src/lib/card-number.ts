/**
 * Card number text as a person types it: digits only, grouped with spaces, and the
 * caret kept next to the digit it followed, so typing, pasting and deleting in the
 * middle of a number feel native.
 */

/** The digits of a text, everything else dropped. */
export function digitsOnly(text: string): string {
  return text.replace(/[^0-9]/g, '');
}

/** How many digits come before `position` in `text`. */
export function digitsBefore(text: string, position: number): number {
  return digitsOnly(text.slice(0, position)).length;
}

/**
 * The caret position in `formatted` right after its `count`-th digit (0 is the start).
 * Lands before a separator, so the next digit typed joins the group it belongs to.
 */
export function positionAfterDigits(formatted: string, count: number): number {
  if (count <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < formatted.length; i++) {
    const code = formatted.charCodeAt(i);
    if (code >= 48 && code <= 57 && ++seen === count) return i + 1;
  }
  return formatted.length;
}

/** Digits grouped with a space after each gap, `4242424242424242` -> `4242 4242 4242 4242`. */
export function formatCardNumber(digits: string, gaps: readonly number[]): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && gaps.includes(i)) out += ' ';
    out += digits[i];
  }
  return out;
}

/** The text of a formatted field and where its caret goes. */
export interface FormattedInput {
  value: string;
  caret: number;
}

/**
 * Re-formats what an input holds after an edit: at most `maxDigits` digits, grouped by
 * `gaps`, with the caret after the same digit it followed in `raw`.
 */
export function reformatCardNumber(raw: string, caret: number, gaps: readonly number[], maxDigits: number): FormattedInput {
  const digits = digitsOnly(raw).slice(0, maxDigits);
  const value = formatCardNumber(digits, gaps);
  return { value, caret: positionAfterDigits(value, Math.min(digitsBefore(raw, caret), digits.length)) };
}

/**
 * A Backspace or Delete next to a separator removes the digit beyond it instead of the
 * separator (which formatting would put straight back). Returns the edited text and
 * caret, or undefined when the key does not touch a separator.
 */
export function deleteAcrossSeparator(value: string, caret: number, direction: 'backward' | 'forward'): FormattedInput | undefined {
  const isDigit = (i: number) => /[0-9]/.test(value[i] ?? '');
  if (direction === 'backward') {
    if (caret <= 0 || isDigit(caret - 1)) return undefined;
    let i = caret - 1;
    while (i >= 0 && !isDigit(i)) i--;
    if (i < 0) return undefined;
    return { value: value.slice(0, i) + value.slice(i + 1), caret: i };
  }
  if (caret >= value.length || isDigit(caret)) return undefined;
  let i = caret;
  while (i < value.length && !isDigit(i)) i++;
  if (i >= value.length) return undefined;
  return { value: value.slice(0, i) + value.slice(i + 1), caret };
}
