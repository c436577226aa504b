import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { PaymentMethod } from '../../protocol/index.js';
import {
  EcryptDefaultChangedEvent,
  EcryptMethodRemovedEvent,
  EcryptMethodsLoadedEvent,
  EcryptRemoveRequestEvent,
  clean,
  type EcryptErrorEvent,
  type EcryptMethodAddedEvent,
  type EcryptOperation,
} from '../../events/wallet-events.js';
import { format } from '../../lib/format.js';
import { pickOf } from '../../lib/wallet-list.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { EcryptElement } from '../shared/ecrypt-element.js';
import { FormAssociated, type FormValidity } from '../shared/form-associated.js';
import { walletStyles } from './ecrypt-wallet.styles.js';
import { walletMessages, type WalletMessages } from './ecrypt-wallet.messages.js';
import { describeMethod, expiryOf, methodRow, type MethodDescription } from './ecrypt-wallet.row.js';
import { footer, loadFailure, skeleton } from './ecrypt-wallet.views.js';
import { WalletDataController } from './wallet-data.controller.js';
import { failureText } from './change-outcome.js';
import { isUnknownOutcomeCode } from '../../client/wallet-client.js';
import type { EcryptAddCard } from '../ecrypt-add-card/ecrypt-add-card.js';
import type { AddCardMessages } from '../ecrypt-add-card/ecrypt-add-card.messages.js';
import { customElement } from '../shared/define.js';

const REMOVE_BUTTON = '[part~="remove-button"]';

/** The wallet's keys that the add form also has, for another sentence: the wallet keeps its override of these to itself. */
const WALLET_ONLY = new Set<string>(['loading', 'makeDefault', 'signedOut']);

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
 * @cssprop [--ecrypt-focus-ring=0 0 0 2px var(--ecrypt-color-surface), 0 0 0 4px var(--ecrypt-color-accent)] - Box shadow of focused controls; keep it at 3:1 against the surface.
 *
 * @cssstate busy - A change is waiting for the backend (not set in Chromium before 125, which takes only `--` names).
 */
@customElement('ecrypt-wallet')
export class EcryptWallet extends FormAssociated(EcryptElement)<WalletMessages, WalletMessages & AddCardMessages> {
  static override styles = [sharedStyles, walletStyles];

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

  /** Shows the methods only: no make default, remove or add. */
  @property({ type: Boolean, reflect: true, attribute: 'readonly' }) readOnly = false;

  /** How many placeholder rows show while loading; set it to the number you expect to avoid any shift. */
  @property({ type: Number, attribute: 'skeleton-rows' }) skeletonRows = 2;

  /** The clock used for expiry badges and the add form's expiry check. */
  @property({ attribute: false }) now: () => Date = () => new Date();

  /** Where focus goes once the next render has committed (the control that held it may be gone). */
  #focusAfterRender?: () => void;

  /** The method whose removal is being confirmed. */
  @state() private _confirming?: string;
  /** The inline add form is open. */
  @state() private _adding = false;
  /** The visible failure of the last change. */
  @state() private _notice = '';
  /** The form was submitted without the pick it requires: the group says so until a method is picked. */
  @state() private _missing = '';

  constructor() {
    super();
    // The browser's bubble alone reaches no screen reader: the failure is also shown, tied to the group and announced.
    this.addEventListener('invalid', () => {
      this._missing = this.validationMessage;
      void this._announce(this._missing);
    });
  }

  /** The list, its load and the changes sent to the backend. */
  readonly #data = new WalletDataController(this, {
    endpoint: () => this.endpoint,
    onLoaded: methods => {
      this.#refocus(this.shadowRoot!.activeElement?.part.contains('skeleton'));
      this.dispatchEvent(new EcryptMethodsLoadedEvent(methods));
    },
    onLoadFailed: error => {
      // The failure replaces whatever held focus here.
      this.#refocus(true);
      this.#report('load', error, this._t.loadFailed, false);
    },
    onBusyChange: busy => this._toggleState('busy', busy),
  });

  /** The saved methods as currently shown (copies). */
  get methods(): PaymentMethod[] {
    return (this.#data.methods ?? []).map(clean);
  }

  /** Focuses the picked method in checkout mode, or else the first that can be picked; otherwise the first method or control. */
  override focus(options?: FocusOptions): void {
    const target =
      this.renderRoot.querySelector<HTMLElement>('input:checked:enabled') ??
      this.renderRoot.querySelector<HTMLElement>('[tabindex="-1"], :enabled');
    if (target) target.focus(options);
    else super.focus(options);
  }

  /** Loads the methods from the backend again. */
  refresh(): Promise<void> {
    this._notice = '';
    // Retry gives way to the loading state: focus follows to the skeleton, and from there to the outcome.
    this.#refocus(this.#data.loadFailed);
    return this.#data.reload();
  }

  /** Puts the pick back to the `value` attribute, or else the default method, when the form resets. */
  override formResetCallback(): void {
    this.value = this.getAttribute('value') ?? '';
  }

  /** Restores the pick the browser kept, after navigation or autofill. */
  override formStateRestoreCallback(state: string | File | FormData | null): void {
    if (typeof state === 'string') this.value = state;
  }

  protected override get _defaults(): WalletMessages {
    return walletMessages;
  }

  /** The picked method's id in checkout mode, once the list has loaded and holds a method that can be picked. */
  protected override _formValue(): string | null {
    return this.selectable && !this._effectivelyDisabled ? (this.#pick?.id ?? null) : null;
  }

  protected override _formValidity(): FormValidity {
    if (!this.selectable || this._effectivelyDisabled || !this.required || this._formValue() !== null) return { flags: {}, message: '' };
    const firstPickable = this.renderRoot.querySelector<HTMLElement>('input:enabled') ?? undefined;
    // "Choose" only when there is something to choose; an empty wallet needs a method added first.
    const message = firstPickable ? this._t.required : this._t.requiredNone;
    return { flags: { valueMissing: true }, message, anchor: firstPickable };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('endpoint')) {
      this._confirming = undefined;
      this._adding = false;
      this._notice = '';
    }
    if (this.#data.methods) this.value = this.#pick?.id ?? '';
    if (this._missing && !this._formValidity().flags.valueMissing) this._missing = '';
  }

  protected override render(): TemplateResult {
    return html`<div part="base" class="base">
      ${this.#data.render({
        initial: () => this.#skeleton(),
        pending: () => (this.#data.methods ? this.#content(this.#data.methods) : this.#skeleton()),
        complete: () => this.#content(this.#data.methods ?? []),
        error: () => loadFailure(this._t, this._effectivelyDisabled, () => this.refresh()),
      })}
      ${this._liveRegion()}
    </div>`;
  }

  #skeleton(): TemplateResult {
    return html`${skeleton(this.skeletonRows, this._t.loading)}${this.#footer(true)}`;
  }

  #content(methods: readonly PaymentMethod[]): TemplateResult {
    const messages = this._t;
    const picking = this.selectable;
    return html`${this._notice ? html`<p part="error" class="notice">${this._notice}</p>` : nothing}
    ${picking && this._missing ? html`<p id="missing" part="error" class="notice">${this._missing}</p>` : nothing}
    ${
      methods.length
        ? html`<ul
            part="list"
            class="rows"
            role=${picking ? 'radiogroup' : nothing}
            aria-label=${picking ? messages.pickLabel : messages.listLabel}
            aria-required=${picking && this.required ? 'true' : nothing}
            aria-invalid=${picking && this._missing ? 'true' : nothing}
            aria-describedby=${picking && this._missing ? 'missing' : nothing}
            aria-busy=${this.#data.busy || this.#data.loading ? 'true' : 'false'}
          >
            ${repeat(
              methods,
              method => method.id,
              method => this.#row(method),
            )}
          </ul>`
        : html`<div part="empty" class="empty"><slot name="empty">${messages.empty}</slot></div>`
    }
    ${this.#footer(false, methods.length >= this.#data.limit)}`;
  }

  #row(method: PaymentMethod): TemplateResult {
    const description = this.#describe(method);
    const picking = this.selectable;
    return methodRow({
      method,
      description,
      messages: this._t,
      picking,
      picked: method.id === this.value,
      disabled: this._effectivelyDisabled,
      busy: this.#data.busy,
      // Checkout is for picking: without per-method buttons the radio group stays one tab stop.
      controls: this.readOnly || picking ? 'none' : this._confirming === method.id ? 'confirm' : 'actions',
      onPick: this.#onPick,
      onMakeDefault: () => this.#makeDefault(method, description),
      onAskRemove: () => this.#askRemove(method),
      onConfirmRemove: () => this.#remove(method, description),
      onCancelRemove: () => this.#cancelRemove(method),
    });
  }

  #footer(loading: boolean, full = false): TemplateResult | typeof nothing {
    if (this.readOnly) return nothing;
    return footer({
      messages: this._t,
      addForm: this._adding
        ? html`<ecrypt-add-card
            part="add-form"
            endpoint=${this.endpoint}
            .now=${this.now}
            .messages=${this.#addFormMessages()}
            cancelable
            ?disabled=${this._effectivelyDisabled}
            @ecrypt-method-added=${this.#onAdded}
            @ecrypt-default-changed=${this.#onAddDefault}
            @ecrypt-cancel=${this.#closeAdd}
            @ecrypt-error=${this.#onAddFailed}
          ></ecrypt-add-card>`
        : undefined,
      disabled: this._effectivelyDisabled,
      unavailable: loading || full,
      fullAt: full ? new Intl.NumberFormat(this._locale).format(this.#data.limit) : undefined,
      locale: this._locale,
      onOpenAdd: () => this.#openAdd(),
    });
  }

  /** The merchant's overrides the add form takes: all but the wallet's own sentences of the same name. */
  #addFormMessages(): Partial<AddCardMessages> {
    return Object.fromEntries(Object.entries(this.messages).filter(([key]) => !WALLET_ONLY.has(key)));
  }

  /** The method `value` names when it can be picked, or else the default method when it can; none until the list has loaded. */
  get #pick(): PaymentMethod | undefined {
    const methods = this.#data.methods;
    return methods && pickOf(methods, this.value, method => this.#pickable(method));
  }

  #pickable(method: PaymentMethod): boolean {
    return expiryOf(method, this.now()) !== 'expired';
  }

  #describe(method: PaymentMethod): MethodDescription {
    return describeMethod(method, this._t, expiryOf(method, this.now()), this._locale);
  }

  /** Shows (unless only announced) and announces a failure, and fires `ecrypt-error`. */
  #report(operation: EcryptOperation, error: unknown, text: string, visible = true): void {
    if (visible) this._notice = text;
    void this._announce(text);
    this._report(operation, error);
  }

  /** Focuses a method (its radio when it can be picked), or the add button when there is none, as the next render commits. */
  async #focus(id: string | undefined, selector?: string): Promise<void> {
    this.#focusAfterRender = () => {
      const row = id === undefined ? null : this.renderRoot.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]`);
      const target = row
        ? ((selector ? row.querySelector<HTMLElement>(selector) : row.querySelector<HTMLElement>('input:enabled')) ?? row)
        : this.renderRoot.querySelector<HTMLElement>('[part~="add-button"], ecrypt-add-card');
      target?.focus();
    };
    this.requestUpdate();
    await this.updateComplete;
  }

  protected override update(changed: PropertyValues<this>): void {
    const hadFocus = Boolean(this.shadowRoot?.activeElement);
    super.update(changed);
    // Right after the commit, before any other task: focus never waits on the page for a promise to settle.
    const move = this.#focusAfterRender;
    this.#focusAfterRender = undefined;
    if (move) move();
    else if (hadFocus && !this.shadowRoot!.activeElement) this.focus();
  }

  /** When focus is in the wallet and `when` holds, focuses it again after the next render: the state that held focus is going. */
  #refocus(when?: boolean): void {
    if (when && this.shadowRoot!.activeElement) {
      this.#focusAfterRender = () => this.focus();
      this.requestUpdate();
    }
  }

  /** Fires `change` when a change of the list moved the pick; only a picker (checkout mode) has one to speak of. */
  #changed(valueBefore: string): void {
    if (this.selectable && this.value !== valueBefore) this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  #onPick = (event: Event): void => {
    // The form value follows at once (see FormAssociated), so a change listener reads the new pick from the form.
    this.value = (event.target as HTMLInputElement).value;
    this.dispatchEvent(new Event('change', { bubbles: true }));
  };

  /** Whether a change is in flight; then says why nothing happens. */
  #explainBusy(): boolean {
    if (this.#data.busy) void this._announce(this._t.busy);
    return this.#data.busy;
  }

  async #makeDefault(method: PaymentMethod, description: MethodDescription): Promise<void> {
    if (this.#explainBusy() || !this.#data.methods) return;
    const messages = this._t;
    this._notice = '';
    const change = this.#data.setDefault(method);
    // The button disappears with the change, so focus goes to the method itself.
    void this.#focus(method.id);
    const outcome = await change;
    if (outcome.status === 'saved') {
      void this._announce(format(messages.defaultChanged, { method: description.method }));
      this.dispatchEvent(new EcryptDefaultChangedEvent(outcome.method, outcome.wallet));
    } else if (outcome.status !== 'abandoned') {
      this.#report('set-default', outcome.error, failureText('set-default', outcome, messages, description.method));
      // A method no longer saved takes its row with it.
      if (outcome.status === 'gone') void this.#focus(this.#data.methods?.[0]?.id);
    }
  }

  #askRemove(method: PaymentMethod): void {
    if (this.#explainBusy()) return;
    this._notice = '';
    this._confirming = method.id;
    // The safe choice gets focus; the question is read as the group's name.
    void this.#focus(method.id, '[part~="cancel-button"]');
  }

  #cancelRemove(method: PaymentMethod): void {
    this._confirming = undefined;
    void this.#focus(method.id, REMOVE_BUTTON);
  }

  async #remove(method: PaymentMethod, description: MethodDescription): Promise<void> {
    const methods = this.#data.methods;
    if (this.#explainBusy() || !methods) return;
    const messages = this._t;
    this._confirming = undefined;
    if (!this.dispatchEvent(new EcryptRemoveRequestEvent(method))) {
      void this.#focus(method.id, REMOVE_BUTTON);
      return;
    }
    const valueBefore = this.value;
    const index = methods.findIndex(other => other.id === method.id);
    const change = this.#data.remove(method);
    const rest = this.#data.methods ?? [];
    void this.#focus((rest[index] ?? rest[index - 1])?.id);
    const outcome = await change;
    if (outcome.status === 'saved') {
      void this._announce(format(messages.removed, { method: description.method }));
      this.dispatchEvent(new EcryptMethodRemovedEvent(outcome.method));
      await this.updateComplete;
      this.#changed(valueBefore);
    } else if (outcome.status !== 'abandoned') {
      this.#report('remove', outcome.error, failureText('remove', outcome, messages, description.method));
      await this.updateComplete;
      this.#changed(valueBefore);
      void this.#focus(method.id, REMOVE_BUTTON);
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
    // As the add button goes: the form's loading state holds focus until its fields are there.
    this.#focusAfterRender = () => this.renderRoot.querySelector<EcryptAddCard>('ecrypt-add-card')?.focus();
    this._adding = true;
    await this.updateComplete;
    const addForm = this.renderRoot.querySelector<EcryptAddCard>('ecrypt-add-card');
    // The form's updateComplete waits for its config, so its fields are there once it resolves.
    await addForm?.updateComplete;
    if (addForm?.isConnected && (this.shadowRoot!.activeElement === addForm || !this.shadowRoot!.activeElement)) addForm.focus();
  }

  #closeAdd(): void {
    this._adding = false;
    void this.#focus(undefined);
  }

  async #onAdded(event: EcryptMethodAddedEvent): Promise<void> {
    // The event goes on to the page by itself (it is composed); this only updates the list.
    const added = event.method;
    const valueBefore = this.value;
    this.#data.add(added, event.wallet);
    this._adding = false;
    if (this.selectable && this.#pickable(added)) this.value = added.id;
    void this._announce(format(this._t.added, { method: this.#describe(added).method }));
    void this.#focus(added.id);
    await this.updateComplete;
    this.#changed(valueBefore);
  }

  #onAddFailed(event: EcryptErrorEvent): void {
    // A save whose outcome is unknown may have stored the method: the list shows what the backend holds.
    // (The form keeps its retry, which never stores twice.) A duplicate says the backend holds the card:
    // the list may lack it when an earlier save's answer was lost and the read after it failed too.
    if (event.operation === 'add' && (isUnknownOutcomeCode(event.code) || event.code === 'duplicate')) void this.#data.recheck();
  }

  #onAddDefault(event: EcryptDefaultChangedEvent): void {
    // The add form found a duplicate and made the saved one the default instead.
    const { id } = event.method;
    if (!this.#data.defaultChanged(id, event.wallet)) return;
    this._adding = false;
    // The form that said it is gone: the wallet shows and says the outcome.
    const method = this.#data.methods?.find(saved => saved.id === id) ?? event.method;
    void this._announce(format(this._t.defaultChanged, { method: this.#describe(method).method }));
    void this.#focus(id);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ecrypt-wallet': EcryptWallet;
  }
}
