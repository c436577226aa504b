/**
 * The wire contract between the elements and the merchant backend
 * (`docs/contract.md`). Shared by browser and server code; types only, plus
 * the few constants both sides must agree on.
 */

/** What a saved payment method is: a card or a US bank account (ACH). */
export type MethodKind = 'card' | 'bank';

/**
 * The network of a saved method, normalised from the gateway's `network`.
 * Bank accounts are always `ach`; a card network we do not recognise is `unknown`.
 */
export type Brand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'ach' | 'unknown';

/** Checking or savings, for bank accounts when the gateway tells us. */
export type BankAccountType = 'checking' | 'savings';

/** A saved payment method as the elements see it: display facts only, never a full number. */
export interface PaymentMethod {
  /** The gateway's wallet entry id (`^[0-9A-Za-z-]{8,64}$`). */
  id: string;
  kind: MethodKind;
  brand: Brand;
  /** The last four characters of the masked account number. */
  last4: string;
  /** 1-12, cards only. */
  expMonth?: number;
  /** Four-digit year, cards only. */
  expYear?: number;
  /** Bank accounts only, when known. */
  accountType?: BankAccountType;
  isDefault: boolean;
  /** ISO 8601 timestamp of the save at the gateway; sorting by it, newest first, gives the gateway's order. */
  createdAt: string;
  holderName?: string;
  /**
   * `false` when the merchant's policy refuses removing this method (a `DELETE` would answer
   * `409 remove_blocked`); absent when it may be removed.
   */
  removable?: false;
  /** With `removable: false`: the merchant's reason, a sentence shown to the shopper. */
  removeBlockedReason?: string;
}

/** A postal address as the gateway takes it for `billingAddress`. */
export interface BillingAddress {
  name?: string;
  line1?: string;
  line2?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
}

/** `GET {endpoint}/config`: public facts only. */
export interface WalletConfig {
  publicKey: string;
  gatewayUrl: string;
  limit: number;
  kinds: MethodKind[];
}

/** `GET {endpoint}/methods`, and the answer to every mutation. */
export interface WalletState {
  methods: PaymentMethod[];
  limit: number;
}

/** `POST {endpoint}/methods` body. Sent with an `Idempotency-Key` header. */
export interface AddMethodRequest {
  token: string;
  makeDefault?: boolean;
  billingAddress?: BillingAddress;
  /**
   * The id of a method the new one replaces: the new one is saved, made the default if the old
   * one was, and the old one removed, all under the request's `Idempotency-Key`.
   */
  replaces?: string;
}

/** The step of a replacement that did not complete. */
export type ReplaceStep = 'default' | 'remove';

/** What became of the method named by `replaces`, in the answer to a replacing save. */
export interface ReplaceOutcome {
  /** The id of the method named by `replaces`. */
  id: string;
  /** `true` when it is no longer in the wallet: the replacement is complete. */
  removed: boolean;
  /** When not removed: the step that did not complete (`default`: making the new method the default). */
  failedStep?: ReplaceStep;
  /** When not removed: why, as a contract error code. */
  code?: 'remove_blocked' | 'change_failed' | 'gateway_error' | 'gateway_timeout';
  /** `remove_blocked`: the merchant's reason, shown to the shopper. */
  reason?: string;
  /** When not removed: whether sending the same request again, with the same `Idempotency-Key`, completes the rest. */
  retryable?: boolean;
}

/** `201` answer to `POST {endpoint}/methods`. */
export interface AddMethodResponse extends WalletState {
  method: PaymentMethod;
  /** Only when the request named `replaces`. */
  replaced?: ReplaceOutcome;
}

/** `DELETE {endpoint}/methods/{id}` answer. */
export interface RemoveMethodResponse extends WalletState {
  /** When the removed method was the default and others remain: the method that is the default now. */
  promoted?: string;
}

/** The stable error codes of the contract, each with its one HTTP status. */
export const ERROR_STATUS = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  wallet_full: 409,
  duplicate: 409,
  remove_blocked: 409,
  /** `PUT .../default` on a card past its expiry month: it can never be the default. */
  expired: 409,
  idempotency_conflict: 409,
  invalid_request: 400,
  declined: 402,
  rate_limited: 429,
  /**
   * `PUT .../default` or `DELETE .../{id}`: the gateway failed, and the wallet read again shows that
   * the change did not take effect. Definite: nothing changed; the body carries the wallet.
   */
  change_failed: 502,
  /** The outcome is unknown: the gateway failed and could not be read again (or a read or save failed). */
  gateway_error: 502,
  /** As `gateway_error`, for a gateway that did not answer in time. */
  gateway_timeout: 504,
  /** A store the handler keeps its state in (rate limits, idempotency, locks) failed; no change was sent to the gateway. */
  store_unavailable: 503,
  /** A fault in the merchant backend itself (a hook threw, a misconfiguration); never caused by the shopper. */
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * The body of every error answer. `methods` and `limit` come with it where the handler read the
 * wallet and knows it for sure: `change_failed`, and `not_found` from `PUT .../default` and
 * `DELETE .../{id}` (the wallet without the method the request named).
 */
export interface ErrorBody extends Partial<WalletState> {
  error: {
    code: ErrorCode;
    /** A sentence for developers; elements show their own localized text. */
    message: string;
    /** The gateway's request id, when the error came from (or passed through) the gateway. */
    requestId?: string;
    /** `duplicate`: the id of the method already saved. */
    existingMethodId?: string;
    /** `remove_blocked`: the merchant's reason, shown to the shopper. */
    reason?: string;
    /** `rate_limited`: seconds to wait (also in the `Retry-After` header). */
    retryAfter?: number;
    /** `invalid_request` from gateway validation: the field it concerns, when known. */
    field?: string;
  };
}

/** Paths below the merchant's mount point. */
export const ROUTES = {
  config: '/config',
  methods: '/methods',
  method: (id: string) => `/methods/${encodeURIComponent(id)}`,
  makeDefault: (id: string) => `/methods/${encodeURIComponent(id)}/default`,
} as const;

/** The header that makes an add safe to retry. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** eCrypt's documented wallet size. */
export const WALLET_LIMIT = 4;

/** eCrypt's documented pattern for customer and wallet ids in a path. */
export const GATEWAY_ID_PATTERN = /^[0-9A-Za-z-]{8,64}$/;
