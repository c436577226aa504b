/**
 * The templates of `<ecrypt-add-card>` that are not one kind's fields: a labelled text
 * field, the card / bank account choice, the held method, the form-level notice and the
 * loading and load-error states. Each is fed a small object of words already in the
 * shopper's language and the handlers to bind; none holds state.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { MethodKind } from '../../protocol/index.js';

/** One text input with its label, hint, error and, for the card number, the detected network. */
export interface FieldView {
  name: string;
  label: string;
  /** Bound as a property: the template checker's attribute data knows no compound tokens such as `billing postal-code`. */
  autocomplete: AutoFill;
  hint?: string;
  error?: string;
  /** The detected network's name, shown beside the field's label (never over what was typed). */
  brand?: string;
  /** Half the row wide (expiry and security code side by side). */
  half?: boolean;
  /** A text field (names, postal codes); otherwise a numeric keyboard is offered. */
  text?: boolean;
  /** At most how many digits a numeric field takes. */
  maxDigits?: number;
  required?: boolean;
  /** While a save is pending nothing may change what is being sent. */
  readonly: boolean;
  onBeforeInput: (event: InputEvent) => void;
  onInput: (event: Event) => void;
  onBlur: (event: FocusEvent) => void;
}

export function field(view: FieldView): TemplateResult {
  const { name, error } = view;
  const describedBy = [view.hint && `${name}-hint`, view.brand && 'brand', error && `${name}-error`].filter(Boolean).join(' ');
  return html`
    <div part="field" class="field ${name} ${view.half ? 'half' : ''}">
      <div class="label-row">
        <label part="label" for=${name}>${view.label}</label>
        ${view.brand ? html`<span part="brand" class="brand" id="brand">${view.brand}</span>` : nothing}
      </div>
      <div class="control">
        <input
          part="input"
          type="text"
          id=${name}
          name=${name}
          .autocomplete=${view.autocomplete}
          inputmode=${view.text ? 'text' : 'numeric'}
          dir=${view.text ? nothing : 'ltr'}
          spellcheck="false"
          maxlength="100"
          data-max-digits=${view.maxDigits ?? nothing}
          ?required=${view.required ?? true}
          ?readonly=${view.readonly}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${describedBy || nothing}
          @beforeinput=${view.onBeforeInput}
          @input=${view.onInput}
          @blur=${view.onBlur}
        />
      </div>
      ${view.hint ? html`<p part="hint" class="hint" id="${name}-hint">${view.hint}</p>` : nothing}
      ${error ? html`<p part="error" class="error" id="${name}-error">${error}</p>` : nothing}
    </div>
  `;
}

/** The card / bank account choice, a radio group. */
export function kindChoice(view: {
  legend: string;
  options: { kind: MethodKind; label: string }[];
  chosen: MethodKind;
  onChange: (event: Event) => void;
}): TemplateResult {
  return html`<fieldset part="tabs" class="kinds">
    <legend class="visually-hidden">${view.legend}</legend>
    ${view.options.map(
      ({ kind, label }) =>
        html`<label part="tab">
          <input type="radio" name="kind" value=${kind} .checked=${kind === view.chosen} @change=${view.onChange} />
          ${label}
        </label>`,
    )}
  </fieldset>`;
}

/** The masked method kept for a retry once tokenized, with the button that discards it. */
export function heldMethod(view: { text: string; changeLabel: string; disabled: boolean; onChange: () => void }): TemplateResult {
  return html`<p part="held" class="held">
    ${view.text}
    <button type="button" part="change-button" ?disabled=${view.disabled} @click=${view.onChange}>${view.changeLabel}</button>
  </p>`;
}

/** A form-level outcome, with an action when there is one ("Make it default" after a duplicate). */
export function notice(view: { text: string; action?: { label: string; onClick: () => void } }): TemplateResult {
  const { action } = view;
  return html`
    <div part="notice" class="notice">
      <p part="error" id="notice">${view.text}</p>
      ${action ? html`<button type="button" part="default-button" @click=${action.onClick}>${action.label}</button>` : nothing}
    </div>
  `;
}

/** The loading state; focusable, so that focus can wait here rather than on the page. */
export const loading = (text: string): TemplateResult => html`<p part="loading" class="loading" tabindex="-1" aria-busy="true">${text}</p>`;

/** What shows when the form or a part of it could not be loaded, with a retry and, when the form can be left, Cancel (and Escape). */
export const loadError = (view: {
  text: string;
  retryLabel: string;
  onRetry: () => unknown;
  cancel?: { label: string; onCancel: () => void };
}): TemplateResult => {
  const { cancel } = view;
  return html`<div class="load-error" @keydown=${(event: KeyboardEvent) => cancel && event.key === 'Escape' && cancel.onCancel()}>
    <p part="error" class="error" role="alert">${view.text}</p>
    <div class="actions">
      <button type="button" part="retry-button" @click=${view.onRetry}>${view.retryLabel}</button>
      ${cancel ? html`<button type="button" part="cancel-button" @click=${cancel.onCancel}>${cancel.label}</button>` : nothing}
    </div>
  </div>`;
};
