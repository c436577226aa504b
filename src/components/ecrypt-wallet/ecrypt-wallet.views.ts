/**
 * The parts of `<ecrypt-wallet>` around its rows: the placeholder shown while
 * loading, the load failure with its retry, and the footer with the add button
 * (or the inline add form the element renders in its place). Each is fed by the
 * element, which keeps the behaviour.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { format } from '../../lib/format.js';
import type { WalletMessages } from './ecrypt-wallet.messages.js';

/**
 * Placeholder rows built like method rows (a summary of two text lines, then the actions, which
 * wrap below on a narrow screen exactly as the buttons do), so that each has the final height of
 * a method row at any width and nothing shifts when the methods arrive. The backend lists the
 * default first, which has Remove only; the others have Make default too.
 */
export function skeleton(rowCount: number, label: string): TemplateResult {
  // Focusable, so that focus can wait here while a retry loads.
  return html`<div part="skeleton" role="progressbar" aria-label=${label} tabindex="-1">
    <div class="rows">
      ${Array.from(
        { length: Math.max(0, rowCount) },
        (_, index) =>
          html`<div>
            <div class="row">
              <span class="summary">
                <span class="mark"></span>
                <span class="text">
                  <span class="line"><span class="bar"></span></span>
                  <span class="line meta"><span class="bar"></span></span>
                </span>
              </span>
              <span class="actions"><span class="bar button-bar ${index === 0 ? 'one' : ''}"></span></span>
            </div>
          </div>`,
      )}
    </div>
  </div>`;
}

/** The load failure and its retry button. */
export function loadFailure(messages: WalletMessages, disabled: boolean, onRetry: () => void): TemplateResult {
  return html`<div part="error" class="failed">
    <p>${messages.loadFailed}</p>
    <button part="button retry-button" type="button" ?disabled=${disabled} @click=${onRetry}>${messages.retry}</button>
  </div>`;
}

/** What the element lends its footer. */
export interface Footer {
  messages: WalletMessages;
  /** The inline add form, in place of the add button, while it is open. */
  addForm?: TemplateResult;
  disabled: boolean;
  /** Adding is not possible now (loading, or the wallet is full): the button says so but stays focusable. */
  unavailable: boolean;
  /** The wallet's limit, formatted, when it is full. */
  fullAt?: string;
  /** The locale whose plural rules choose the wording of the limit. */
  locale?: string;
  onOpenAdd(): void;
}

/** The add button, or the inline add form in its place, and the note when the wallet is full. */
export function footer(view: Footer): TemplateResult {
  const { messages } = view;
  return html`<div class="footer">
    ${
      view.addForm ??
      html`<button
        part="button add-button"
        class="primary"
        type="button"
        ?disabled=${view.disabled}
        aria-disabled=${view.unavailable ? 'true' : 'false'}
        aria-describedby=${view.fullAt ? 'limit' : nothing}
        @click=${() => view.unavailable || view.onOpenAdd()}
      >
        ${messages.add}
      </button>`
    }
    ${view.fullAt ? html`<p id="limit" part="limit" class="limit">${format(messages.limitReached, { limit: view.fullAt }, view.locale)}</p>` : nothing}
  </div>`;
}
