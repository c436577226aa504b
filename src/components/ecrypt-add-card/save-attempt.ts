/**
 * The tokenize-then-save attempt of `<ecrypt-add-card>`, without DOM. A submission gets
 * an idempotency key; once its details are tokenized, the exact body is held so that a
 * retry after an unknown outcome resends the same request with the same key (the backend
 * then never stores the method twice), and the shopper sees only the masked account.
 */
import type { AddMethodRequest, AddMethodResponse, BillingAddress, Brand, MethodKind, TokenMetadata } from '../../protocol/index.js';
import type { EcryptOperation } from '../../events/wallet-events.js';
import { defined } from '../../lib/defined.js';

/** What the shopper sees of a tokenized account held for a retry. */
export interface HeldMethod {
  brand: Brand;
  last4: string;
}

/** One submission: its idempotency key and, once tokenized, the body to resend and what is shown of it. */
export interface SaveAttempt {
  readonly key: string;
  readonly body?: AddMethodRequest;
  readonly held?: HeldMethod;
}

/**
 * The attempt of each kind, apart, so that typing in or saving one kind never throws away
 * the other's held retry. `onChange` hears every change (the element re-renders).
 */
export class SaveAttempts {
  #byKind: Partial<Record<MethodKind, SaveAttempt>> = {};
  readonly #onChange: () => void;

  constructor(onChange: () => void) {
    this.#onChange = onChange;
  }

  /** The attempt of `kind`, if one is under way or held. */
  get(kind: MethodKind): SaveAttempt | undefined {
    return this.#byKind[kind];
  }

  /** The held attempt of `kind`, or a new one with a fresh key. */
  start(kind: MethodKind): SaveAttempt {
    return this.#set(kind, this.#byKind[kind] ?? { key: crypto.randomUUID() });
  }

  /** Keeps the tokenized `body` of the attempt of `kind` (same key), and what is shown of it. */
  hold(kind: MethodKind, body: AddMethodRequest, held: HeldMethod): SaveAttempt {
    const attempt = this.#byKind[kind];
    if (!attempt) throw new Error(`No ${kind} attempt under way.`);
    return this.#set(kind, { key: attempt.key, body, held });
  }

  /** Forgets the attempt of `kind`, or of every kind. */
  forget(kind?: MethodKind): void {
    if (!kind) this.#byKind = {};
    else if (this.#byKind[kind]) this.#byKind = { ...this.#byKind, [kind]: undefined };
    else return;
    this.#onChange();
  }

  /**
   * After a failed `operation`: a save that may or may not have been stored (`retriable`)
   * keeps its key and body, so that a retry resends exactly the same request; a save the
   * backend answered for good needs a fresh token and key.
   */
  failed(kind: MethodKind, operation: EcryptOperation, retriable: boolean): void {
    if (operation === 'add' && !retriable) this.forget(kind);
  }

  #set(kind: MethodKind, attempt: SaveAttempt): SaveAttempt {
    this.#byKind = { ...this.#byKind, [kind]: attempt };
    this.#onChange();
    return attempt;
  }
}

/** What one save does, step by step; the element supplies each step. */
export interface SaveSteps {
  /** Loads what is needed to tell any outcome; when that fails nothing is sent: the form did not load whole. */
  prepare(): Promise<unknown>;
  /** Reads the raw details from the inputs, only now, and tokenizes them. */
  tokenize(): Promise<{ token: string; held: HeldMethod }>;
  /** What is saved with the token, read as the token is made. */
  details(): Omit<AddMethodRequest, 'token'>;
  /** A token exists, now held in `attempt`: the raw numbers may leave the inputs. */
  tokenized(attempt: SaveAttempt): void;
  /** Sends `body` to the merchant backend under the idempotency `key`. */
  save(body: AddMethodRequest, key: string): Promise<AddMethodResponse>;
}

/** How a save ended: the backend's answer, or the operation that failed and why. */
export type SaveOutcome = { saved: AddMethodResponse } | { failed: EcryptOperation; error: unknown };

/**
 * Runs the attempt of `kind` in `attempts`: tokenizes unless a body is held, then saves
 * with the attempt's key. A held body is resent exactly, with nothing read from the inputs.
 */
export async function runSave(attempts: SaveAttempts, kind: MethodKind, steps: SaveSteps): Promise<SaveOutcome> {
  let attempt = attempts.start(kind);
  let operation: EcryptOperation = 'config';
  try {
    await steps.prepare();
    operation = 'tokenize';
    if (!attempt.body) {
      const { token, held } = await steps.tokenize();
      attempt = attempts.hold(kind, { token, ...steps.details() }, held);
      steps.tokenized(attempt);
    }
    operation = 'add';
    return { saved: await steps.save(attempt.body!, attempt.key) };
  } catch (error) {
    return { failed: operation, error };
  }
}

/** The last four digits shown for a tokenized account: the gateway's, else those of the number sent. */
export const last4Of = (metadata: Partial<TokenMetadata>, accountNumber = ''): string =>
  (metadata.accountNumber ?? accountNumber).slice(-4);

/** The billing address sent with a token, only with the parts the shopper filled in. */
export function billingAddressOf(name: string, postalCode: string): { billingAddress?: BillingAddress } {
  const address: BillingAddress = defined({ name: name.trim() || undefined, postalCode: postalCode.trim() || undefined });
  return Object.keys(address).length ? { billingAddress: address } : {};
}
