/**
 * The errors the fields of `<ecrypt-add-card>` show, as a reactive controller: at each
 * edit, blur or submit it asks the validation policy whether and what to show, validates
 * through the element (which knows each field's rules), and re-renders the host when
 * what shows changes.
 */
import type { ReactiveControllerHost } from 'lit';
import { ValidationPolicy, type ValidationMoment } from './validation-policy.js';
import type { AddCardMessages } from './ecrypt-add-card.messages.js';

type MessageKey = keyof AddCardMessages;

/** How the controller reads and validates a field. */
export interface FieldSource<F extends string> {
  /** What the field holds right now, as typed. */
  read(field: F): string;
  /** What is wrong with the field right now, if anything. */
  validate(field: F): MessageKey | undefined;
}

/** It has no lifecycle of its own: it only asks its host to render again. */
export class FieldErrorsController<F extends string> {
  readonly #host: ReactiveControllerHost;
  readonly #source: FieldSource<F>;
  readonly #policy = new ValidationPolicy<F>();
  #errors: Partial<Record<F, MessageKey>> = {};

  constructor(host: ReactiveControllerHost, source: FieldSource<F>) {
    this.#host = host;
    this.#source = source;
  }

  /** The error `field` shows now. */
  of(field: F): MessageKey | undefined {
    return this.#errors[field];
  }

  /** After `moment` in `field`: checks it when the policy says so, and shows what the policy lets show. */
  check(field: F, moment: Exclude<ValidationMoment, 'submit'>): void {
    const value = this.#source.read(field);
    if (!this.#policy.checks(field, moment, value.trim() !== '')) return;
    this.#show({ ...this.#errors, [field]: this.#policy.shown(this.#source.validate(field), moment, value) });
  }

  /** Checks every one of `fields` for a submit, showing each error; answers the fields that failed, in order. */
  submit(fields: readonly F[]): F[] {
    const errors: Partial<Record<F, MessageKey>> = {};
    for (const field of fields) {
      this.#policy.checks(field, 'submit');
      errors[field] = this.#source.validate(field);
    }
    this.#show(errors);
    return fields.filter(field => errors[field]);
  }

  /** Shows `error` on `field` now and from then on, as for a detail the gateway rejected. */
  reject(field: F, error: MessageKey): void {
    this.#policy.reveal(field);
    this.#show({ ...this.#errors, [field]: error });
  }

  /** Hides every error, as in a new form. */
  clear(): void {
    this.#policy.reset();
    this.#show({});
  }

  #show(errors: Partial<Record<F, MessageKey>>): void {
    const fields = new Set([...Object.keys(errors), ...Object.keys(this.#errors)] as F[]);
    if ([...fields].some(field => errors[field] !== this.#errors[field])) {
      this.#errors = errors;
      this.#host.requestUpdate();
    } else this.#errors = errors;
  }
}
