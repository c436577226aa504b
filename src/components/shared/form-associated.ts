import type { LitElement, PropertyDeclaration, PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';

/** A class whose instances are `T`, abstract or not, as a mixin takes it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AbstractConstructor<T> = abstract new (...args: any[]) => T;

/** The validity an element computes for its value: the flags, the browser's message and where to show it. */
export interface FormValidity {
  flags: ValidityStateFlags;
  message: string;
  /** The control the browser points at when it reports the failure; the element itself when absent. */
  anchor?: HTMLElement;
}

/** Elements whose form state is kept in step: from their first connection on (before it, their own fields may not exist yet). */
const syncing = new WeakSet<HTMLElement>();

/** What the mixin adds, public and protected, as a type the element classes extend. */
export declare abstract class FormAssociatedMembers {
  /** Disables every control of the element and leaves it out of form submission. */
  disabled: boolean;
  /** The form the element belongs to, if any. */
  readonly form: HTMLFormElement | null;
  /** The labels that name the element. */
  readonly labels: NodeList;
  /** The validity of the element's value. */
  readonly validity: ValidityState;
  /** The message the browser shows when the value is invalid. */
  readonly validationMessage: string;
  /** Whether the value takes part in form validation. */
  readonly willValidate: boolean;
  /** Checks the value and fires `invalid` when it fails. */
  checkValidity(): boolean;
  /** Checks the value and shows the browser's message when it fails. */
  reportValidity(): boolean;
  /** Marks the value invalid with `message`, or valid again with an empty one, whatever the element's own checks say. */
  setCustomValidity(message: string): void;
  /** Follows the disabled state of an enclosing fieldset. */
  formDisabledCallback(disabled: boolean): void;
  /** Puts the value back to where it started when the form resets. */
  abstract formResetCallback(): void;
  /** Restores a value the browser kept, after navigation or autofill. */
  abstract formStateRestoreCallback(state: string | File | FormData | null, reason: 'restore' | 'autocomplete'): void;
  /** Whether the element is disabled, by its own attribute or by an enclosing fieldset. */
  protected get _effectivelyDisabled(): boolean;
  /** The value submitted with the form: `null` leaves the element out. */
  protected abstract _formValue(): string | null;
  /** The element's own validity; valid unless overridden. */
  protected _formValidity(): FormValidity;
  /** Sets or clears a custom state (`:state(name)`) of the element. */
  protected _toggleState(name: string, on: boolean): void;
}

/**
 * Lets a Lit element take part in forms as a native control does, through
 * `ElementInternals`. The element says what its value and validity are
 * (`_formValue`, `_formValidity`); the mixin hands them to the form
 * synchronously whenever a property changes (in `requestUpdate`, not in
 * `updated`), so a listener that reads `new FormData(form)` in the element's
 * own `change` event already sees the new value.
 */
export function FormAssociated<T extends AbstractConstructor<LitElement>>(base: T): T & AbstractConstructor<FormAssociatedMembers> {
  abstract class FormAssociatedElement extends base {
    /** Lets the element take part in forms, as a native control does. */
    static formAssociated = true;

    /** Disables every control of the element and leaves it out of form submission. */
    @property({ type: Boolean, reflect: true }) disabled = false;

    /** Disabled by an enclosing fieldset. */
    @state() private _disabledByFieldset = false;

    readonly #internals = this.attachInternals();
    /** The message of `setCustomValidity`; empty when none. */
    #customMessage = '';

    /** The form the element belongs to, if any. */
    get form(): HTMLFormElement | null {
      return this.#internals.form;
    }

    /** The labels that name the element. */
    get labels(): NodeList {
      return this.#internals.labels;
    }

    /** The validity of the element's value. */
    get validity(): ValidityState {
      return this.#internals.validity;
    }

    /** The message the browser shows when the value is invalid. */
    get validationMessage(): string {
      return this.#internals.validationMessage;
    }

    /** Whether the value takes part in form validation. */
    get willValidate(): boolean {
      return this.#internals.willValidate;
    }

    /** Checks the value and fires `invalid` when it fails. */
    checkValidity(): boolean {
      this.#sync();
      return this.#internals.checkValidity();
    }

    /** Checks the value and shows the browser's message when it fails. */
    reportValidity(): boolean {
      this.#sync();
      return this.#internals.reportValidity();
    }

    /** Marks the value invalid with `message`, or valid again with an empty one, whatever the element's own checks say. */
    setCustomValidity(message: string): void {
      this.#customMessage = message;
      this.#sync();
    }

    /** Follows the disabled state of an enclosing fieldset. */
    formDisabledCallback(disabled: boolean): void {
      this._disabledByFieldset = disabled;
    }

    /** Puts the value back to where it started when the form resets. */
    abstract formResetCallback(): void;

    /** Restores a value the browser kept, after navigation or autofill. */
    abstract formStateRestoreCallback(state: string | File | FormData | null, reason: 'restore' | 'autocomplete'): void;

    /** Whether the element is disabled, by its own attribute or by an enclosing fieldset. */
    protected get _effectivelyDisabled(): boolean {
      return this.disabled || this._disabledByFieldset;
    }

    /** The value submitted with the form: `null` leaves the element out. */
    protected abstract _formValue(): string | null;

    /** The element's own validity; valid unless overridden. */
    protected _formValidity(): FormValidity {
      return { flags: {}, message: '' };
    }

    /** Sets or clears a custom state (`:state(name)`) of the element. */
    protected _toggleState(name: string, on: boolean): void {
      try {
        this.#internals.states[on ? 'add' : 'delete'](name);
      } catch {
        // Engines without custom states, or that take only `--` names (Chromium 90 to 124 throws), lose the styling, not the change.
      }
    }

    override connectedCallback(): void {
      super.connectedCallback();
      syncing.add(this);
      this.#sync();
    }

    override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration): void {
      super.requestUpdate(name, oldValue, options);
      // Synchronously, not in update() or updated(): a listener of the event that follows reads the form at once.
      if (syncing.has(this)) this.#sync();
    }

    protected override updated(changed: PropertyValues): void {
      super.updated(changed);
      // Again once rendered, so that the browser points at a control that is on the page.
      this.#sync();
    }

    /** Hands the value and validity to the form. */
    #sync(): void {
      const value = this._formValue();
      this.#internals.setFormValue(value);
      const own = this._formValidity();
      const { flags, message, anchor } = this.#customMessage
        ? { ...own, flags: { ...own.flags, customError: true }, message: this.#customMessage }
        : own;
      if (Object.values(flags).some(Boolean)) this.#internals.setValidity(flags, message, anchor?.isConnected ? anchor : undefined);
      else this.#internals.setValidity({});
    }
  }
  // The protected members are declared once, on FormAssociatedMembers, for the classes that extend the mixin.
  return FormAssociatedElement as unknown as T & AbstractConstructor<FormAssociatedMembers>;
}
