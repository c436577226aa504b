/**
 * One saved method of `<ecrypt-wallet>` as a row: what it says (brand, masked
 * number, expiry, badges, its accessible name) and its controls (the radio in
 * checkout mode; make default, remove and the inline confirmation otherwise).
 * The element feeds it a small object and keeps the behaviour.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Brand, PaymentMethod } from '../../protocol/index.js';
import { expiryStatus, type ExpiryStatus } from '../../lib/expiry-status.js';
import { format } from '../../lib/format.js';
import { brandMark } from './brand-mark.js';
import type { WalletMessages } from './ecrypt-wallet.messages.js';

/** What a row says about one method. */
export interface MethodDescription {
  /** "Visa ending in 4242". */
  method: string;
  /** The full accessible name: "Visa ending in 4242, expires 04/27, default". */
  label: string;
  /** The network's name, "Visa". */
  brand: string;
  /** "04/27" for a card, empty otherwise. */
  expiry: string;
  status?: ExpiryStatus;
}

/** The message that names each network. */
const BRAND_MESSAGES: Record<Brand, keyof WalletMessages> = {
  visa: 'brandVisa',
  mastercard: 'brandMastercard',
  amex: 'brandAmex',
  discover: 'brandDiscover',
  ach: 'brandAch',
  unknown: 'brandUnknown',
};

/** Whether a card has expired or expires soon at `now`; `undefined` for a bank account or a card without an expiry. */
export function expiryOf(method: PaymentMethod, now: Date): ExpiryStatus | undefined {
  if (method.kind !== 'card' || !method.expMonth || !method.expYear) return undefined;
  try {
    return expiryStatus(method.expMonth, method.expYear, now);
  } catch {
    // A month the backend should never send: show the card without an expiry rather than fail.
    return undefined;
  }
}

/** What to say about `method`, in the element's sentences (merchant overrides applied). */
export function describeMethod(
  method: PaymentMethod,
  messages: WalletMessages,
  status: ExpiryStatus | undefined,
  locale: string | undefined,
): MethodDescription {
  // An unknown network string is shown as it came (as text), so the shopper still recognises it.
  const brand = Object.hasOwn(BRAND_MESSAGES, method.brand) ? messages[BRAND_MESSAGES[method.brand]] : String(method.brand);
  const name = format(messages.method, { brand, last4: method.last4 });
  const twoDigits = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  const expiry = status
    ? format(messages.expiry, { month: twoDigits.format(method.expMonth!), year: twoDigits.format(method.expYear! % 100) })
    : '';
  let label = status
    ? format(status === 'expired' ? messages.expiredLabel : status === 'expiring-soon' ? messages.expiringSoonLabel : messages.cardLabel, {
        method: name,
        expiry,
      })
    : method.accountType
      ? format(method.accountType === 'savings' ? messages.savingsLabel : messages.checkingLabel, { method: name })
      : name;
  if (method.isDefault) label = format(messages.defaultLabel, { label });
  return { method: name, label, brand, expiry, status };
}

/** What the element lends a row. */
export interface MethodRow {
  method: PaymentMethod;
  description: MethodDescription;
  messages: WalletMessages;
  /** Checkout mode: a radio, no per-method buttons. */
  picking: boolean;
  /** The method is the pick (checkout mode). */
  picked: boolean;
  /** Every control is disabled (the element's `disabled`, or a disabled fieldset). */
  disabled: boolean;
  /** A change is in flight: the buttons say they are unavailable but still explain why when pressed. */
  busy: boolean;
  /** What follows the summary: nothing (read only or checkout), the actions, or the removal confirmation. */
  controls: 'none' | 'actions' | 'confirm';
  onPick(event: Event): void;
  onMakeDefault(): void;
  onAskRemove(): void;
  onConfirmRemove(): void;
  onCancelRemove(): void;
}

function summary(row: MethodRow): TemplateResult {
  const { method, description, messages } = row;
  return html`<span class="summary">
    ${brandMark(method.brand)}
    <span class="text">
      <span class="line" aria-hidden="true">
        <span part="brand-name">${description.brand}</span>
        <span part="number">•••• ${method.last4}</span>
        ${method.isDefault ? html`<span part="badge default-badge" class="badge default">${messages.defaultBadge}</span>` : nothing}
        ${
          description.status === 'expired'
            ? html`<span part="badge expired-badge" class="badge expired">${messages.expiredBadge}</span>`
            : description.status === 'expiring-soon'
              ? html`<span part="badge expiring-badge" class="badge soon">${messages.expiringSoonBadge}</span>`
              : nothing
        }
      </span>
      <span class="line meta">
        ${
          description.expiry
            ? html`<span part="expiry" aria-hidden="true">${description.expiry}</span>`
            : method.accountType
              ? html`<span part="account-type" aria-hidden="true"
                  >${method.accountType === 'savings' ? messages.savings : messages.checking}</span
                >`
              : nothing
        }
        ${method.holderName ? html`<span part="holder">${method.holderName}</span>` : nothing}
      </span>
      ${
        method.removable === false && row.controls !== 'none'
          ? html`<span part="remove-blocked" class="meta"
              >${format(messages.removeBlockedNote, { reason: method.removeBlockedReason ?? '' })}</span
            >`
          : nothing
      }
    </span>
  </span>`;
}

function actions(row: MethodRow): TemplateResult {
  const { method, description, messages } = row;
  return html`<span class="actions">
    ${
      method.isDefault
        ? nothing
        : actionButton(
            row,
            'default-button',
            format(messages.makeDefaultLabel, { method: description.method }),
            messages.makeDefault,
            row.onMakeDefault,
          )
    }
    ${
      // The merchant's policy keeps this method: no button that can only fail; the row says why.
      method.removable === false
        ? nothing
        : actionButton(row, 'remove-button', format(messages.removeLabel, { method: description.method }), messages.remove, row.onAskRemove)
    }
  </span>`;
}

/** One of a row's buttons: named for the method it acts on, and only `aria-disabled` while a change is in flight. */
function actionButton(
  row: MethodRow,
  part: 'default-button' | 'remove-button',
  label: string,
  text: string,
  onClick: () => void,
): TemplateResult {
  return html`<button
    part="button ${part}"
    type="button"
    aria-label=${label}
    aria-disabled=${row.busy}
    ?disabled=${row.disabled}
    @click=${onClick}
  >
    ${text}
  </button>`;
}

function confirmation(row: MethodRow): TemplateResult {
  const { description, messages } = row;
  return html`<span
    part="confirm"
    class="confirm"
    role="group"
    aria-labelledby="question"
    @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && row.onCancelRemove()}
  >
    <span id="question">${format(messages.confirmRemove, { method: description.method })}</span>
    <button
      part="button confirm-button"
      class="danger"
      type="button"
      aria-disabled=${row.busy}
      ?disabled=${row.disabled}
      @click=${row.onConfirmRemove}
    >
      ${messages.confirm}
    </button>
    <button part="button cancel-button" type="button" @click=${row.onCancelRemove}>${messages.cancel}</button>
  </span>`;
}

/** One method as a list item. */
export function methodRow(row: MethodRow): TemplateResult {
  const { method, description, picking } = row;
  return html`<li part="method" role=${picking ? 'none' : nothing}>
    <div
      class="row"
      role=${picking ? nothing : 'group'}
      aria-label=${picking ? nothing : description.label}
      tabindex=${picking ? nothing : -1}
      data-id=${method.id}
    >
      ${
        picking
          ? html`<label class="pick">
              <input
                part="radio"
                type="radio"
                name="method"
                .value=${method.id}
                .checked=${row.picked}
                ?disabled=${row.disabled || description.status === 'expired'}
                aria-label=${description.label}
                @change=${row.onPick}
              />${summary(row)}
            </label>`
          : summary(row)
      }
      ${row.controls === 'actions' ? actions(row) : row.controls === 'confirm' ? confirmation(row) : nothing}
    </div>
  </li>`;
}
