/**
 * When a field of `<ecrypt-add-card>` shows what is wrong with it. Errors wait until the
 * shopper leaves a field they typed in (or submits), never while they type in it the
 * first time; once shown, a field is checked at every edit, but mid-edit only an error no
 * further typing can fix shows, since a valid prefix on its way ("too short", "enter the
 * date as MM / YY") would nag at every keystroke. No DOM: the element tells the policy
 * what happened and shows what it answers.
 */
import { cardRules, detectBrand } from '../../lib/card-brand.js';
import { digitsOnly } from '../../lib/card-number.js';
import type { AddCardMessages } from './ecrypt-add-card.messages.js';

type MessageKey = keyof AddCardMessages;

/** What just happened to a field: an edit in it, focus leaving it, or a submit of the form. */
export type ValidationMoment = 'edit' | 'blur' | 'submit';

/**
 * Errors no further typing in the field can fix (a month that does not exist, a year too
 * far ahead, a routing number no bank has): shown as soon as they are known, even mid-edit.
 */
const ALWAYS_DEFINITE: ReadonlySet<MessageKey> = new Set<MessageKey>(['expiryMonth', 'expiryTooFar', 'routingNumberInvalid']);

/**
 * Whether no further typing can fix `error`, found in a field that holds `value`. A Luhn
 * failure is definite only once the number cannot grow (a Visa number failing at 13 or 16
 * digits may still be a valid 19-digit one), and a past date only once its year is whole
 * ("12 / 20" is on its way to "12 / 2030"; 4 digits at the end are all of a year).
 */
export function isDefinite(error: MessageKey, value: string): boolean {
  if (error === 'cardNumberInvalid') {
    const digits = digitsOnly(value);
    return !cardRules(detectBrand(digits)).lengths.some(length => length > digits.length);
  }
  if (error === 'expiryPast') return /\d{4}$/.test(value);
  return ALWAYS_DEFINITE.has(error);
}

/** The fields whose errors may show, and what of an error shows at each moment. */
export class ValidationPolicy<F extends string> {
  readonly #revealed = new Set<F>();

  /**
   * Whether `field` is checked after `moment`. A submit reveals the field for good, and so
   * does leaving it `filled`; an edit or an empty blur checks a field only once revealed.
   */
  checks(field: F, moment: ValidationMoment, filled = false): boolean {
    if (moment === 'submit' || (moment === 'blur' && filled)) this.#revealed.add(field);
    return this.#revealed.has(field);
  }

  /** Whether the errors of `field` may show now. */
  isRevealed(field: F): boolean {
    return this.#revealed.has(field);
  }

  /** Lets the errors of `field` show from now on, as for a detail the gateway rejected. */
  reveal(field: F): void {
    this.#revealed.add(field);
  }

  /** What of `error`, found in a field holding `value` after `moment`, the field shows. */
  shown(error: MessageKey | undefined, moment: ValidationMoment, value: string): MessageKey | undefined {
    return error && moment === 'edit' && !isDefinite(error, value) ? undefined : error;
  }

  /** Hides every field's errors again, as in a new form. */
  reset(): void {
    this.#revealed.clear();
  }
}

/** The sentence that sums up a submit refused for `count` invalid fields. */
export const fixErrorsKey = (count: number): MessageKey => (count === 1 ? 'fixErrorsOne' : 'fixErrorsMany');
