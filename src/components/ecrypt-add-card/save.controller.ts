/**
 * The saves of `<ecrypt-add-card>` as a reactive controller: whether one is pending, the
 * attempt of each kind, the wallet the backend last answered, and the abort of a save
 * under way when the element leaves the page. The element lends it what only the form
 * knows (the raw details, read at the last moment) and is handed each outcome to show,
 * announce and dispatch while the save still counts as pending.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AddMethodRequest, Brand, MethodKind, TokenRequest, WalletState } from '../../protocol/index.js';
import { WalletApiError, addMethod, listMethods, setDefaultMethod } from '../../client/wallet-client.js';
import type { Tokenizer } from '../../client/tokenizer.js';
import { SaveAttempts, last4Of, runSave, type SaveOutcome } from './save-attempt.js';

/** What the form lends a save. */
export interface SaveForm {
  /** The merchant backend's wallet endpoint, as it is now. */
  endpoint(): string;
  /** Loads what is needed to tell any outcome; when it fails nothing is sent. */
  prepare(): Promise<unknown>;
  /** The tokenizer to use, loaded if need be. */
  tokenizer(): Promise<Tokenizer>;
  /** The raw details of `kind`, read from the inputs only now. */
  tokenRequest(kind: MethodKind): TokenRequest;
  /** The network shown for the tokenized account of `kind`. */
  brand(kind: MethodKind): Brand;
  /** What is saved with the token. */
  details(kind: MethodKind): Omit<AddMethodRequest, 'token'>;
  /** A token exists: the raw numbers may leave the inputs. */
  tokenized(): void;
}

/** How "Make it default" on a duplicate ended. */
export type MakeDefaultOutcome = { wallet: WalletState } | { error: unknown };

export class SaveController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #form: SaveForm;
  /** The attempt of each kind, with its idempotency key and, once tokenized, the body held for a retry. */
  readonly attempts: SaveAttempts;
  #pending = false;
  #wallet?: WalletState;
  #abort?: AbortController;

  constructor(host: ReactiveControllerHost, form: SaveForm) {
    this.#host = host;
    this.#form = form;
    this.attempts = new SaveAttempts(() => host.requestUpdate());
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#abort?.abort();
  }

  /** Whether a save or a change of default is under way. */
  get pending(): boolean {
    return this.#pending;
  }

  /** The saved methods and limit as the backend last answered a save, a change of default or the read after a duplicate. */
  get wallet(): WalletState | undefined {
    return this.#wallet;
  }

  /** Forgets `wallet`, as on reset or when the endpoint changes. */
  forgetWallet(): void {
    this.#wallet = undefined;
  }

  /**
   * Tokenizes (unless a body is held) and saves `kind`, then hands `settle` the outcome
   * while the save still counts as pending; an outcome after the element left is dropped.
   */
  async save(kind: MethodKind, settle: (outcome: SaveOutcome) => void): Promise<void> {
    const form = this.#form;
    const { signal } = (this.#abort = new AbortController());
    this.#setPending(true);
    const outcome = await runSave(this.attempts, kind, {
      prepare: () => form.prepare(),
      tokenize: async () => {
        const tokenizer = await form.tokenizer();
        const request = form.tokenRequest(kind);
        const { token, metadata } = await tokenizer.tokenize(request, { signal });
        return { token, held: { brand: form.brand(kind), last4: last4Of(metadata, (request.creditCard ?? request.check).accountNumber) } };
      },
      details: () => form.details(kind),
      tokenized: () => form.tokenized(),
      save: (body, key) => addMethod(form.endpoint(), body, key, { signal }),
    });
    if ('saved' in outcome) this.#wallet = { methods: outcome.saved.methods, limit: outcome.saved.limit };
    // A duplicate is named, and offered as the default only if it is not already: that needs the wallet as it is.
    else if (outcome.error instanceof WalletApiError && outcome.error.code === 'duplicate' && !signal.aborted) await this.#read(signal);
    if ('saved' in outcome || !signal.aborted) settle(outcome);
    this.#setPending(false);
  }

  /** Makes the saved method `id` the default, then hands `settle` the outcome while still pending; nothing while pending. */
  async makeDefault(id: string, settle: (outcome: MakeDefaultOutcome) => void): Promise<void> {
    if (this.#pending) return;
    this.#setPending(true);
    let outcome: MakeDefaultOutcome;
    try {
      const { methods, limit } = await setDefaultMethod(this.#form.endpoint(), id);
      outcome = { wallet: (this.#wallet = { methods, limit }) };
    } catch (error) {
      outcome = { error };
    }
    settle(outcome);
    this.#setPending(false);
  }

  /** Reads the wallet as it is into `wallet`; a failed read leaves `wallet` as it was. */
  async #read(signal: AbortSignal): Promise<void> {
    try {
      const { methods, limit } = await listMethods(this.#form.endpoint(), { signal });
      this.#wallet = { methods, limit };
    } catch {
      // The outcome is told without the wallet.
    }
  }

  #setPending(pending: boolean): void {
    this.#pending = pending;
    this.#host.requestUpdate();
  }
}
