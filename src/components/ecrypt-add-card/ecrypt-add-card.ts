import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task, initialState } from '@lit/task';
import type { AddMethodRequest, BillingAddress, MethodKind, TokenRequest, WalletConfig, WalletState } from '../../protocol/index.js';
import { addMethod, getConfig, setDefaultMethod } from '../../client/wallet-client.js';
import type { Tokenizer } from '../../client/tokenizer.js';
import { EcryptCancelEvent, EcryptDefaultChangedEvent, EcryptMethodAddedEvent, type EcryptOperation } from '../../events/wallet-events.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { BRAND_NAMES } from '../../lib/brands.js';
import { cardRules, detectBrand, type CardBrand } from '../../lib/card-brand.js';
import { deleteAcrossSeparator, digitsBefore, digitsOnly, fitDigits, reformatCardNumber, type EditStart } from '../../lib/card-number.js';
import { validateCardNumber, validateSecurityCode } from '../../lib/card-validation.js';
import { formatExpiryEdit, parseExpiry, toMMYY, validateExpiry } from '../../lib/expiry-input.js';
import { validatePostalCode } from '../../lib/postal-code.js';
import { defined } from '../../lib/defined.js';
import { lazy } from '../../lib/lazy.js';
import { addCardStyles } from './ecrypt-add-card.styles.js';
import { addCardMessages, type AddCardMessages } from './ecrypt-add-card.messages.js';
import { EcryptElement } from '../shared/ecrypt-element.js';
import type * as bankModule from './ecrypt-add-card.bank.js';
import type { BankField } from './ecrypt-add-card.bank.js';
import type * as outcomeModule from './ecrypt-add-card.outcome.js';
import type { Notice } from './ecrypt-add-card.outcome.js';

/** Whether an optional field is asked for, and whether it must be filled. */
export type FieldMode = 'required' | 'optional' | 'hidden';

type Field = 'number' | 'expiry' | 'cvc' | 'name' | 'postal' | BankField;
type MessageKey = keyof AddCardMessages;

/** One submission: its idempotency key and, once tokenized, the exact body to resend on retry and what the shopper sees of it. */
interface Attempt {
  key: string;
  body?: AddMethodRequest;
  shown?: { brand: string; last4: string };
}

const CARD_FIELDS: Field[] = ['number', 'expiry', 'cvc', 'name', 'postal'];
const BANK_FIELDS: Field[] = ['holder', 'routing', 'account'];

const NUMBER_ERRORS = {
  required: 'cardNumberRequired',
  incomplete: 'cardNumberIncomplete',
  length: 'cardNumberLength',
  luhn: 'cardNumberInvalid',
} as const;
const EXPIRY_ERRORS = {
  required: 'expiryRequired',
  format: 'expiryFormat',
  month: 'expiryMonth',
  expired: 'expiryPast',
  too_far: 'expiryTooFar',
} as const;
const CODE_ERRORS = { required: 'securityCodeRequired', length: 'securityCodeLength' } as const;
const POSTAL_ERRORS = { required: 'postalCodeRequired', format: 'postalCodeFormat' } as const;

/**
 * Errors no further typing in the field can fix (a month that does not exist, a year too far
 * ahead, a routing number no bank has): shown as soon as they are known, even mid-edit. A
 * Luhn failure and a past date are definite only once the number or year cannot grow.
 */
const DEFINITE: ReadonlySet<MessageKey> = new Set<MessageKey>(['expiryMonth', 'expiryTooFar', 'routingNumberInvalid']);

/** The message for a validation result, none when it passed. */
const pick = <C extends string>(messages: Record<C, MessageKey>, code: C | undefined): MessageKey | undefined =>
  code ? messages[code] : undefined;

const kindsConverter = {
  fromAttribute: (value: string | null): MethodKind[] | undefined =>
    value === null ? undefined : value.split(/[\s,]+/).filter((kind): kind is MethodKind => kind === 'card' || kind === 'bank'),
};

/**
 * A card and US bank account entry form that tokenizes in the browser and saves
 * the token to the merchant backend.
 *
 * @summary Adds a card or bank account to the shopper's eCrypt wallet.
 *
 * @fires ecrypt-method-added - The backend saved the method; carries the saved `PaymentMethod`.
 * @fires ecrypt-default-changed - After "Make it default" on a duplicate, the existing method became the default.
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

  @state() private _kind: MethodKind = 'card';
  @state() private _brand: CardBrand | 'unknown' = 'unknown';
  @state() private _errors: Partial<Record<Field, MessageKey>> = {};
  @state() private _pending = false;
  @state() private _notice?: Notice;
  /** Per kind, so that typing in or saving one kind never throws away the other's held retry. */
  @state() private _attempts: Partial<Record<MethodKind, Attempt>> = {};
  /** "Make this my default" as the shopper last set it for a new attempt; a held attempt shows its own. */
  @state() private _makeDefault?: boolean;
  /** The bank account fields, once their module has loaded. */
  @state() private _bank?: typeof bankModule;
  @state() private _bankFailed = false;

  /** Fields whose errors may show: blurred with content, or submitted once. */
  #shown = new Set<Field>();
  #wallet?: WalletState;
  #abort?: AbortController;
  /** The field being edited as it was just before the edit, so that an edit it cannot take is undone exactly. */
  #before?: EditStart & { input: HTMLInputElement };
  /** What the form says once a save has been tried, once its module has loaded. */
  #outcome?: typeof outcomeModule;

  readonly #config = new Task(this, {
    task: async ([endpoint, publicKey, gatewayUrl], { signal }): Promise<Partial<WalletConfig> | typeof initialState> => {
      if (publicKey && gatewayUrl) return { publicKey, gatewayUrl };
      if (!endpoint) return initialState;
      try {
        const config = await getConfig(endpoint, { signal });
        // Fetched ahead, so that choosing "Bank account" shows its fields at once; a backend may leave `kinds` out.
        if ((config as Partial<WalletConfig>).kinds?.includes('bank')) void this.#loadBank();
        return { ...config, publicKey: publicKey || config.publicKey, gatewayUrl: gatewayUrl || config.gatewayUrl };
      } catch (error) {
        if (!signal.aborted) this._report('config', error);
        throw error;
      }
    },
    args: () => [this.endpoint, this.publicKey, this.gatewayUrl] as const,
  });

  protected override get _defaults(): AddCardMessages {
    return { ...addCardMessages, ...this._bank?.messages, ...this.#outcome?.messages } as AddCardMessages;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
  }

  /** Focuses the first field of the chosen kind. */
  override focus(options?: FocusOptions): void {
    const first = this.#input(this._kind === 'bank' ? 'holder' : 'number');
    if (first) first.focus(options);
    else super.focus(options);
  }

  /**
   * The saved methods and limit as the backend answered this form's last save (or the
   * duplicate it made the default), so a host list can take the server's list, not a guess.
   * Set just before `ecrypt-method-added` or `ecrypt-default-changed` is fired, and kept until
   * `reset()` (which Cancel also calls) or a change of `endpoint`.
   */
  get wallet(): WalletState | undefined {
    return this.#wallet;
  }

  /** Clears every field, error and pending retry, and `wallet`. */
  reset(): void {
    this.#wallet = undefined;
    this.#reset();
  }

  /**
   * Clears every field and error, and the pending retry of `kind` only, or of every kind; `wallet`
   * stays, as a save calls this before the event whose listener reads it.
   */
  #reset(kind?: MethodKind): void {
    for (const input of this.renderRoot.querySelectorAll<HTMLInputElement>('input[type=text]')) input.value = '';
    const makeDefault = this.#input('default');
    if (makeDefault) makeDefault.checked = this.defaultChecked;
    this._bank?.reset(this.renderRoot);
    this.#before = undefined;
    this.#shown.clear();
    this.#drop(kind);
    this._makeDefault = undefined;
    this._brand = 'unknown';
    this._errors = {};
    this._notice = undefined;
  }

  /** Forgets the pending attempt of `kind`, or of every kind. */
  #drop(kind?: MethodKind): void {
    if (!kind) this._attempts = {};
    else if (this._attempts[kind]) this._attempts = { ...this._attempts, [kind]: undefined };
  }

  /** Validates, tokenizes and saves; does nothing while a save is pending. */
  async submit(): Promise<void> {
    const config = this.#config.value;
    if (this._pending || this.disabled || !config?.publicKey || !config.gatewayUrl) return;
    const kind = this.#activeKind(config);
    // Nothing to validate or send before the bank account fields are there; say why nothing happens.
    if (kind === 'bank' && !this._bank) return this._announce(this._text(this._bankFailed ? 'configError' : 'loading'));
    const held = this._attempts[kind];
    // A tokenized attempt is resent exactly as it was: there is nothing left to check.
    const fields = held?.body ? [] : this.#fields(kind);
    const errors: Partial<Record<Field, MessageKey>> = {};
    for (const field of fields) {
      this.#shown.add(field);
      const error = this.#validate(field);
      if (error) errors[field] = error;
    }
    this._errors = errors;
    this._notice = undefined;
    const invalid = fields.filter(field => errors[field]);
    if (invalid.length) {
      void this._announce(this._text(invalid.length === 1 ? 'fixErrorsOne' : 'fixErrorsMany', { count: invalid.length }));
      await this.updateComplete;
      this.#input(invalid[0]!)?.focus();
      return;
    }

    this.#abort = new AbortController();
    const { signal } = this.#abort;
    const attempt: Attempt = held ?? { key: crypto.randomUUID() };
    this._attempts = { ...this._attempts, [kind]: attempt };
    this._pending = true;
    // Loaded before anything is sent, so that whatever comes back can be told. If it fails nothing
    // is sent: it is the form that did not load, not a tokenization that failed.
    let operation: EcryptOperation = 'config';
    try {
      await this._loadOutcome();
      operation = 'tokenize';
      if (!attempt.body) {
        const tokenizer =
          this.tokenizer ??
          (await this.#loadTokenizer()).createGatewayTokenizer({ gatewayUrl: config.gatewayUrl, publicKey: config.publicKey });
        const request = this.#tokenRequest(kind);
        const { token, metadata } = await tokenizer.tokenize(request, { signal });
        attempt.body = { token, makeDefault: this.#input('default')?.checked ?? false, ...this.#billingAddress(kind) };
        // Once a token exists the raw numbers leave the inputs; the shopper sees the masked account instead.
        attempt.shown = {
          brand: BRAND_NAMES[kind === 'bank' ? 'ach' : this._brand],
          last4: (metadata.accountNumber ?? request.creditCard?.accountNumber ?? request.check?.accountNumber ?? '').slice(-4),
        };
        for (const field of ['number', 'cvc', 'routing', 'account'] as const) {
          const input = this.#input(field);
          if (input) input.value = '';
        }
        // Nor does the copy kept to undo an edit outlive them.
        this.#before = undefined;
        // Focus in a field about to hide or on the checkbox about to be disabled (Enter there submits) would
        // drop to the page: it goes to Save, where Enter retries.
        const focused = this.renderRoot.querySelector(':focus');
        this.requestUpdate();
        if (focused) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.submit')?.focus());
      }
      operation = 'add';
      const { method, methods, limit } = await addMethod(this.endpoint, attempt.body, attempt.key, { signal });
      this.#wallet = { methods, limit };
      this.#reset(kind);
      void this._announce(
        this._text(method.kind === 'bank' ? 'savedBank' : 'savedCard', { brand: BRAND_NAMES[method.brand], last4: method.last4 }),
      );
      this.dispatchEvent(new EcryptMethodAddedEvent(method));
    } catch (error) {
      if (!signal.aborted) this.#fail(operation, error, kind, config.limit);
    } finally {
      this._pending = false;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another endpoint's list is not this one's.
    if (changed.has('endpoint')) this.#wallet = undefined;
    if (changed.has('endpoint') || changed.has('publicKey') || changed.has('gatewayUrl')) this._attempts = {};
  }

  protected override render(): unknown {
    return this.#config.render({
      initial: () => this.#renderLoading(),
      pending: () => this.#renderLoading(),
      error: () => this.#renderLoadError(() => this.#config.run()),
      complete: config => this.#renderForm(config),
    });
  }

  #renderLoading(): TemplateResult {
    return html`<p class="loading" aria-busy="true">${this._text('loading')}</p>`;
  }

  #renderLoadError(retry: () => unknown): TemplateResult {
    return html`
      <p part="error" class="error" role="alert">${this._text('configError')}</p>
      <button type="button" part="retry-button" @click=${retry}>${this._text('retry')}</button>
    `;
  }

  #renderForm(config: Partial<WalletConfig>): TemplateResult {
    const kinds = this.#kinds(config);
    const kind = this.#activeKind(config);
    const pending = this._pending;
    const attempt = this._attempts[kind];
    const held = attempt?.shown;
    return html`
      <form part="form" novalidate aria-busy=${pending ? 'true' : 'false'} @submit=${this.#onSubmit} @keydown=${this.#onKeydown}>
        <fieldset ?disabled=${this.disabled}>
          ${
            kinds.length > 1
              ? html`<fieldset part="tabs" class="kinds">
                  <legend class="visually-hidden">${this._text('kindLegend')}</legend>
                  ${kinds.map(
                    option =>
                      html`<label part="tab">
                        <input type="radio" name="kind" value=${option} .checked=${option === kind} @change=${this.#onKind} />
                        ${this._text(option === 'card' ? 'kindCard' : 'kindBank')}
                      </label>`,
                  )}
                </fieldset>`
              : nothing
          }
          <div class="fields" data-kind="card" ?hidden=${kind !== 'card' || !!held}>
            ${kinds.includes('card') ? this.#renderCard() : nothing}
          </div>
          <div class="fields" data-kind="bank" ?hidden=${kind !== 'bank' || !!held}>
            ${kinds.includes('bank') ? this.#renderBank(kind) : nothing}
          </div>
          ${
            held
              ? html`<p part="held" class="held">
                  ${this._text('held', held)}
                  <button type="button" part="change-button" ?disabled=${pending} @click=${this.#change}>
                    ${this._text(kind === 'bank' ? 'changeBank' : 'changeCard')}
                  </button>
                </p>`
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
          ${this.#renderNotice()}
          <div class="actions">
            <button part="submit-button" class="submit" type="submit" aria-disabled=${pending ? 'true' : 'false'}>
              ${pending ? html`<span class="spinner" aria-hidden="true"></span>${this._text('saving')}` : this._text(kind === 'bank' ? 'saveBank' : 'saveCard')}
            </button>
            ${
              this.cancelable
                ? html`<button part="cancel-button" type="button" ?disabled=${pending} @click=${this.#cancel}>
                    ${this._text('cancel')}
                  </button>`
                : nothing
            }
          </div>
        </fieldset>
      </form>
      ${this._liveRegion()}
    `;
  }

  #renderCard(): TemplateResult {
    const rules = cardRules(this._brand);
    return html`
      ${this.#field('number', 'cardNumberLabel', 'cc-number', this.#onNumberInput, {
        brand: this._brand === 'unknown' ? undefined : BRAND_NAMES[this._brand],
      })}
      ${this.#field('expiry', 'expiryLabel', 'cc-exp', this.#onExpiryInput, { hint: 'expiryHint', half: true })}
      ${
        this.securityCode === 'hidden'
          ? nothing
          : this.#field('cvc', 'securityCodeLabel', 'cc-csc', this.#onDigitsInput, {
              hint: rules.cvcLength === 4 ? 'securityCodeHintAmex' : 'securityCodeHint',
              half: true,
              maxDigits: rules.cvcLength,
              required: this.securityCode === 'required',
            })
      }
      ${
        this.cardholderName === 'hidden'
          ? nothing
          : this.#field(
              'name',
              this.cardholderName === 'required' ? 'nameOnCardLabel' : 'nameOnCardOptionalLabel',
              'cc-name',
              this.#onEdit,
              {
                text: true,
                required: this.cardholderName === 'required',
              },
            )
      }
      ${
        this.postalCode === 'hidden'
          ? nothing
          : this.#field(
              'postal',
              this.postalCode === 'required' ? 'postalCodeLabel' : 'postalCodeOptionalLabel',
              'billing postal-code',
              this.#onEdit,
              {
                text: true,
                required: this.postalCode === 'required',
              },
            )
      }
    `;
  }

  /** The bank account fields; while their module loads, a placeholder, or an error with retry if it failed. */
  #renderBank(kind: MethodKind): TemplateResult | typeof nothing {
    if (this._bank)
      return this._bank.render({
        field: (...args) => this.#field(...args),
        t: this._t,
        onEdit: this.#onEdit,
        onDigits: this.#onDigitsInput,
      });
    if (kind !== 'bank') return nothing;
    return this._bankFailed ? this.#renderLoadError(this.#loadBank) : this.#renderLoading();
  }

  /** The gateway tokenizer, fetched when the shopper starts typing so that it is there by the time they save. */
  #loadTokenizer = lazy(() => import('../../client/tokenizer.js'));

  /** The outcome sentences and failure mapping, fetched with the tokenizer; not private to the tests, which make it fail. */
  private _loadOutcome = lazy(() =>
    import('./ecrypt-add-card.outcome.js').then(outcome => {
      this.#outcome = outcome;
    }),
  );

  #bankModule = lazy(() => import('./ecrypt-add-card.bank.js'));

  /** Loads the bank account fields once; after a failure, the next call tries again. */
  #loadBank = (): Promise<void> => {
    this._bankFailed = false;
    return this.#bankModule().then(
      bank => {
        this._bank = bank;
      },
      () => {
        this._bankFailed = true;
      },
    );
  };

  #field(
    name: Field,
    label: MessageKey,
    autocomplete: string,
    onInput: (event: InputEvent) => void,
    options: { hint?: MessageKey; half?: boolean; text?: boolean; maxDigits?: number; required?: boolean; brand?: string } = {},
  ): TemplateResult {
    const error = this._errors[name];
    const describedBy = [options.hint && `${name}-hint`, options.brand && 'brand', error && `${name}-error`].filter(Boolean).join(' ');
    return html`
      <div part="field" class="field ${name} ${options.half ? 'half' : ''}">
        <label part="label" for=${name}>${this._text(label)}</label>
        <div class="control">
          <input
            part="input"
            type="text"
            id=${name}
            name=${name}
            autocomplete=${autocomplete}
            inputmode=${options.text ? 'text' : 'numeric'}
            spellcheck="false"
            maxlength="100"
            data-max-digits=${options.maxDigits ?? nothing}
            ?required=${options.required ?? true}
            ?readonly=${this._pending}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${describedBy || nothing}
            @beforeinput=${this.#onBeforeInput}
            @input=${onInput}
            @blur=${this.#onBlur}
          />
          ${options.brand ? html`<span part="brand" class="brand" id="brand">${options.brand}</span>` : nothing}
        </div>
        ${options.hint ? html`<p part="hint" class="hint" id="${name}-hint">${this._text(options.hint)}</p>` : nothing}
        ${
          error
            ? html`<p part="error" class="error" id="${name}-error">${this._text(error, { length: cardRules(this._brand).cvcLength })}</p>`
            : nothing
        }
      </div>
    `;
  }

  #renderNotice(): TemplateResult | typeof nothing {
    const notice = this._notice;
    if (!notice) return nothing;
    return html`
      <div part="notice" class="notice">
        <p part="error" id="notice">${this._text(notice.key, notice.values)}</p>
        ${
          notice.existingMethodId
            ? html`<button type="button" part="default-button" @click=${() => this.#makeExistingDefault(notice.existingMethodId!)}>
                ${this._text('makeItDefault')}
              </button>`
            : nothing
        }
      </div>
    `;
  }

  #onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    void this.submit();
  };

  #onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.cancelable && !this._pending) this.#cancel();
  };

  #onKind = (event: Event) => {
    this._kind = (event.target as HTMLInputElement).value as MethodKind;
    this._notice = undefined;
    if (this._kind === 'bank') void this.#loadBank();
  };

  #cancel = () => {
    this.reset();
    this.dispatchEvent(new EcryptCancelEvent());
  };

  /** Discards the token held for a retry and brings back the empty fields; another kind's held retry stays. */
  #change = async () => {
    this.#reset(this.#shownKind());
    await this.updateComplete;
    this.focus();
  };

  #onDefault = (event: Event) => {
    this._makeDefault = (event.target as HTMLInputElement).checked;
    this.#onEdit(event);
  };

  #onBlur = (event: FocusEvent) => {
    const input = event.target as HTMLInputElement;
    const field = input.id as Field;
    // Errors wait until the shopper leaves a field they typed in, never while typing it the first time.
    if (input.value.trim() || this.#shown.has(field)) {
      this.#shown.add(field);
      this.#revalidate(field);
    }
  };

  /** Any edit makes the details differ from a tokenized attempt of its kind, except retyping the security code. */
  #onEdit = (event: Event) => {
    if (!this.tokenizer) void this.#loadTokenizer();
    void this._loadOutcome();
    const input = event.target as HTMLInputElement;
    const field = input.id as Field;
    const kind = input.closest<HTMLElement>('[data-kind]')?.dataset.kind as MethodKind | undefined;
    if (kind && field !== 'cvc') this.#drop(kind);
    if (this._notice && !this._notice.existingMethodId) this._notice = undefined;
    if (this.#shown.has(field)) this.#revalidate(field, true);
  };

  #onBeforeInput = (event: InputEvent) => {
    const input = event.target as HTMLInputElement;
    // Only the digit and expiry fields (the numeric ones) may undo an edit; a copy of a text field would never be used.
    if (input.inputMode !== 'numeric') return;
    this.#before = {
      input,
      value: input.value,
      start: input.selectionStart ?? input.value.length,
      end: input.selectionEnd ?? input.value.length,
    };
    if (input.id === 'number') this.#onNumberBeforeInput(event, input);
  };

  #onNumberBeforeInput(event: InputEvent, input: HTMLInputElement): void {
    const direction =
      event.inputType === 'deleteContentBackward' ? 'backward' : event.inputType === 'deleteContentForward' ? 'forward' : undefined;
    const caret = input.selectionStart ?? 0;
    if (!direction || caret !== input.selectionEnd) return;
    const edited = deleteAcrossSeparator(input.value, caret, direction);
    if (!edited) return;
    event.preventDefault();
    input.value = edited.value;
    input.setSelectionRange(edited.caret, edited.caret);
    this.#onNumberInput(event);
  }

  #onNumberInput = (event: InputEvent) => {
    const input = event.target as HTMLInputElement;
    const before = this.#takeBefore(input);
    // The longest length of the network the edited number would belong to.
    const fitted = fitDigits(
      input.value,
      input.selectionStart ?? input.value.length,
      cardRules(detectBrand(digitsOnly(input.value))).lengths.at(-1) ?? 19,
      before,
    );
    if (!fitted) return this.#restore(input, before);
    const brand = detectBrand(digitsOnly(fitted.value));
    this.#setFormatted(input, reformatCardNumber(fitted.value, fitted.caret, cardRules(brand).gaps));
    this._brand = brand;
    this.#onEdit(event);
    if (this.#shown.has('cvc')) this.#revalidate('cvc', true);
  };

  #onExpiryInput = (event: InputEvent) => {
    const input = event.target as HTMLInputElement;
    const before = this.#takeBefore(input);
    const type = event.inputType ?? '';
    const edit = !type.startsWith('delete') ? 'insert' : type.endsWith('Forward') ? 'forward' : 'backward';
    const formatted = formatExpiryEdit(input.value, input.selectionStart ?? input.value.length, edit);
    if (!formatted) return this.#restore(input, before);
    this.#setFormatted(input, formatted);
    this.#onEdit(event);
  };

  #onDigitsInput = (event: InputEvent) => {
    const input = event.target as HTMLInputElement;
    const before = this.#takeBefore(input);
    // Fitted once the separators are gone: `maxlength` would count them, and cut a pasted "1234-5678-…" short.
    const fitted = fitDigits(input.value, input.selectionStart ?? input.value.length, Number(input.dataset.maxDigits) || Infinity, before);
    if (!fitted) return this.#restore(input, before);
    this.#setFormatted(input, { value: digitsOnly(fitted.value), caret: digitsBefore(fitted.value, fitted.caret) });
    this.#onEdit(event);
  };

  /** The state recorded before the edit of `input` now being handled, if any; it is used once. */
  #takeBefore(input: HTMLInputElement): EditStart | undefined {
    const before = this.#before?.input === input ? this.#before : undefined;
    this.#before = undefined;
    return before;
  }

  /** Undoes an edit the field cannot take: the text and selection are as they were, as if the key was not pressed. */
  #restore(input: HTMLInputElement, before: EditStart | undefined): void {
    if (!before) return;
    input.value = before.value;
    input.setSelectionRange(before.start, before.end);
  }

  #setFormatted(input: HTMLInputElement, { value, caret }: { value: string; caret: number }): void {
    if (input.value !== value) input.value = value;
    if (input.matches(':focus')) input.setSelectionRange(caret, caret);
  }

  /** Checks a field again; `editing` while it is being typed in, when only a fix or a definite error may show. */
  #revalidate(field: Field, editing = false): void {
    let error = this.#validate(field);
    // An edit may be a valid prefix on its way ("too short", "enter the date as MM / YY"):
    // saying so at every keystroke would nag, so that waits for blur or submit.
    if (editing && error && !this.#definite(error)) error = undefined;
    if (error !== this._errors[field]) this._errors = { ...this._errors, [field]: error };
  }

  /** Whether no further typing can fix `error`, found in the field being edited. */
  #definite(error: MessageKey): boolean {
    const value = this.#input(error === 'expiryPast' ? 'expiry' : 'number')?.value ?? '';
    const digits = digitsOnly(value);
    // A Visa number failing the check at 13 or 16 digits may still be a valid 19-digit one;
    // "12 / 20" is past, but on its way to "12 / 2030"; the field shows a year after " / ", so 4 digits at the end are all of it.
    if (error === 'cardNumberInvalid') return !cardRules(detectBrand(digits)).lengths.some(length => length > digits.length);
    return error === 'expiryPast' ? /\d{4}$/.test(value) : DEFINITE.has(error);
  }

  /** The message for what is wrong with a field, read from its input right now. */
  #validate(field: Field): MessageKey | undefined {
    const value = this.#input(field)?.value ?? '';
    const digits = digitsOnly(value);
    switch (field) {
      case 'number':
        return pick(NUMBER_ERRORS, validateCardNumber(digits));
      case 'expiry':
        return pick(EXPIRY_ERRORS, validateExpiry(value, this.now()));
      case 'cvc':
        if (!value && this.securityCode !== 'required') return undefined;
        return pick(CODE_ERRORS, validateSecurityCode(value, digitsOnly(this.#input('number')?.value ?? '')));
      case 'name':
        return this.cardholderName === 'required' && !value.trim() ? 'nameOnCardRequired' : undefined;
      case 'postal':
        return pick(POSTAL_ERRORS, validatePostalCode(value, this.postalCode === 'required'));
      default:
        return this._bank?.validate(field, value, digits);
    }
  }

  /** Raw details, read from the inputs only now and passed straight to the tokenizer. */
  #tokenRequest(kind: MethodKind): TokenRequest {
    if (kind === 'bank') return this._bank!.tokenRequest(this.renderRoot, digitsOnly);
    const value = (field: Field) => this.#input(field)?.value.trim() ?? '';
    const expiry = parseExpiry(value('expiry'));
    return {
      creditCard: defined({
        accountNumber: digitsOnly(value('number')),
        expires: 'error' in expiry ? '' : toMMYY(expiry),
        verificationValue: value('cvc') || undefined,
        postalCode: value('postal') || undefined,
        nameOnCard: value('name') || undefined,
      }),
    };
  }

  #billingAddress(kind: MethodKind): { billingAddress?: BillingAddress } {
    const address: BillingAddress = defined({
      name: this.#input(kind === 'bank' ? 'holder' : 'name')?.value.trim() || undefined,
      postalCode: (kind === 'card' && this.#input('postal')?.value.trim()) || undefined,
    });
    return Object.keys(address).length ? { billingAddress: address } : {};
  }

  #fail(operation: EcryptOperation, error: unknown, kind: MethodKind, limit: number | undefined): void {
    const cvc = this.#input('cvc');
    if (cvc) cvc.value = '';
    this._report(operation, error);
    const failure = this.#outcome?.describeFailure(operation, error, kind, limit, this._bank?.gatewayFields);
    // Without the outcome module nothing was sent: the form could not be loaded whole.
    if (!failure) return this.#say({ key: 'configError' });
    if (operation === 'add' && !failure.retriable) this.#drop(kind);
    const [field, rejected] = failure.field ?? [];
    if (field && rejected && this.#fields(kind).includes(field as Field)) {
      this.#shown.add(field as Field);
      this._errors = { ...this._errors, [field]: rejected };
      void this._announce(this._text(rejected));
      void this.updateComplete.then(() => this.#input(field as Field)?.focus());
      return;
    }
    this.#say(failure.notice);
  }

  /** Shows and announces a form-level outcome. */
  #say(notice: Notice): void {
    this._notice = notice;
    void this._announce(this._text(notice.key, notice.values));
  }

  async #makeExistingDefault(id: string): Promise<void> {
    if (this._pending) return;
    this._pending = true;
    try {
      const { methods, limit } = await setDefaultMethod(this.endpoint, id);
      this.#wallet = { methods, limit };
      const method = methods.find(candidate => candidate.id === id);
      this.#reset(this.#shownKind());
      if (method) {
        void this._announce(this._text('madeDefault', { brand: BRAND_NAMES[method.brand], last4: method.last4 }));
        this.dispatchEvent(new EcryptDefaultChangedEvent(method));
      }
    } catch (error) {
      this._report('set-default', error);
      this.#say({ key: 'makeDefaultFailed' });
    } finally {
      this._pending = false;
    }
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
    const hidden: Partial<Record<Field, boolean>> = {
      cvc: this.securityCode === 'hidden',
      name: this.cardholderName === 'hidden',
      postal: this.postalCode === 'hidden',
    };
    return (kind === 'bank' ? BANK_FIELDS : CARD_FIELDS).filter(field => !hidden[field]);
  }

  #input(id: Field | 'default'): HTMLInputElement | null {
    return this.renderRoot?.querySelector<HTMLInputElement>(`#${id}`) ?? null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ecrypt-add-card': EcryptAddCard;
  }
}
