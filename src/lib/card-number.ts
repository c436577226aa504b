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
 * Re-formats what an input holds after an edit: its digits grouped by `gaps`, with the
 * caret after the same digit it followed in `raw`. How many digits fit is `fitDigits`'s call.
 */
export function reformatCardNumber(raw: string, caret: number, gaps: readonly number[]): FormattedInput {
  const digits = digitsOnly(raw);
  const value = formatCardNumber(digits, gaps);
  return { value, caret: positionAfterDigits(value, Math.min(digitsBefore(raw, caret), digits.length)) };
}

/** What an input held, and its selection, just before an edit. */
export interface EditStart {
  value: string;
  start: number;
  end: number;
}

/**
 * Fits the result of an edit (`raw`, caret at `caret`) into a field of at most `maxDigits`
 * digits without losing a digit that was already there, as the best payment forms do: an
 * insertion keeps only as many of its digits as there is room for, and is refused
 * (undefined: the field goes back to `before`) when there is none. Without a record of
 * `before` (autofill, a script), the leading digits are kept.
 */
export function fitDigits(raw: string, caret: number, maxDigits: number, before?: EditStart): FormattedInput | undefined {
  const digits = digitsOnly(raw);
  if (digits.length <= maxDigits) return { value: raw, caret };
  if (before) {
    // No more digits than before: a deletion that left a number longer than its (new) network
    // allows. Those digits are the shopper's to fix, with validation saying so, not ours to drop.
    if (digits.length <= digitsOnly(before.value).length) return { value: raw, caret };
    const head = before.value.slice(0, before.start);
    const tail = before.value.slice(before.end);
    if (raw.length >= head.length + tail.length && raw.startsWith(head) && raw.endsWith(tail)) {
      const room = maxDigits - digitsOnly(head + tail).length;
      if (room <= 0) return undefined;
      const inserted = digitsOnly(raw.slice(head.length, raw.length - tail.length)).slice(0, room);
      return { value: head + inserted + tail, caret: head.length + inserted.length };
    }
  }
  const kept = digits.slice(0, maxDigits);
  return { value: kept, caret: Math.min(digitsBefore(raw, caret), kept.length) };
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
