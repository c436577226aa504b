import { LitElement, html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { EcryptError } from '../../client/wallet-client.js';
import { EcryptErrorEvent, type EcryptOperation } from '../../events/wallet-events.js';
import { format } from '../../lib/format.js';
import { matchLocale } from '../../locales/index.js';
import { LocaleController, langOf } from './locale.controller.js';

/** How long the live region stays empty before a sentence is said again. */
const ANNOUNCE_GAP_MS = 150;

/**
 * What both elements share, written once so that it ships once (in the chunk
 * both load): focus delegation, the locale (from `lang`) and the `messages`
 * overrides, the one polite live region and the `ecrypt-error` event.
 *
 * `M` is the element's own sentences; `O` what its `messages` accepts, which
 * may be more (the wallet passes overrides on to its add form).
 */
export abstract class EcryptElement<M extends Record<string, string>, O extends Record<string, string> = M> extends LitElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** Replacements for any of the element's sentences, on top of its locale's: for other wording, or a language it does not ship. */
  @property({ attribute: false }) messages: Partial<O> = {};

  /** The locale from `lang`, and its translations. */
  readonly #locale = new LocaleController(this);

  /** Counts the calls of `_announce`, so that only the latest one writes. */
  #turn = 0;
  /** The last sentence written to the live region, to tell when the same one is said again. */
  #said = '';

  /** What the live region says now. */
  @state() protected _live = '';

  /** The element's own sentences, in English. */
  protected abstract get _defaults(): M;

  /**
   * Every sentence: the merchant's wording first, then the locale's, then English.
   * A sentence's translation is found by its message id, the element's name and
   * the key: `wallet.retry`, `addCard.saveCard`.
   */
  protected get _t(): M {
    const scope = this.localName.replace(/^ecrypt-/, '').replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
    const sentences: Record<string, string> = { ...this._defaults };
    for (const key of Object.keys(sentences)) sentences[key] = this.#locale.translation(`${scope}.${key}`) ?? sentences[key]!;
    return { ...sentences, ...this.messages } as unknown as M;
  }

  /**
   * The locale for `Intl` (numbers, dates, plural rules): the `lang` in force
   * when it is the language the element speaks (so `en-GB` keeps its region),
   * else the locale it speaks; always with Latin digits, the digits of card
   * numbers, so that no sentence mixes two digit systems.
   */
  protected get _locale(): string {
    const spoken = this.#locale.locale;
    const lang = langOf(this);
    let base: string = spoken;
    try {
      if (matchLocale(lang) === spoken && new Intl.Locale(lang).language === new Intl.Locale(spoken).language) base = lang;
    } catch {
      // Not a well-formed language tag: the spoken locale is.
    }
    return new Intl.Locale(base, { numberingSystem: 'latn' }).toString();
  }

  /** One sentence with its `{placeholders}` filled, and its plural choices made in the element's locale. */
  protected _text(key: keyof M, values?: Record<string, string | number>): string {
    return format(this._t[key]!, values, this._locale);
  }

  /** Resolves once the element has rendered in its locale, the translations loaded. */
  protected override async getUpdateComplete(): Promise<boolean> {
    for (let ready = this.#locale.ready; ; ready = this.#locale.ready) {
      await ready;
      if (ready === this.#locale.ready) break;
    }
    return super.getUpdateComplete();
  }

  /** The polite live region; every element renders it once. */
  protected _liveRegion(): TemplateResult {
    return html`<div role="status" class="visually-hidden">${this._live}</div>`;
  }

  /**
   * Says `text` through the live region; the latest sentence wins. Inside another
   * of our elements (the add form in the wallet) it is said through the outer
   * one's region, which outlives the inner element: a region removed right after
   * it was written is never heard.
   */
  protected async _announce(text: string): Promise<void> {
    const outer = this.#outer();
    if (outer) return outer._announce(text);
    const turn = ++this.#turn;
    if (text === this.#said) {
      // Screen readers hear a change, not a state: the same sentence again is heard only if the emptied region
      // reaches the accessibility tree first, and that is built once per frame or later, never per microtask.
      this._live = '';
      await new Promise(resolve => setTimeout(resolve, ANNOUNCE_GAP_MS));
    }
    if (turn !== this.#turn) return;
    this.#said = text;
    this._live = text;
  }

  /** The nearest of our elements this one is rendered in, if any. */
  #outer(): EcryptElement<Record<string, string>> | undefined {
    for (let node: Node | null = this.parentNode; node;) {
      if (node instanceof EcryptElement) return node as EcryptElement<Record<string, string>>;
      node = node instanceof ShadowRoot ? node.host : node.parentNode;
    }
    return undefined;
  }

  /** Fires `ecrypt-error` for a failure the element has already shown or announced. */
  protected _report(operation: EcryptOperation, error: unknown): void {
    // Only our own errors are described: anything else could carry what the shopper typed.
    const known = error instanceof EcryptError ? error : undefined;
    this.dispatchEvent(new EcryptErrorEvent(operation, known?.code ?? 'unknown', known?.message ?? 'Unexpected error.', known?.requestId));
  }
}
