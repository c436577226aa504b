/**
 * The options of `createWalletHandler` and their defaults, resolved once so
 * that every route reads one complete, validated configuration.
 */
import type { PaymentMethod } from '../protocol/index.js';
import { normalizeOrigins } from './cross-site.js';
import type { CustomerProfile, GatewayFetch, RetryOptions } from './gateway-client.js';
import { consoleLogger, type Logger } from './logger.js';
import type { RateLimitOptions } from './rate-limit.js';
import {
  MemoryIdempotencyStore,
  MemoryRateLimitStore,
  MemorySaveNoteStore,
  type IdempotencyStore,
  type RateLimitStore,
  type SaveNoteStore,
} from './stores.js';
import { createKeyedLock, type KeyedLock } from './keyed-lock.js';

/** What the handler tells the merchant after each change it made. */
export interface AuditEvent {
  type: 'method_added' | 'default_changed' | 'method_removed';
  customerId: string;
  methodId: string;
  /** The gateway's request id of the change. */
  requestId?: string;
  /** ISO 8601, from the handler's clock. */
  at: string;
}

/** The answer of `canRemove`: allowed, or refused with a reason the shopper is shown. */
export type RemoveDecision = true | { allowed: false; reason: string };

/**
 * The answer of `removePolicy`: a decision per method id. An id left out may be removed
 * (answer only the refusals, if that is simpler).
 */
export type RemoveDecisions = Record<string, RemoveDecision | undefined> | ReadonlyMap<string, RemoveDecision>;

/**
 * Lazy creation of the eCrypt customer on a shopper's first save. `context` is
 * the handler's second argument (see `WalletHandlerOptions.customerFor`).
 */
export interface CreateCustomerOptions<Context = unknown> {
  /**
   * The customer fields for a signed-in shopper who has no eCrypt customer yet,
   * or `null` when the request is not signed in (answered 401).
   */
  profileFor(request: Request, context: Context): CustomerProfile | null | Promise<CustomerProfile | null>;
  /** Called once the customer exists; store `customerId` in the merchant's account so `customerFor` returns it from now on. */
  onCreated(request: Request, customerId: string, context: Context): void | Promise<void>;
}

/**
 * `Context` is whatever the platform passes as the handler's second argument:
 * `{ req, res }` from the Node adapters (`NodeContext`, so Express's
 * `req.session` is reachable), Next.js's `{ params }`, or `undefined` when the
 * handler is called with the request alone.
 */
export interface WalletHandlerOptions<Context = unknown> {
  /** The eCrypt private key. Never leaves the server: not in answers, errors or logs. */
  privateKey: string;
  /** The eCrypt public key, served by `/config` for browser tokenisation. */
  publicKey: string;
  /** The gateway's base URL, without `/v1`. Default `https://api.ecrypt.com`. */
  gatewayUrl?: string;
  /** The path the handler is mounted at, e.g. `/api/wallet`. Default `''` (routes at the root). */
  basePath?: string;
  /** Other origins (scheme://host[:port]) allowed to change the wallet, e.g. a separate checkout domain. */
  allowedOrigins?: string[];
  /**
   * The eCrypt customer id of the shopper signed in on this request, from the
   * merchant's own session; `null` when there is none (not signed in, or, with
   * `createCustomer`, signed in without an eCrypt customer yet). Never read it
   * from anything the browser sends. `context` is the handler's second
   * argument, e.g. `{ req, res }` from `toConnectMiddleware` (`req.session`).
   */
  customerFor(request: Request, context: Context): string | null | undefined | Promise<string | null | undefined>;
  /** Creates the eCrypt customer on the first save when `customerFor` answers `null`. */
  createCustomer?: CreateCustomerOptions<Context>;
  /**
   * Merchant policy for removals (for example the method of an active subscription), asked per
   * method: before a removal, and for every method of every wallet the handler answers, so the
   * elements can show a method that cannot be removed before the shopper tries.
   */
  canRemove?(method: PaymentMethod, request: Request, context: Context): RemoveDecision | Promise<RemoveDecision>;
  /**
   * The same policy for a whole wallet in one call (one query instead of one per method): a
   * decision per method id. Give this or `canRemove`, not both.
   */
  removePolicy?(methods: PaymentMethod[], request: Request, context: Context): RemoveDecisions | Promise<RemoveDecisions>;
  /** Told after every change; errors it throws are logged, not answered. */
  audit?(event: AuditEvent): void | Promise<void>;
  /** Time a gateway call may take, in ms. Default 10000. */
  timeoutMs?: number;
  /** GET retries. Default `{ attempts: 3, baseDelayMs: 100 }`. */
  retry?: Partial<RetryOptions>;
  /**
   * Requests per shopper in each window: save attempts, reads, and changes (make default and
   * remove together). Default `{ adds: 10, reads: 600, changes: 120, windowMs: 3600000 }`; each
   * one left out keeps its default; `false` turns all off.
   */
  rateLimit?: Partial<RateLimitOptions> | false;
  /** Shared state; in-memory by default (one process). Several instances share all four (see `./server/redis`). */
  stores?: HandlerStores;
  /** How long an idempotent answer is replayed, in ms. Default 24 h. */
  idempotencyTtlMs?: number;
  /**
   * The fetch used for the gateway. Default `globalThis.fetch` (looked up per call).
   * Any fetch-compatible function fits; on Node, `createNodeFetch()` from
   * `./node-fetch.js` is a leaner keep-alive `node:http` transport.
   */
  fetch?: GatewayFetch;
  /** The clock, epoch ms. Default `Date.now`. */
  now?: () => number;
  /** Where log lines go. Default: warnings and errors to the console. Lines never carry bodies, card data or keys. */
  logger?: Logger;
  /** Largest accepted request body, in bytes. Default 8192. */
  maxBodyBytes?: number;
}

/** The state the handler keeps, each piece replaceable by a shared implementation. */
export interface HandlerStores {
  rateLimit?: RateLimitStore;
  idempotency?: IdempotencyStore;
  /** Notes that a save was sent, read by its retry. */
  saveNotes?: SaveNoteStore;
  /** The lock around the two critical sections: one customer created per shopper, one save at a time per wallet. */
  lock?: KeyedLock;
}

/** Options with every default filled in. */
export interface ResolvedOptions {
  privateKey: string;
  publicKey: string;
  gatewayUrl: string;
  basePath: string;
  allowedOrigins: ReadonlySet<string>;
  customerFor: WalletHandlerOptions['customerFor'];
  createCustomer?: CreateCustomerOptions;
  canRemove?: WalletHandlerOptions['canRemove'];
  removePolicy?: WalletHandlerOptions['removePolicy'];
  audit?: WalletHandlerOptions['audit'];
  timeoutMs: number;
  retry: RetryOptions;
  rateLimit: Required<RateLimitOptions> | false;
  rateLimitStore: RateLimitStore;
  idempotencyStore: IdempotencyStore;
  saveNoteStore: SaveNoteStore;
  lock: KeyedLock;
  idempotencyTtlMs: number;
  fetch: GatewayFetch;
  now: () => number;
  logger: Logger;
  maxBodyBytes: number;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new TypeError(`${name} must be a positive number.`);
  return value;
}

/** Fills in defaults and refuses configurations that cannot work. Errors name the option, never its value. */
export function resolveOptions(options: WalletHandlerOptions): ResolvedOptions {
  if (typeof options?.privateKey !== 'string' || options.privateKey === '') throw new TypeError('privateKey is required.');
  if (typeof options.publicKey !== 'string' || options.publicKey === '') throw new TypeError('publicKey is required.');
  if (options.publicKey === options.privateKey) throw new TypeError('publicKey must not be the private key (it is served to browsers).');
  if (typeof options.customerFor !== 'function') throw new TypeError('customerFor is required.');
  if (options.canRemove && options.removePolicy) throw new TypeError('Give canRemove or removePolicy, not both.');
  const gatewayUrl = (options.gatewayUrl ?? 'https://api.ecrypt.com').replace(/\/+$/, '').replace(/\/v1$/, '');
  if (!/^https?:\/\//.test(gatewayUrl)) throw new TypeError('gatewayUrl must be an http(s) URL.');
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  if (basePath !== '' && !basePath.startsWith('/')) throw new TypeError('basePath must start with "/".');
  const rateLimit =
    options.rateLimit === false
      ? false
      : {
          adds: positive('rateLimit.adds', options.rateLimit?.adds, 10),
          windowMs: positive('rateLimit.windowMs', options.rateLimit?.windowMs, 3_600_000),
          reads: positive('rateLimit.reads', options.rateLimit?.reads, 600),
          changes: positive('rateLimit.changes', options.rateLimit?.changes, 120),
        };
  const outerFetch = options.fetch;
  return {
    privateKey: options.privateKey,
    publicKey: options.publicKey,
    gatewayUrl,
    basePath,
    allowedOrigins: normalizeOrigins(options.allowedOrigins ?? []),
    customerFor: options.customerFor,
    createCustomer: options.createCustomer,
    canRemove: options.canRemove,
    removePolicy: options.removePolicy,
    audit: options.audit,
    timeoutMs: positive('timeoutMs', options.timeoutMs, 10_000),
    retry: {
      attempts: positive('retry.attempts', options.retry?.attempts, 3),
      baseDelayMs: positive('retry.baseDelayMs', options.retry?.baseDelayMs, 100),
    },
    rateLimit,
    rateLimitStore: options.stores?.rateLimit ?? new MemoryRateLimitStore(),
    idempotencyStore: options.stores?.idempotency ?? new MemoryIdempotencyStore(),
    saveNoteStore: options.stores?.saveNotes ?? new MemorySaveNoteStore(),
    lock: options.stores?.lock ?? createKeyedLock(),
    idempotencyTtlMs: positive('idempotencyTtlMs', options.idempotencyTtlMs, 24 * 3_600_000),
    fetch: outerFetch ?? ((input, init) => globalThis.fetch(input, init)),
    now: options.now ?? Date.now,
    logger: options.logger ?? consoleLogger,
    maxBodyBytes: positive('maxBodyBytes', options.maxBodyBytes, 8192),
  };
}
