import { LitElement, html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { EcryptError } from '../../client/wallet-client.js';
import { EcryptErrorEvent, type EcryptOperation } from '../../events/wallet-events.js';
import { format } from '../../lib/format.js';

/** How long the live region stays empty before a sentence is said again. */
const ANNOUNCE_GAP_MS = 150;

/**
 * What both elements share, written once so that it ships once (in the chunk
 * both load): focus delegation, the `messages` overrides, the one polite live
 * region and the `ecrypt-error` event.
 */
export abstract class EcryptElement<M extends Record<string, string>> extends LitElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** Replacements for any of the element's sentences, for wording or another language. */
  @property({ attribute: false }) messages: Partial<M> = {};

  /** Counts the calls of `_announce`, so that only the latest one writes. */
  #turn = 0;
  /** The last sentence written to the live region, to tell when the same one is said again. */
  #said = '';

  /** What the live region says now. */
  @state() protected _live = '';

  /** The element's own sentences, in English. */
  protected abstract get _defaults(): M;

  /** Every sentence, the merchant's wording first. */
  protected get _t(): M {
    return { ...this._defaults, ...this.messages };
  }

  /** One sentence with its `{placeholders}` filled. */
  protected _text(key: keyof M, values?: Record<string, string | number>): string {
    return format(this._t[key]!, values);
  }

  /** The polite live region; every element renders it once. */
  protected _liveRegion(): TemplateResult {
    return html`<div role="status" class="visually-hidden">${this._live}</div>`;
  }

  /** Says `text` through the live region; the latest sentence wins. */
  protected async _announce(text: string): Promise<void> {
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

  /** Fires `ecrypt-error` for a failure the element has already shown or announced. */
  protected _report(operation: EcryptOperation, error: unknown): void {
    // Only our own errors are described: anything else could carry what the shopper typed.
    const known = error instanceof EcryptError ? error : undefined;
    this.dispatchEvent(new EcryptErrorEvent(operation, known?.code ?? 'unknown', known?.message ?? 'Unexpected error.', known?.requestId));
  }
}
