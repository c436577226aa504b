import { html, nothing, type LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task, TaskStatus, initialState } from '@lit/task';
import type { PaymentMethod, WalletState } from '../../protocol/index.js';
import { WalletApiError, listMethods, removeMethod, setDefaultMethod } from '../../client/wallet-client.js';
import {
  EcryptDefaultChangedEvent,
  EcryptMethodRemovedEvent,
  EcryptMethodsLoadedEvent,
  EcryptRemoveRequestEvent,
  clean,
  type EcryptMethodAddedEvent,
  type EcryptOperation,
} from '../../events/wallet-events.js';
import { BRAND_NAMES } from '../../lib/brands.js';
import { expiryStatus, type ExpiryStatus } from '../../lib/expiry-status.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { brandMark } from './brand-mark.js';
import { walletStyles } from './ecrypt-wallet.styles.js';
import { walletMessages, type WalletMessages } from './ecrypt-wallet.messages.js';
import { format } from '../../lib/format.js';
import { EcryptElement } from '../shared/ecrypt-element.js';
import type { EcryptAddCard } from '../ecrypt-add-card/ecrypt-add-card.js';

/** What the template needs to say about one method. */
interface Described {
  /** "Visa ending in 4242". */
  method: string;
  /** The full accessible name: "Visa ending in 4242, expires 04/27, default". */
  label: string;
  brand: string;
  expiry: string;
  status?: ExpiryStatus;
}

/**
 * A shopper's saved payment methods (cards and US bank accounts), with make
 * default, remove and add, or a form-associated picker for checkout.
 *
 * @summary Saved payment methods: list, default, remove, add, and checkout selection.
 *
 * @fires ecrypt-methods-loaded - The methods arrived from the backend (first load or `refresh()`).
 * @fires ecrypt-default-changed - The backend confirmed a new default method.
 * @fires ecrypt-method-removed - The backend confirmed a removal.
 * @fires ecrypt-method-added - A method was saved through the inline add form (the form's own event, bubbling out).
 * @fires ecrypt-remove-request - The shopper confirmed a removal; cancel it to keep the method and send nothing.
 * @fires ecrypt-error - A load or change failed; the element has already shown and announced it.
 * @fires change - The picked method changed in checkout mode: the shopper picked another, or added one that became the pick.
 *
 * @slot empty - What to show when the wallet holds no method; a friendly sentence by default.
 *
 * @csspart base - The frame around everything.
 * @csspart list - The list (a radio group in checkout mode).
 * @csspart method - One saved method.
 * @csspart radio - The radio button of a method in checkout mode.
 * @csspart brand - The network's mark.
 * @csspart brand-name - The network's name.
 * @csspart number - The masked number, `•••• 4242`.
 * @csspart expiry - A card's expiry, `04/27`.
 * @csspart account-type - A bank account's type.
 * @csspart holder - The name on the card or account.
 * @csspart badge - Every badge.
 * @csspart default-badge - The "Default" badge.
 * @csspart expired-badge - The "Expired" badge.
 * @csspart expiring-badge - The "Expires soon" badge.
 * @csspart button - Every button.
 * @csspart default-button - The "Make default" button of a method.
 * @csspart remove-button - The "Remove" button of a method.
 * @csspart confirm - The inline removal confirmation.
 * @csspart confirm-button - The button that confirms a removal.
 * @csspart cancel-button - The button that keeps the method.
 * @csspart add-button - The "Add payment method" button.
 * @csspart add-form - The inline `<ecrypt-add-card>`.
 * @csspart limit - The note shown when the wallet is full.
 * @csspart empty - The empty state around the `empty` slot.
 * @csspart error - A failure message (loading or a change).
 * @csspart retry-button - The button that loads again after a failure.
 * @csspart skeleton - The placeholder shown while loading.
 *
 * @cssprop [--ecrypt-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Font of all text.
 * @cssprop [--ecrypt-font-size=1rem] - Base text size; everything else scales with it.
 * @cssprop [--ecrypt-radius=0.5rem] - Corner radius of the frame, rows and buttons.
 * @cssprop [--ecrypt-spacing=0.75rem] - Padding and gaps.
 * @cssprop [--ecrypt-color-accent=#2f5bd3] - Primary buttons, the default badge and the picked method (dark: #8fb0ff).
 * @cssprop [--ecrypt-color-on-accent=#ffffff] - Text on the accent color (dark: #0b1020).
 * @cssprop [--ecrypt-color-surface=#ffffff] - Background (dark: #161a22).
 * @cssprop [--ecrypt-color-surface-muted=#f3f4f6] - Hover, disabled and skeleton background (dark: #222834).
 * @cssprop [--ecrypt-color-text=#111827] - Text (dark: #eef1f6).
 * @cssprop [--ecrypt-color-text-muted=#4b5563] - Secondary text (dark: #b4bccb).
 * @cssprop [--ecrypt-color-border=#c9ced6] - Borders and dividers (dark: #4a5263).
 * @cssprop [--ecrypt-color-danger=#b42318] - Errors, the expired badge and the confirm button (dark: #ff9c92).
 * @cssprop [--ecrypt-color-warning=#8a4b00] - The "Expires soon" badge (dark: #ffc46b).
 * @cssprop [--ecrypt-focus-ring=0 0 0 3px color-mix(in srgb, var(--ecrypt-color-accent) 45%, transparent)] - Box shadow of focused controls.
 *
 * @cssstate busy - A change is waiting for the backend (not set in Chromium before 125, which takes only `--` names).
 */
@customElement('ecrypt-wallet')
export class EcryptWallet extends EcryptElement<WalletMessages> {
  static override styles = [sharedStyles, walletStyles];

  /** Lets the element take part in forms, as a native control does. */
  static formAssociated = true;

  /** The URL of the merchant backend's wallet endpoint, for example `/api/wallet`. */
  @property() endpoint = '';

  /** Shows the methods as a radio group whose pick is submitted with the form (checkout mode: no make default or remove). */
  @property({ type: Boolean, reflect: true }) selectable = false;

  /** The form field name under which the picked method's id is submitted. */
  @property({ reflect: true }) name = '';

  /** The id of the picked method; defaults to the default method when that one can be used, and is submitted only once it names a loaded method that can be picked. */
  @property() value = '';

  /** Makes a pick necessary for the form to submit (checkout mode). */
  @property({ type: Boolean, reflect: true }) required = false;

  /** Disables every control of the element and leaves it out of form submission. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Shows the methods only: no make default, remove or add. */
  @property({ type: Boolean, reflect: true, attribute: 'readonly' }) readOnly = false;

  /** How many placeholder rows show while loading; set it to the number you expect to avoid any shift. */
  @property({ type: Number, attribute: 'skeleton-rows' }) skeletonRows = 2;

  /** The clock used for expiry badges and the add form's expiry check. */
  @property({ attribute: false }) now: () => Date = () => new Date();

  /** The one copy of the list; mutations change it optimistically and undo exactly their own change on failure. */
  @state() private _methods?: PaymentMethod[];
  @state() private _limit = Infinity;
  @state() private _confirming?: string;
  @state() private _adding = false;
  @state() private _busy = false;
  @state() private _notice = '';
  @state() private _formDisabled = false;

  readonly #internals = this.attachInternals();
  /** How many lists the server has sent: a rollback never overrides one that arrived after its change began. */
  #takes = 0;
  /** The change in flight, aborted when the endpoint changes or the element leaves the page. */
  #change?: AbortController;
  /** A change was abandoned by leaving the page, so the list shown may not be the server's. */
  #abandoned = false;

  readonly #load = new Task(this, {
    task: async ([endpoint], { signal }) => {
      if (!endpoint) return initialState;
      for (;;) {
        const takes = this.#takes;
        // The client has checked that the answer carries a list.
        const wallet = await listMethods(endpoint, { signal });
        // A change answered while this list was on its way may be newer than it: ask again rather than undo it.
        if (this.#takes === takes) return wallet;
      }
    },
    args: () => [this.endpoint] as const,
    onComplete: (wallet: WalletState) => {
      this.#take(wallet);
      this.#refocus(this.shadowRoot!.activeElement?.part.contains('skeleton'));
      this.dispatchEvent(new EcryptMethodsLoadedEvent(this.methods));
    },
    onError: error => {
      // The failure replaces whatever held focus here.
      this.#refocus(true);
      this.#report('load', error, this._t.loadFailed, false);
    },
  });

  /** The saved methods as currently shown (copies). */
  get methods(): PaymentMethod[] {
    return (this._methods ?? []).map(clean);
  }

  /** The form the element belongs to, if any. */
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }

  /** The validity of the pick in checkout mode. */
  get validity(): ValidityState {
    return this.#internals.validity;
  }

  /** The message the browser shows when the pick is invalid. */
  get validationMessage(): string {
    return this.#internals.validationMessage;
  }

  /** Whether the pick takes part in form validation. */
  get willValidate(): boolean {
    return this.#internals.willValidate;
  }

  /** Focuses the picked method in checkout mode, or else the first that can be picked; otherwise the first method or control. */
  override focus(options?: FocusOptions): void {
    const target =
      this.renderRoot.querySelector<HTMLElement>('input:checked:enabled') ??
      this.renderRoot.querySelector<HTMLElement>('[tabindex="-1"], :enabled');
    if (target) target.focus(options);
    else super.focus(options);
  }

  /** Checks the pick and fires `invalid` when it fails. */
  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }

  /** Checks the pick and shows the browser's message when it fails. */
  reportValidity(): boolean {
    return this.#internals.reportValidity();
  }

  /** Loads the methods from the backend again. */
  refresh(): Promise<void> {
    this._notice = '';
    // Retry gives way to the loading state: focus follows to the skeleton, and from there to the outcome.
    this.#refocus(this.#load.status === TaskStatus.ERROR);
    return this.#load.run();
  }

  /** Puts the pick back to the `value` attribute, or else the default method, when the form resets. */
  formResetCallback(): void {
    this.value = this.getAttribute('value') ?? '';
  }

  /** Restores the pick the browser kept, after navigation or autofill. */
  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (typeof state === 'string') this.value = state;
  }

  /** Follows the disabled state of an enclosing fieldset. */
  formDisabledCallback(disabled: boolean): void {
    this._formDisabled = disabled;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#abandoned) {
      this.#abandoned = false;
      void this.refresh();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abandoned ||= this._busy;
    this.#stop();
  }

  protected override get _defaults(): WalletMessages {
    return walletMessages;
  }

  get #off(): boolean {
    return this.disabled || this._formDisabled;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('endpoint')) {
      this.#stop();
      this._methods = undefined;
      this._confirming = undefined;
      this._adding = false;
      this._notice = '';
    }
    const methods = this._methods;
    if (methods && !methods.some(m => m.id === this.value && this.#pickable(m))) {
      const fallback = methods.find(m => m.isDefault);
      this.value = fallback && this.#pickable(fallback) ? fallback.id : '';
    }
  }

  protected override updated(): void {
    const picking = this.selectable && !this.#off;
    // Only a method of the loaded list that can be picked counts: not while loading, after a failure or for an unknown id.
    const picked = picking && this._methods?.some(m => m.id === this.value && this.#pickable(m)) ? this.value : null;
    this.#internals.setFormValue(picked);
    if (picking && this.required && !picked) {
      this.#internals.setValidity(
        { valueMissing: true },
        this._t.required,
        this.renderRoot.querySelector<HTMLElement>('input:enabled') ?? undefined,
      );
    } else {
      this.#internals.setValidity({});
    }
  }

  protected override render(): TemplateResult {
    return html`<div part="base" class="base">
      ${this.#load.render({
        initial: () => this.#skeleton(),
        pending: () => (this._methods ? this.#content(this._methods) : this.#skeleton()),
        complete: () => this.#content(this._methods ?? []),
        error: () =>
          html`<div part="error" class="failed">
            <p>${this._t.loadFailed}</p>
            <button part="button retry-button" type="button" ?disabled=${this.#off} @click=${this.refresh}>${this._t.retry}</button>
          </div>`,
      })}
      ${this._liveRegion()}
    </div>`;
  }

  #skeleton(): TemplateResult {
    // Focusable, so that focus can wait here while a retry loads.
    return html`<div part="skeleton" role="progressbar" aria-label=${this._t.loading} tabindex="-1">
        <div class="rows">
          ${Array.from(
            { length: Math.max(0, this.skeletonRows) },
            () =>
              html`<div>
                <div class="row">
                  <span class="mark"></span><span class="text"><span class="bar"></span><span class="bar"></span></span>
                </div>
              </div>`,
          )}
        </div>
      </div>
      ${this.#footer(true)}`;
  }

  #content(methods: PaymentMethod[]): TemplateResult {
    const t = this._t;
    const picking = this.selectable;
    return html`${this._notice ? html`<p part="error" class="notice">${this._notice}</p>` : nothing}
    ${
      methods.length
        ? html`<ul
            part="list"
            class="rows"
            role=${picking ? 'radiogroup' : nothing}
            aria-label=${picking ? t.pickLabel : t.listLabel}
            aria-required=${picking && this.required ? 'true' : nothing}
            aria-busy=${this._busy || this.#load.status === TaskStatus.PENDING ? 'true' : 'false'}
          >
            ${methods.map(m => this.#row(m))}
          </ul>`
        : html`<div part="empty" class="empty"><slot name="empty">${t.empty}</slot></div>`
    }
    ${this.#footer(false, methods.length >= this._limit)}`;
  }

  #row(m: PaymentMethod): TemplateResult {
    const t = this._t;
    const d = this.#describe(m);
    const picking = this.selectable;
    const summary = html`<span class="summary">
      ${brandMark(m.brand)}
      <span class="text">
        <span class="line" aria-hidden="true">
          <span part="brand-name">${d.brand}</span>
          <span part="number">•••• ${m.last4}</span>
          ${m.isDefault ? html`<span part="badge default-badge" class="badge default">${t.defaultBadge}</span>` : nothing}
          ${
            d.status === 'expired'
              ? html`<span part="badge expired-badge" class="badge expired">${t.expiredBadge}</span>`
              : d.status === 'expiring-soon'
                ? html`<span part="badge expiring-badge" class="badge soon">${t.expiringSoonBadge}</span>`
                : nothing
          }
        </span>
        <span class="line meta">
          ${
            d.expiry
              ? html`<span part="expiry" aria-hidden="true">${d.expiry}</span>`
              : m.accountType
                ? html`<span part="account-type" aria-hidden="true">${m.accountType === 'savings' ? t.savings : t.checking}</span>`
                : nothing
          }
          ${m.holderName ? html`<span part="holder">${m.holderName}</span>` : nothing}
        </span>
      </span>
    </span>`;
    return html`<li part="method" role=${picking ? 'none' : nothing}>
      <div
        class="row"
        role=${picking ? nothing : 'group'}
        aria-label=${picking ? nothing : d.label}
        tabindex=${picking ? nothing : -1}
        data-id=${m.id}
      >
        ${
          picking
            ? html`<label class="pick">
                <input
                  part="radio"
                  type="radio"
                  name="method"
                  .value=${m.id}
                  .checked=${m.id === this.value}
                  ?disabled=${this.#off || d.status === 'expired'}
                  aria-label=${d.label}
                  @change=${this.#onPick}
                />${summary}
              </label>`
            : summary
        }
        ${
          // Checkout is for picking: without per-method buttons the radio group stays one tab stop.
          this.readOnly || picking ? nothing : this._confirming === m.id ? this.#confirm(m, d) : this.#actions(m, d)
        }
      </div>
    </li>`;
  }

  #actions(m: PaymentMethod, d: Described): TemplateResult {
    const t = this._t;
    return html`<span class="actions">
      ${
        m.isDefault
          ? nothing
          : html`<button
              part="button default-button"
              type="button"
              aria-label=${format(t.makeDefaultLabel, { method: d.method })}
              aria-disabled=${this._busy}
              ?disabled=${this.#off}
              @click=${() => this.#makeDefault(m, d)}
            >
              ${t.makeDefault}
            </button>`
      }
      <button
        part="button remove-button"
        type="button"
        aria-label=${format(t.removeLabel, { method: d.method })}
        aria-disabled=${this._busy}
        ?disabled=${this.#off}
        @click=${() => this.#askRemove(m)}
      >
        ${t.remove}
      </button>
    </span>`;
  }

  #confirm(m: PaymentMethod, d: Described): TemplateResult {
    const t = this._t;
    return html`<span
      part="confirm"
      class="confirm"
      role="group"
      aria-labelledby="question"
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.#cancelRemove(m)}
    >
      <span id="question">${format(t.confirmRemove, { method: d.method })}</span>
      <button
        part="button confirm-button"
        class="danger"
        type="button"
        aria-disabled=${this._busy}
        ?disabled=${this.#off}
        @click=${() => this.#remove(m, d)}
      >
        ${t.confirm}
      </button>
      <button part="button cancel-button" type="button" @click=${() => this.#cancelRemove(m)}>${t.cancel}</button>
    </span>`;
  }

  #footer(loading: boolean, full = false): TemplateResult | typeof nothing {
    if (this.readOnly) return nothing;
    const t = this._t;
    return html`<div class="footer">
      ${
        this._adding
          ? html`<ecrypt-add-card
              part="add-form"
              endpoint=${this.endpoint}
              .now=${this.now}
              cancelable
              ?disabled=${this.#off}
              @ecrypt-method-added=${this.#onAdded}
              @ecrypt-default-changed=${this.#onAddDefault}
              @ecrypt-cancel=${this.#closeAdd}
            ></ecrypt-add-card>`
          : html`<button
              part="button add-button"
              class="primary"
              type="button"
              ?disabled=${this.#off}
              aria-disabled=${loading || full ? 'true' : 'false'}
              aria-describedby=${full ? 'limit' : nothing}
              @click=${() => loading || full || this.#openAdd()}
            >
              ${t.add}
            </button>`
      }
      ${
        full
          ? html`<p id="limit" part="limit" class="limit">
              ${format(t.limitReached, { limit: new Intl.NumberFormat(this.#locale).format(this._limit) })}
            </p>`
          : nothing
      }
    </div>`;
  }

  get #locale(): string | undefined {
    return this.closest('[lang]')?.getAttribute('lang') || undefined;
  }

  #status(m: PaymentMethod): ExpiryStatus | undefined {
    if (m.kind !== 'card' || !m.expMonth || !m.expYear) return undefined;
    try {
      return expiryStatus(m.expMonth, m.expYear, this.now());
    } catch {
      // A month the backend should never send: show the card without an expiry rather than fail.
      return undefined;
    }
  }

  #pickable(m: PaymentMethod): boolean {
    return this.#status(m) !== 'expired';
  }

  #describe(m: PaymentMethod): Described {
    const t = this._t;
    // An unknown network string is shown as it came (as text), so the shopper still recognises it.
    const brand = Object.hasOwn(BRAND_NAMES, m.brand) ? BRAND_NAMES[m.brand] : String(m.brand);
    const method = format(t.method, { brand, last4: m.last4 });
    const status = this.#status(m);
    const two = new Intl.NumberFormat(this.#locale, { minimumIntegerDigits: 2, useGrouping: false });
    const expiry = status ? format(t.expiry, { month: two.format(m.expMonth!), year: two.format(m.expYear! % 100) }) : '';
    let label = status
      ? format(status === 'expired' ? t.expiredLabel : status === 'expiring-soon' ? t.expiringSoonLabel : t.cardLabel, { method, expiry })
      : m.accountType
        ? format(m.accountType === 'savings' ? t.savingsLabel : t.checkingLabel, { method })
        : method;
    if (m.isDefault) label = format(t.defaultLabel, { label });
    return { method, label, brand, expiry, status };
  }

  #take(wallet: WalletState): void {
    this.#takes++;
    this._methods = wallet.methods.map(clean);
    this._limit = wallet.limit;
  }

  /** Abandons the change in flight: its answer, rollback, events and focus would belong to a wallet no longer shown. */
  #stop(): void {
    this.#change?.abort();
    this.#setBusy(false);
  }

  #setBusy(busy: boolean): void {
    this._busy = busy;
    try {
      this.#internals.states[busy ? 'add' : 'delete']('busy');
    } catch {
      // Engines without custom states, or that take only `--` names (Chromium 90 to 124 throws), lose the styling, not the change.
    }
  }

  /** Shows (unless only announced) and announces a failure, and fires `ecrypt-error`. */
  #report(operation: EcryptOperation, error: unknown, text: string, visible = true): void {
    if (visible) this._notice = text;
    void this._announce(text);
    this._report(operation, error);
  }

  /** Focuses a method (its radio when it can be picked), or the add button when there is none. */
  async #focus(id: string | undefined, selector?: string): Promise<void> {
    await this.updateComplete;
    const row = id === undefined ? null : this.renderRoot.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]`);
    const target = row
      ? ((selector ? row.querySelector<HTMLElement>(selector) : row.querySelector<HTMLElement>('input:enabled')) ?? row)
      : this.renderRoot.querySelector<HTMLElement>('[part~="add-button"], ecrypt-add-card');
    target?.focus();
  }

  /** When focus is in the wallet and `when` holds, focuses it again after the next render: the state that held focus is going. */
  #refocus(when?: boolean): void {
    if (when && this.shadowRoot!.activeElement) {
      // The load's own update comes only after its callbacks; asking now makes updateComplete wait for that render.
      this.requestUpdate();
      void this.updateComplete.then(() => this.focus());
    }
  }

  /** Fires `change` when a change of the list moved the pick; only a picker (checkout mode) has one to speak of. */
  #changed(before: string): void {
    if (this.selectable && this.value !== before) this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  #onPick(event: Event): void {
    this.value = (event.target as HTMLInputElement).value;
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** Whether a change is in flight; then says why nothing happens. */
  #waiting(): boolean {
    if (this._busy) void this._announce(this._t.busy);
    return this._busy;
  }

  async #makeDefault(m: PaymentMethod, d: Described): Promise<void> {
    if (this.#waiting() || !this._methods) return;
    const t = this._t;
    const was = this._methods.find(x => x.isDefault)?.id;
    const takes = this.#takes;
    this._notice = '';
    this._methods = this._methods.map(x => ({ ...x, isDefault: x.id === m.id }));
    // The button disappears with the change, so focus goes to the method itself.
    void this.#focus(m.id);
    const { signal } = (this.#change = new AbortController());
    try {
      this.#setBusy(true);
      const wallet = await setDefaultMethod(this.endpoint, m.id, { signal });
      if (signal.aborted) return;
      this.#take(wallet);
      void this._announce(format(t.defaultChanged, { method: d.method }));
      this.dispatchEvent(new EcryptDefaultChangedEvent(wallet.methods.find(x => x.id === m.id) ?? { ...m, isDefault: true }));
    } catch (error) {
      if (signal.aborted) return;
      // Only the flags this change set go back, and only on the list as this change left it: a method added
      // meanwhile stays as it is, and a list the server sent meanwhile is newer than anything to go back to.
      const list = this._methods ?? [];
      const other = list.some(x => x.isDefault && x.id !== m.id && x.id !== was);
      if (this.#takes === takes)
        this._methods = list.map(x => (x.id === m.id || x.id === was ? { ...x, isDefault: x.id === was && !other } : x));
      this.#report('set-default', error, format(t.defaultFailed, { method: d.method }));
    } finally {
      if (!signal.aborted) this.#setBusy(false);
    }
  }

  #askRemove(m: PaymentMethod): void {
    if (this.#waiting()) return;
    this._notice = '';
    this._confirming = m.id;
    // The safe choice gets focus; the question is read as the group's name.
    void this.#focus(m.id, '[part~="cancel-button"]');
  }

  #cancelRemove(m: PaymentMethod): void {
    this._confirming = undefined;
    void this.#focus(m.id, '[part~="remove-button"]');
  }

  async #remove(m: PaymentMethod, d: Described): Promise<void> {
    if (this.#waiting() || !this._methods) return;
    const t = this._t;
    this._confirming = undefined;
    if (!this.dispatchEvent(new EcryptRemoveRequestEvent(m))) {
      void this.#focus(m.id, '[part~="remove-button"]');
      return;
    }
    const before = this._methods;
    const value = this.value;
    const index = before.findIndex(x => x.id === m.id);
    const rest = before.filter(x => x.id !== m.id);
    const takes = this.#takes;
    this._methods = rest;
    void this.#focus((rest[index] ?? rest[index - 1])?.id);
    const { signal } = (this.#change = new AbortController());
    try {
      this.#setBusy(true);
      const wallet = await removeMethod(this.endpoint, m.id, { signal });
      if (signal.aborted) return;
      this.#take(wallet);
      void this._announce(format(t.removed, { method: d.method }));
      this.dispatchEvent(new EcryptMethodRemovedEvent(m));
      await this.updateComplete;
      this.#changed(value);
    } catch (error) {
      if (signal.aborted) return;
      // Only the removed method goes back, where it was, and no longer the default if another became it (an add
      // meanwhile stays). A list the server sent meanwhile says where things stand, so then nothing goes back.
      const list = this._methods ?? [];
      if (this.#takes === takes && !list.some(x => x.id === m.id))
        this._methods = [
          ...list.slice(0, index),
          { ...before[index]!, isDefault: before[index]!.isDefault && !list.some(x => x.isDefault) },
          ...list.slice(index),
        ];
      this.value = value;
      const reason = error instanceof WalletApiError && error.code === 'remove_blocked' ? error.details.reason : undefined;
      this.#report('remove', error, format(reason ? t.removeBlocked : t.removeFailed, { method: d.method, reason: reason ?? '' }));
      void this.#focus(m.id, '[part~="remove-button"]');
    } finally {
      if (!signal.aborted) this.#setBusy(false);
    }
  }

  async #openAdd(): Promise<void> {
    this._notice = '';
    try {
      await import('../ecrypt-add-card/ecrypt-add-card.js');
    } catch (error) {
      this.#report('add', error, this._t.addUnavailable);
      return;
    }
    this._adding = true;
    await this.updateComplete;
    const form = this.renderRoot.querySelector<LitElement>('ecrypt-add-card');
    // The form shows its fields once its own config has loaded; focus waits for them (about five seconds at most).
    for (let frame = 0; frame < 300 && this._adding && !form?.shadowRoot?.querySelector('input'); frame++) {
      await new Promise(requestAnimationFrame);
    }
    if (this._adding) form?.focus();
  }

  #closeAdd(): void {
    this._adding = false;
    void this.#focus(undefined);
  }

  async #onAdded(event: EcryptMethodAddedEvent): Promise<void> {
    // The event goes on to the page by itself (it is composed); this only updates the list.
    const added = event.method;
    const { wallet } = event.currentTarget as EcryptAddCard;
    const value = this.value;
    // The server's answer, in its order; without one, the method joins the list as it stands.
    if (wallet) this.#take(wallet);
    else
      this._methods = [
        ...(this._methods ?? []).filter(x => x.id !== added.id).map(x => (added.isDefault && x.isDefault ? { ...x, isDefault: false } : x)),
        added,
      ];
    this._adding = false;
    if (this.selectable && this.#pickable(added)) this.value = added.id;
    void this._announce(format(this._t.added, { method: this.#describe(added).method }));
    void this.#focus(added.id);
    await this.updateComplete;
    this.#changed(value);
  }

  #onAddDefault(event: EcryptDefaultChangedEvent): void {
    // The add form found a duplicate and made the saved one the default instead.
    const id = event.method.id;
    const { wallet } = event.currentTarget as EcryptAddCard;
    if (wallet) this.#take(wallet);
    else if (this._methods) this._methods = this._methods.map(x => (x.isDefault !== (x.id === id) ? { ...x, isDefault: x.id === id } : x));
    else return;
    this._adding = false;
    void this.#focus(id);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ecrypt-wallet': EcryptWallet;
  }
}
