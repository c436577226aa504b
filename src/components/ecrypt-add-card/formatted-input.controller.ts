/**
 * The caret-preserving input pipeline of `<ecrypt-add-card>`, after Lion's FormatMixin
 * preprocessor: after each edit a field's text goes through a pure function of
 * `{ value, caret }` (from `src/lib`), and the input shows what it answers with the caret
 * where it says. An edit a field cannot take (a digit too many) is undone exactly, text
 * and selection, as if the key had not been pressed.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { cardRules, detectBrand } from '../../lib/card-brand.js';
import {
  deleteAcrossSeparator,
  digitsBefore,
  digitsOnly,
  fitDigits,
  reformatCardNumber,
  type EditStart,
  type FormattedInput,
} from '../../lib/card-number.js';
import { formatExpiryEdit } from '../../lib/expiry-input.js';

/** An edit as the browser applied it. */
export interface Edit extends FormattedInput {
  /** The text and selection just before the edit, when they were recorded. */
  before?: EditStart;
  /** The `inputType` of the edit (`insertText`, `deleteContentBackward`, …). */
  inputType: string;
  /** At most how many digits the field takes (its `data-max-digits`). */
  maxDigits: number;
}

/** The text and caret a field shows after `edit`, or undefined to refuse the edit. */
export type Preprocessor = (edit: Edit) => FormattedInput | undefined;

/** How one field is formatted. */
export interface FieldFormat {
  preprocess: Preprocessor;
  /** Backspace or Delete next to a separator removes the digit beyond it (formatting would put the separator back). */
  deletesAcrossSeparators?: boolean;
}

/** A card number grouped as its network prints it, and no longer than that network's longest number. */
export const cardNumberFormat: FieldFormat = {
  preprocess: ({ value, caret, before }) => {
    const fitted = fitDigits(value, caret, cardRules(detectBrand(digitsOnly(value))).lengths.at(-1) ?? 19, before);
    return fitted && reformatCardNumber(fitted.value, fitted.caret, cardRules(detectBrand(digitsOnly(fitted.value))).gaps);
  },
  deletesAcrossSeparators: true,
};

/** An expiry date shown as `MM / YY` while it is typed. */
export const expiryFormat: FieldFormat = {
  preprocess: ({ value, caret, inputType }) =>
    formatExpiryEdit(value, caret, !inputType.startsWith('delete') ? 'insert' : inputType.endsWith('Forward') ? 'forward' : 'backward'),
};

/**
 * Digits only, at most the field's `maxDigits`, fitted once the separators are gone:
 * `maxlength` would count them, and cut a pasted "1234-5678-…" short.
 */
export const digitsFormat: FieldFormat = {
  preprocess: ({ value, caret, before, maxDigits }) => {
    const fitted = fitDigits(value, caret, maxDigits, before);
    return fitted && { value: digitsOnly(fitted.value), caret: digitsBefore(fitted.value, fitted.caret) };
  },
};

/**
 * Formats the inputs named in `formats` (by `id`) as they are edited, then tells
 * `onEdited` of every edit of any input it handles, formatted or not.
 */
export class FormattedInputController implements ReactiveController {
  readonly #formats: Readonly<Record<string, FieldFormat>>;
  readonly #onEdited: (event: Event) => void;
  /** The field being edited as it was just before the edit, so that an edit it cannot take is undone exactly. */
  #before?: EditStart & { input: HTMLInputElement };

  constructor(host: ReactiveControllerHost, formats: Readonly<Record<string, FieldFormat>>, onEdited: (event: Event) => void) {
    this.#formats = formats;
    this.#onEdited = onEdited;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.forget();
  }

  /** Drops the copy of the field kept to undo an edit: it must not outlive the numbers it holds. */
  forget(): void {
    this.#before = undefined;
  }

  /** For `@beforeinput`: records a formatted field as it is, and takes a deletion across a separator. */
  readonly onBeforeInput = (event: InputEvent): void => {
    const input = event.target as HTMLInputElement;
    const format = this.#formats[input.id];
    // Only formatted fields (the numeric ones) may undo an edit; a copy of a text field would never be used.
    if (!format) return;
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? input.value.length;
    this.#before = { input, value: input.value, start, end };
    const direction =
      event.inputType === 'deleteContentBackward' ? 'backward' : event.inputType === 'deleteContentForward' ? 'forward' : undefined;
    if (!format.deletesAcrossSeparators || !direction || start !== end) return;
    const edited = deleteAcrossSeparator(input.value, start, direction);
    if (!edited) return;
    event.preventDefault();
    input.value = edited.value;
    input.setSelectionRange(edited.caret, edited.caret);
    this.onInput(event);
  };

  /** For `@input`: formats the field, or undoes an edit it cannot take, then reports the edit. */
  readonly onInput = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const format = this.#formats[input.id];
    if (format) {
      const before = this.#before?.input === input ? this.#before : undefined;
      this.#before = undefined;
      const formatted = format.preprocess({
        value: input.value,
        caret: input.selectionStart ?? input.value.length,
        before,
        inputType: (event as InputEvent).inputType ?? '',
        maxDigits: Number(input.dataset.maxDigits) || Infinity,
      });
      if (!formatted) {
        if (before) {
          input.value = before.value;
          input.setSelectionRange(before.start, before.end);
        }
        return;
      }
      if (input.value !== formatted.value) input.value = formatted.value;
      if (input.matches(':focus')) input.setSelectionRange(formatted.caret, formatted.caret);
    }
    this.#onEdited(event);
  };
}
