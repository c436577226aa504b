import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus, initialState } from '@lit/task';
import type { MethodKind, WalletConfig, WalletState } from '../../protocol/index.js';
import { getConfig } from '../../client/wallet-client.js';
import type { Tokenizer } from '../../client/tokenizer.js';
import { EcryptCancelEvent, EcryptDefaultChangedEvent, EcryptMethodAddedEvent, type EcryptOperation } from '../../events/wallet-events.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { cardRules, detectBrand, type CardBrand } from '../../lib/card-brand.js';
import { digitsOnly } from '../../lib/card-number.js';
import { addCardStyles } from './ecrypt-add-card.styles.js';
import { addCardMessages, brandKey, type AddCardMessages } from './ecrypt-add-card.messages.js';
import { EcryptElement } from '../shared/ecrypt-element.js';
import { customElement } from '../shared/define.js';
import * as card from './ecrypt-add-card.card.js';
import type { FieldMode } from './ecrypt-add-card.card.js';
import type { BankField } from './ecrypt-add-card.bank.js';
import type { Notice } from './ecrypt-add-card.outcome.js';
import { ChunkTask, defaultLoaders, type AddCardLoaders } from './ecrypt-add-card.loaders.js';
import { FormattedInputController, cardNumberFormat, digitsFormat, expiryFormat } from './formatted-input.controller.js';
import { fixErrorsKey } from './validation-policy.js';
import { FieldErrorsController } from './field-errors.controller.js';
import * as view from './ecrypt-add-card.view.js';
import { billingAddressOf } from './save-attempt.js';
import { SaveController } from './save.controller.js';

export type { FieldMode } from './ecrypt-add-card.card.js';
export type { AddCardLoaders } from './ecrypt-add-card.loaders.js';

type Field = card.CardField | BankField;
type MessageKey = keyof AddCardMessages;

/** The formatted (numeric) inputs, by id; the text fields are left as typed. */
const FORMATS = { number: cardNumberFormat, expiry: expiryFormat, cvc: digitsFormat, routing: digitsFormat, account: digitsFormat };

const kindsConverter = {
  fromAttribute: (value: string | null): MethodKind[] | undefined =>
    value === null ? undefined : value.split(/[\s,]+/).filter((kind): kind is MethodKind => kind === 'card' || kind === 'bank'),
};

/**
 * A card and US bank account entry form that tokenizes in the browser and saves
 * the token to the merchant backend. Its `updateComplete` waits for the form's
 * configuration as well as the render, so a host can `await form.updateComplete` and
 * then `focus()` the first field.
 *
 * @summary Adds a card or bank account to the shopper's eCrypt wallet.
 *
 * @fires ecrypt-method-added - The backend saved the method; carries the saved `PaymentMethod` and the wallet the backend answered.
 * @fires ecrypt-default-changed - After "Make it default" on a duplicate, the existing method became the default; carries it and the wallet the backend answered.
 * @fires ecrypt-cancel - The shopper pressed Cancel (or Escape) in a cancelable form.
 * @fires ecrypt-error - Loading, tokenizing or saving failed; already shown and announced.
 *
 * @csspart form - The form.
 * @csspart tabs - The card / bank account choice (a radio group).
 * @csspart tab - One choice in it.
 * @csspart field - A label, input, hint and error group.
 * @csspart label - A field label.
 * @csspart input - A text input.
 * @csspart hint - A field hint.
 * @csspart brand - The detected card network badge.
 * @csspart error - A field error, the form-level error and the load error.
 * @csspart notice - The form-level error box with its actions.
 * @csspart held - The masked card or account kept for a retry once it is tokenized.
 * @csspart change-button - "Change card" in it: discards the token and brings back empty fields.
 * @csspart default - The "Make this my default" checkbox label.
 * @csspart submit-button - The save button.
 * @csspart cancel-button - The cancel button.
 * @csspart default-button - "Make it default" after a duplicate.
 * @csspart retry-button - Retry after the form failed to load.
 *
 * @cssprop [--ecrypt-color-accent=#2f5bd3] - Submit button and selected choice.
 * @cssprop [--ecrypt-color-on-accent=#ffffff] - Text on the submit button.
 * @cssprop [--ecrypt-color-surface=#ffffff] - Input background.
 * @cssprop [--ecrypt-color-surface-muted=#f3f4f6] - Error box background.
 * @cssprop [--ecrypt-color-text=#111827] - Text.
 * @cssprop [--ecrypt-color-text-muted=#4b5563] - Hints.
 * @cssprop [--ecrypt-color-border=#c9ced6] - Input borders.
 * @cssprop [--ecrypt-color-danger=#b42318] - Errors.
 * @cssprop [--ecrypt-radius=0.5rem] - Corner radius.
 * @cssprop [--ecrypt-spacing=0.75rem] - Base spacing.
 * @cssprop [--ecrypt-font-family=system-ui] - Font.
 * @cssprop [--ecrypt-add-card-field-gap=var(--ecrypt-spacing)] - Space between fields.
 * @cssprop [--ecrypt-add-card-input-height=2.75rem] - Height of inputs and buttons.
 */
@customElement('ecrypt-add-card')
export class EcryptAddCard extends EcryptElement<AddCardMessages> {
  static override styles = [sharedStyles, addCardStyles];

  /** The base URL of the merchant backend's wallet endpoint. */
  @property() endpoint = '';

  /** The eCrypt public key; overrides the one from the backend's `/config`. */
  @property({ attribute: 'public-key' }) publicKey = '';

  /** The eCrypt gateway URL; overrides the one from the backend's `/config`. */
  @property({ attribute: 'gateway-url' }) gatewayUrl = '';

  /** Restricts the kinds offered (`card`, `bank`, space separated) to those the backend also allows. */
  @property({ converter: kindsConverter }) kinds?: MethodKind[];

  /** Whether the billing postal code is required, optional or hidden. */
  @property({ attribute: 'postal-code' }) postalCode: FieldMode = 'required';

  /** Whether the name on card is required, optional or hidden. */
  @property({ attribute: 'cardholder-name' }) cardholderName: FieldMode = 'optional';

  /** Whether the card security code is required, optional or hidden. */
  @property({ attribute: 'security-code' }) securityCode: FieldMode = 'required';

  /** The initial state of "Make this my default". */
  @property({ type: Boolean, attribute: 'default-checked' }) defaultChecked = false;

  /** Shows a Cancel button that fires `ecrypt-cancel`. */
  @property({ type: Boolean }) cancelable = false;

  /** Disables the whole form. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Replaces the direct call to the gateway's `/v1/tokens`, e.g. with hosted fields. */
  @property({ attribute: false }) tokenizer?: Tokenizer;

  /** The clock used to check expiry dates. */
  @property({ attribute: false }) now: () => Date = () => new Date();

  /** Loads each lazy chunk (gateway tokenizer, outcome wording, bank account fields) when first needed; a page may load them from elsewhere. */
  @property({ attribute: false }) loaders: AddCardLoaders = defaultLoaders;

  @state() private _kind: MethodKind = 'card';
  @state() private _brand: CardBrand | 'unknown' = 'unknown';
  @state() private _notice?: Notice;
  /** "Make this my default" as the shopper last set it for a new attempt; a held attempt shows its own. */
  @state() private _makeDefault?: boolean;

  readonly #errors = new FieldErrorsController<Field>(this, {
    read: field => this.#value(field),
    validate: field => this.#validate(field),
  });
  readonly #formatting = new FormattedInputController(this, FORMATS, event => this.#onEdited(event));
  readonly #tokenizerChunk = new ChunkTask(this, () => this.loaders.tokenizer());
  readonly #outcomeChunk = new ChunkTask(this, () => this.loaders.outcome());
  readonly #bankChunk = new ChunkTask(this, () => this.loaders.bank());
  readonly #save = new SaveController(this, {
    endpoint: () => this.endpoint,
    prepare: () => this.#outcomeChunk.load(),
    tokenizer: async () => {
      const { gatewayUrl = '', publicKey = '' } = this.#config.value ?? {};
      return this.tokenizer ?? (await this.#tokenizerChunk.load()).createGatewayTokenizer({ gatewayUrl, publicKey });
    },
    tokenRequest: kind => {
      const bank = this.#bankChunk.loaded;
      return bank && kind === 'bank' ? bank.tokenRequest(this.renderRoot, digitsOnly) : card.tokenRequest(this.renderRoot);
    },
    brand: kind => (kind === 'bank' ? 'ach' : this._brand),
    details: kind => ({
      makeDefault: this.#input('default')?.checked ?? false,
      ...billingAddressOf(this.#value(kind === 'bank' ? 'holder' : 'name'), kind === 'card' ? this.#value('postal') : ''),
    }),
    tokenized: () => this.#clearNumbers(),
  });

  readonly #config = new Task(this, {
    task: async ([endpoint, publicKey, gatewayUrl], { signal }): Promise<Partial<WalletConfig> | typeof initialState> => {
      if (publicKey && gatewayUrl) return { publicKey, gatewayUrl };
      if (!endpoint) return initialState;
      void this._announce(this._text('loading'));
      try {
        const config = await getConfig(endpoint, { signal });
        // Fetched ahead, so that choosing "Bank account" shows its fields at once; a backend may leave `kinds` out.
        if ((config as Partial<WalletConfig>).kinds?.includes('bank')) this.#bankChunk.warm();
        return { ...config, publicKey: publicKey || config.publicKey, gatewayUrl: gatewayUrl || config.gatewayUrl };
      } catch (error) {
        if (!signal.aborted) this._report('config', error);
        throw error;
      }
    },
    args: () => [this.endpoint, this.publicKey, this.gatewayUrl] as const,
  });

  protected override get _defaults(): AddCardMessages {
    return { ...addCardMessages, ...this.#bankChunk.loaded?.messages, ...this.#outcomeChunk.loaded?.messages } as AddCardMessages;
  }

  /** Resolves once the form has rendered with its configuration loaded (or failed to load), not merely rendered. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.#config.status === TaskStatus.PENDING) {
      await this.#config.taskComplete.catch(() => undefined);
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  /** Focuses the first field of the chosen kind; while the form loads or after it failed to, the loading state or Try again. */
  override focus(options?: FocusOptions): void {
    // Focused as it is put on the page (the wallet opening it): render now, so that the loading state takes focus at once.
    if (!this.hasUpdated && this.isConnected) this.performUpdate();
    const target =
      this.#input(this._kind === 'bank' ? 'holder' : 'number') ??
      this.renderRoot.querySelector<HTMLElement>('[part~="loading"], [part~="retry-button"]');
    if (target) target.focus(options);
    else super.focus(options);
  }

  /**
   * The saved methods and limit as the backend answered this form's last save (or the
   * duplicate it made the default). The events carry the same; this stays for hosts that
   * read it, until `reset()` (which Cancel also calls) or a change of `endpoint`.
   */
  get wallet(): WalletState | undefined {
    return this.#save.wallet;
  }

  /** Clears every field, error and pending retry, and `wallet`. */
  reset(): void {
    this.#save.forgetWallet();
    this.#clear();
  }

  /** Validates, tokenizes and saves; does nothing while a save is pending. */
  async submit(): Promise<void> {
    const config = this.#config.value;
    if (this.#save.pending || this.disabled || !config?.publicKey || !config.gatewayUrl) return;
    const kind = this.#activeKind(config);
    const bank = this.#bankChunk.loaded;
    // Nothing to validate or send before the bank account fields are there; say why nothing happens.
    if (kind === 'bank' && !bank)
      return this._announce(this._text(this.#bankChunk.status === TaskStatus.ERROR ? 'configError' : 'loading'));
    this._notice = undefined;
    // A tokenized attempt is resent exactly as it was: there is nothing left to check.
    const invalid = this.#save.attempts.get(kind)?.body ? [] : this.#errors.submit(this.#fields(kind));
    if (invalid.length) {
      void this._announce(this._text(fixErrorsKey(invalid.length), { count: invalid.length }));
      await this.updateComplete;
      this.#input(invalid[0]!)?.focus();
      return;
    }

    await this.#save.save(kind, outcome => {
      if ('saved' in outcome) {
        const { method } = outcome.saved;
        this.#clear(kind);
        void this._announce(this._text(method.kind === 'bank' ? 'savedBank' : 'savedCard', this.#named(method)));
        this.dispatchEvent(new EcryptMethodAddedEvent(method, this.#save.wallet));
      } else this.#fail(outcome.failed, outcome.error, kind, config.limit);
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another endpoint's list is not this one's.
    if (changed.has('endpoint')) this.#save.forgetWallet();
    if (changed.has('endpoint') || changed.has('publicKey') || changed.has('gatewayUrl')) this.#save.attempts.forget();
  }

  protected override update(changed: PropertyValues<this>): void {
    const hadFocus = Boolean(this.shadowRoot?.activeElement);
    super.update(changed);
    // The state that held focus (loading, Try again, a held card's button) is gone: focus moves to what replaced it, never to the page.
    if (hadFocus && !this.shadowRoot!.activeElement) this.focus();
  }

  protected override render(): unknown {
    // The live region stays across every state, so that what it says is heard.
    return html`${this.#config.render({
      initial: () => this.#renderLoading(),
      pending: () => this.#renderLoading(),
      error: () => this.#renderLoadError(() => this.#config.run(), this.cancelable),
      complete: config => this.#renderForm(config),
    })}${this._liveRegion()}`;
  }

  #renderLoading(): TemplateResult {
    return view.loading(this._text('loading'));
  }

  /** The failure with Try again; with Cancel (and Escape) too when the form could not be shown at all. */
  #renderLoadError(retry: () => unknown, cancelable = false): TemplateResult {
    return view.loadError({
      text: this._text('configError'),
      retryLabel: this._text('retry'),
      onRetry: retry,
      cancel: cancelable ? { label: this._text('cancel'), onCancel: this.#onCancel } : undefined,
    });
  }

  #renderForm(config: Partial<WalletConfig>): TemplateResult {
    const kinds = this.#kinds(config);
    const kind = this.#activeKind(config);
    const pending = this.#save.pending;
    const attempt = this.#save.attempts.get(kind);
    const held = attempt?.held;
    const notice = this._notice;
    const existing = notice?.existingMethodId;
    return html`
      <form part="form" novalidate aria-busy=${pending ? 'true' : 'false'} @submit=${this.#onSubmit} @keydown=${this.#onKeydown}>
        <fieldset ?disabled=${this.disabled}>
          ${
            kinds.length > 1
              ? view.kindChoice({
                  legend: this._text('kindLegend'),
                  options: kinds.map(option => ({ kind: option, label: this._text(option === 'card' ? 'kindCard' : 'kindBank') })),
                  chosen: kind,
                  onChange: this.#onKind,
                })
              : nothing
          }
          <div class="fields" data-kind="card" ?hidden=${kind !== 'card' || !!held}>
            ${kinds.includes('card') ? card.render(this.#cardForm()) : nothing}
          </div>
          <div class="fields" data-kind="bank" ?hidden=${kind !== 'bank' || !!held}>
            ${kinds.includes('bank') ? this.#renderBank(kind) : nothing}
          </div>
          ${
            held
              ? view.heldMethod({
                  text: this._text('held', this.#named(held)),
                  changeLabel: this._text(kind === 'bank' ? 'changeBank' : 'changeCard'),
                  disabled: pending,
                  onChange: this.#onChangeHeld,
                })
              : nothing
          }
          <label part="default" class="default">
            <input
              type="checkbox"
              id="default"
              name="default"
              .checked=${attempt?.body?.makeDefault ?? this._makeDefault ?? this.defaultChecked}
              ?disabled=${!!held}
              @change=${this.#onDefault}
            />
            ${this._text('makeDefault')}
          </label>
          ${
            notice
              ? view.notice({
                  text: this._text(notice.key, notice.values),
                  action: existing ? { label: this._text('makeItDefault'), onClick: () => this.#makeExistingDefault(existing) } : undefined,
                })
              : nothing
          }
          <div class="actions">
            <button part="submit-button" class="submit" type="submit" aria-disabled=${pending ? 'true' : 'false'}>
              ${pending ? html`<span class="spinner" aria-hidden="true"></span>${this._text('saving')}` : this._text(kind === 'bank' ? 'saveBank' : 'saveCard')}
            </button>
            ${
              this.cancelable
                ? html`<button part="cancel-button" type="button" ?disabled=${pending} @click=${this.#onCancel}>
                    ${this._text('cancel')}
                  </button>`
                : nothing
            }
          </div>
        </fieldset>
      </form>
    `;
  }

  /** The bank account fields; while their module loads, a placeholder, or an error with retry if it failed. */
  #renderBank(kind: MethodKind): unknown {
    const placeholder = () => (kind === 'bank' ? this.#renderLoading() : nothing);
    return this.#bankChunk.render({
      initial: placeholder,
      pending: placeholder,
      complete: bank => bank.render({ field: (...args) => this.#field(...args), t: this._t, onEdit: this.#onEdited }),
      error: () => (kind === 'bank' ? this.#renderLoadError(() => this.#bankChunk.warm()) : nothing),
    });
  }

  #cardForm(): card.CardForm {
    const { securityCode, cardholderName, postalCode } = this;
    const brand = this._brand;
    const brandName = brand === 'unknown' ? undefined : this._text(brandKey(brand));
    return { securityCode, cardholderName, postalCode, brand, brandName, field: (...args) => this.#field(...args) };
  }

  /** One field of either kind in the form's words, bound to the caret pipeline and the validation policy. */
  #field(
    name: Field,
    label: MessageKey,
    autocomplete: AutoFill,
    options: { hint?: MessageKey; half?: boolean; text?: boolean; maxDigits?: number; required?: boolean; brand?: string } = {},
  ): TemplateResult {
    const error = this.#errors.of(name);
    return view.field({
      ...options,
      name,
      autocomplete,
      label: this._text(label),
      hint: options.hint && this._text(options.hint),
      error: error && this._text(error, { length: cardRules(this._brand).cvcLength }),
      readonly: this.#save.pending,
      onBeforeInput: this.#formatting.onBeforeInput,
      onInput: this.#formatting.onInput,
      onBlur: this.#onBlur,
    });
  }

  #onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    void this.submit();
  };

  #onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.cancelable && !this.#save.pending) this.#onCancel();
  };

  #onKind = (event: Event) => {
    this._kind = (event.target as HTMLInputElement).value as MethodKind;
    this._notice = undefined;
    if (this._kind === 'bank') this.#bankChunk.warm();
  };

  #onCancel = () => {
    this.reset();
    this.dispatchEvent(new EcryptCancelEvent());
  };

  /** Discards the token held for a retry and brings back the empty fields; another kind's held retry stays. */
  #onChangeHeld = async () => {
    this.#clear(this.#shownKind());
    await this.updateComplete;
    this.focus();
  };

  #onDefault = (event: Event) => {
    this._makeDefault = (event.target as HTMLInputElement).checked;
    this.#onEdited(event);
  };

  #onBlur = (event: FocusEvent) => this.#errors.check((event.target as HTMLInputElement).id as Field, 'blur');

  /** Any edit makes the details differ from a tokenized attempt of its kind, except retyping the security code. */
  #onEdited = (event: Event) => {
    if (!this.tokenizer) this.#tokenizerChunk.warm();
    this.#outcomeChunk.warm();
    const input = event.target as HTMLInputElement;
    const field = input.id as Field;
    const kind = input.closest<HTMLElement>('[data-kind]')?.dataset.kind as MethodKind | undefined;
    if (kind && field !== 'cvc') this.#save.attempts.forget(kind);
    if (this._notice && !this._notice.existingMethodId) this._notice = undefined;
    this.#errors.check(field, 'edit');
    if (field === 'number') {
      this._brand = detectBrand(digitsOnly(input.value));
      // The security code's length follows the network.
      this.#errors.check('cvc', 'edit');
    }
  };

  /** The message for what is wrong with a field, read from its input right now. */
  #validate(field: Field): MessageKey | undefined {
    const value = this.#value(field);
    if (field === 'holder' || field === 'routing' || field === 'account')
      return this.#bankChunk.loaded?.validate(field, value, digitsOnly(value));
    return card.validate(field, value, this.#cardCheck());
  }

  #cardCheck(): card.CardCheck {
    const { securityCode, cardholderName, postalCode } = this;
    return { securityCode, cardholderName, postalCode, now: this.now(), number: this.#value('number') };
  }

  /** Once a token exists the raw numbers leave the inputs; the shopper sees the masked account instead. */
  #clearNumbers(): void {
    for (const field of ['number', 'cvc', 'routing', 'account'] as const) {
      const input = this.#input(field);
      if (input) input.value = '';
    }
    // Nor does the copy kept to undo an edit outlive them, nor the network read from the number.
    this.#formatting.forget();
    this._brand = 'unknown';
    // Focus in a field about to hide or on the checkbox about to be disabled (Enter there submits) would
    // drop to the page: it goes to Save, where Enter retries.
    if (this.renderRoot.querySelector(':focus'))
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.submit')?.focus());
  }

  /** Clears every field and error, and the pending retry of `kind` only, or of every kind; `wallet` stays. */
  #clear(kind?: MethodKind): void {
    for (const input of this.renderRoot.querySelectorAll<HTMLInputElement>('input[type=text]')) input.value = '';
    const makeDefault = this.#input('default');
    if (makeDefault) makeDefault.checked = this.defaultChecked;
    this.#bankChunk.loaded?.reset(this.renderRoot);
    this.#formatting.forget();
    this.#errors.clear();
    this.#save.attempts.forget(kind);
    this._makeDefault = undefined;
    this._brand = 'unknown';
    this._notice = undefined;
  }

  #fail(operation: EcryptOperation, error: unknown, kind: MethodKind, limit: number | undefined): void {
    const cvc = this.#input('cvc');
    if (cvc) cvc.value = '';
    this._report(operation, error);
    const failure = this.#outcomeChunk.loaded?.describeFailure(operation, error, kind, limit, this.#bankChunk.loaded?.gatewayFields);
    // Without the outcome module nothing was sent: the form could not be loaded whole.
    if (!failure) return this.#say({ key: 'configError' });
    this.#save.attempts.failed(kind, operation, failure.retriable);
    const [field, rejected] = (failure.field ?? []) as [Field?, MessageKey?];
    if (field && rejected && this.#fields(kind).includes(field)) {
      this.#errors.reject(field, rejected);
      void this._announce(this._text(rejected));
      void this.updateComplete.then(() => this.#input(field)?.focus());
      return;
    }
    this.#say(this.#namedDuplicate(failure.notice));
  }

  /**
   * A duplicate named as the wallet holds it, and, when it already is the default, said so
   * instead of offering to make it one; as it is when the wallet could not be read.
   */
  #namedDuplicate(notice: Notice): Notice {
    const id = notice.existingMethodId;
    const existing = id ? this.#save.wallet?.methods.find(method => method.id === id) : undefined;
    if (!existing) return notice;
    return existing.isDefault
      ? { key: 'duplicateIsDefault', values: this.#named(existing) }
      : { key: 'duplicateNamed', values: this.#named(existing), existingMethodId: existing.id };
  }

  /** Shows and announces a form-level outcome. */
  #say(notice: Notice): void {
    this._notice = notice;
    void this._announce(this._text(notice.key, notice.values));
  }

  #makeExistingDefault(id: string): Promise<void> {
    return this.#save.makeDefault(id, outcome => {
      if ('error' in outcome) {
        this._report('set-default', outcome.error);
        return this.#say({ key: 'makeDefaultFailed' });
      }
      const method = outcome.wallet.methods.find(candidate => candidate.id === id);
      this.#clear(this.#shownKind());
      if (method) {
        void this._announce(this._text('madeDefault', this.#named(method)));
        this.dispatchEvent(new EcryptDefaultChangedEvent(method, outcome.wallet));
      }
    });
  }

  /** The placeholders naming a method: its network (or "Bank account") in the form's words, and its last four digits. */
  #named(method: { brand: string; last4: string }): { brand: string; last4: string } {
    return { brand: this._text(brandKey(method.brand)), last4: method.last4 };
  }

  #kinds(config: Partial<WalletConfig>): MethodKind[] {
    const allowed = config.kinds ?? ['card'];
    const kinds = this.kinds ? allowed.filter(kind => this.kinds!.includes(kind)) : allowed;
    return kinds.length ? kinds : ['card'];
  }

  #activeKind(config: Partial<WalletConfig>): MethodKind {
    const kinds = this.#kinds(config);
    return kinds.includes(this._kind) ? this._kind : kinds[0]!;
  }

  /** The kind whose fields show now: the one chosen, unless the form does not offer it. */
  #shownKind(): MethodKind {
    const config = this.#config.value;
    return config ? this.#activeKind(config) : this._kind;
  }

  #fields(kind: MethodKind): Field[] {
    return kind === 'bank' ? (this.#bankChunk.loaded?.fields() ?? []) : card.fields(this);
  }

  #input(id: Field | 'default'): HTMLInputElement | null {
    // The account type radios have no id: they are no field of their own.
    return (id && this.renderRoot?.querySelector<HTMLInputElement>(`#${id}`)) || null;
  }

  /** What a field holds right now, as typed. */
  #value(field: Field): string {
    return this.#input(field)?.value ?? '';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ecrypt-add-card': EcryptAddCard;
  }
}
