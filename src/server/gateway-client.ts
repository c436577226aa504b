/**
 * The merchant backend's client for the eCrypt wallet API (ecrypt-api.md
 * sections 3-5), with the private key. Every call has a timeout; GETs are
 * retried with exponential backoff on 429, 5xx and network errors, while
 * POST/PUT are sent once, because a retried write whose first attempt did land
 * would store or change something twice. POSTs that create something carry an
 * upstream `Idempotency-Key` when the caller gives one, so that the caller's
 * own retry (after a lost answer) gets the gateway's first answer instead of a
 * second save. Redirects are never followed: they would carry the private key to
 * whatever origin they name. A DELETE may be retried on request (`removeFromWallet(..., { retry: true })`):
 * deleting twice removes nothing more, and a 404 on a retry means the first attempt landed.
 */
import { GATEWAY_ID_PATTERN, type BillingAddress, type PaymentMethod } from '../protocol/index.js';
import type { Logger } from './logger.js';
import {
  parseGatewayBody,
  readCustomerId,
  readGatewayErrors,
  readRequestId,
  readWalletEntry,
  readWalletList,
  UpstreamShapeError,
} from './normalize.js';

/** How GETs are retried: `attempts` in total (first try included), delays `baseDelayMs * 2^n`. */
export interface RetryOptions {
  attempts: number;
  baseDelayMs: number;
}

/** What the gateway client passes to its `fetch`: always a URL string and a plain header record. */
export interface GatewayFetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** `'manual'` from the gateway client, always: a redirect would take the private key to the origin it names, so it is answered as a failure. */
  redirect?: 'manual';
}

/** Header lookup by case-insensitive name, as fetch's `Headers` does it. */
export interface GatewayFetchHeaders {
  get(name: string): string | null;
}

/** The part of a fetch `Response` the gateway client reads. */
export interface GatewayFetchResponse {
  readonly status: number;
  readonly ok: boolean;
  /**
   * Read for `Idempotent-Replayed`, which decides how a retried save is checked. A fetch
   * `Headers` fits; a plain record of lower-case names (Node's `IncomingHttpHeaders`) is read
   * too. Without headers a replay is never recognised, so a transport should always give them.
   */
  readonly headers?: GatewayFetchHeaders | Readonly<Record<string, string | string[] | undefined>>;
  text(): Promise<string>;
}

/**
 * The `fetch` the gateway client calls: a structural subset of the standard
 * `fetch`, so `globalThis.fetch` (or any fetch-compatible function) fits, and so
 * does a leaner transport such as `createNodeFetch()` (`./node-fetch.js`).
 */
export type GatewayFetch = (url: string, init: GatewayFetchInit) => Promise<GatewayFetchResponse>;

export interface GatewayClientOptions {
  /** Base URL without `/v1`, e.g. `https://api.ecrypt.com`. */
  baseUrl: string;
  privateKey: string;
  fetch: GatewayFetch;
  timeoutMs: number;
  retry: RetryOptions;
  logger: Logger;
  /** Waits between retries; injectable so tests need not wait. */
  sleep?: (ms: number) => Promise<void>;
}

/** Why a gateway call failed. Messages are ours, fixed, and never carry the key or upstream text. */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  constructor(
    readonly kind: 'status' | 'timeout' | 'network' | 'shape',
    message: string,
    readonly status = 0,
    readonly requestId?: string,
    readonly errors: { type?: string; message?: string; field?: string }[] = [],
  ) {
    super(message);
  }
}

/** Customer fields for `POST /v1/customers` (ecrypt-api.md section 3). */
export interface CustomerProfile {
  firstName?: string;
  lastName?: string;
  company?: string;
  merchantIdentifier?: string;
  phoneNumber?: string;
  emailAddress?: string;
  metadata?: Record<string, string>;
}

export interface AddToWalletInput {
  token: string;
  makeDefault: boolean;
  billingAddress?: BillingAddress;
}

/** Per-call options for writes. */
export interface WriteOptions {
  /** Sent as the upstream `Idempotency-Key` (1-255 printable ASCII): a resend replays the gateway's first answer. */
  idempotencyKey?: string;
}

interface Answer {
  status: number;
  body: unknown;
  requestId?: string;
  /** The gateway replayed a stored answer for the Idempotency-Key. */
  replayed: boolean;
}

const sleepReal = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

/** Rejects as soon as `signal` aborts, even when `promise` ignores the signal (an injected fetch may). */
function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** One header from a record of lower-cased names (Node's `IncomingHttpHeaders`), repeated ones joined as fetch joins them; `null` when absent. */
export function headerFromRecord(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string | null {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : null;
}

/** One header of a gateway answer, whichever shape its transport gives headers in; `null` when absent. */
function headerOf(answer: GatewayFetchResponse, name: string): string | null {
  const headers = answer.headers;
  if (!headers || typeof headers !== 'object') return null;
  if (typeof headers.get === 'function') return (headers as GatewayFetchHeaders).get(name);
  return headerFromRecord(headers as Readonly<Record<string, string | string[] | undefined>>, name);
}

/** Whether the gateway said it replayed a stored answer (`Idempotent-Replayed: true`). */
function replayedHeader(answer: GatewayFetchResponse): boolean {
  return headerOf(answer, 'idempotent-replayed')?.trim().toLowerCase() === 'true';
}

/**
 * A redirect answer: a 3xx (Node's fetch and `createNodeFetch` give it as it came) or a browser's
 * opaque redirect (status 0). Never followed: the request carries the private key.
 */
function isRedirect(answer: GatewayFetchResponse): boolean {
  return (answer.status >= 300 && answer.status < 400) || (answer as { type?: string }).type === 'opaqueredirect';
}

function assertId(id: string): string {
  // Defence in depth: routes validate ids already; nothing unvalidated may reach a URL.
  if (!GATEWAY_ID_PATTERN.test(id)) throw new GatewayError('status', 'An id failed validation before reaching the gateway.', 404);
  return encodeURIComponent(id);
}

export interface GatewayClient {
  listWallet(customerId: string): Promise<{ methods: PaymentMethod[]; requestId?: string }>;
  addToWallet(
    customerId: string,
    input: AddToWalletInput,
    write?: WriteOptions,
  ): Promise<{ method: PaymentMethod; requestId?: string; replayed: boolean }>;
  setDefault(customerId: string, walletId: string): Promise<{ requestId?: string }>;
  /** With `retry: true`, retried like a GET (DELETE is idempotent); a 404 on a retry counts as removed. */
  removeFromWallet(customerId: string, walletId: string, options?: { retry?: boolean }): Promise<{ requestId?: string }>;
  /** `replayed`: the gateway answered a customer it created earlier for the same `Idempotency-Key`. */
  createCustomer(profile: CustomerProfile, write?: WriteOptions): Promise<{ customerId: string; requestId?: string; replayed: boolean }>;
}

export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const { privateKey, timeoutMs, retry, logger } = options;
  const baseUrl = options.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
  const sleep = options.sleep ?? sleepReal;
  // Looked up per call so a merchant (or a test) that swaps globalThis.fetch later is honoured.
  const doFetch = options.fetch;
  const JSON_ONLY: Record<string, string> = { 'x-api-key': privateKey, Accept: 'application/json' };
  const WITH_BODY: Record<string, string> = { ...JSON_ONLY, 'Content-Type': 'application/json' };

  async function once(method: string, path: string, body: unknown, op: string, write: WriteOptions = {}): Promise<Answer> {
    // Not AbortSignal.timeout(): its timer does not keep Node's event loop alive, so a
    // call whose fetch never settles could end a process (or a test) without an answer.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('The gateway call timed out.', 'TimeoutError')), timeoutMs);
    const signal = controller.signal;
    const started = Date.now();
    let response: GatewayFetchResponse;
    let text: string;
    let replayed: boolean;
    try {
      // One race for the answer and its body: the timeout covers both.
      const headers = body === undefined ? { ...JSON_ONLY } : { ...WITH_BODY };
      if (write.idempotencyKey !== undefined) headers['Idempotency-Key'] = write.idempotencyKey;
      const init: GatewayFetchInit =
        body === undefined
          ? { method, signal, headers, redirect: 'manual' }
          : { method, signal, headers, redirect: 'manual', body: JSON.stringify(body) };
      ({ response, text, replayed } = await raceSignal(
        doFetch(baseUrl + path, init).then(async answer => ({
          response: answer,
          text: await answer.text(),
          replayed: replayedHeader(answer),
        })),
        signal,
      ));
    } catch {
      // The caught error is not logged or wrapped: a fetch error may quote the request.
      if (signal.aborted) {
        logger.warn('gateway timeout', { op, ms: Date.now() - started });
        throw new GatewayError('timeout', `The gateway did not answer within ${timeoutMs} ms.`);
      }
      logger.warn('gateway unreachable', { op, ms: Date.now() - started });
      throw new GatewayError('network', 'The gateway could not be reached.');
    } finally {
      clearTimeout(timer);
    }
    if (isRedirect(response)) {
      logger.warn('gateway redirect not followed', { op, status: response.status, ms: Date.now() - started });
      throw new GatewayError('status', 'The gateway answered with a redirect, which is not followed.', response.status);
    }
    let parsed: unknown;
    try {
      parsed = text === '' && response.status === 204 ? {} : parseGatewayBody(text);
    } catch {
      logger.warn('gateway answered non-JSON', { op, status: response.status, ms: Date.now() - started });
      throw new GatewayError(
        response.ok ? 'shape' : 'status',
        'The gateway answered with a body that is not JSON.',
        response.ok ? 0 : response.status,
      );
    }
    const requestId = readRequestId(parsed);
    logger.info('gateway call', { op, status: response.status, requestId, ms: Date.now() - started, ...(replayed ? { replayed } : {}) });
    if (!response.ok) {
      throw new GatewayError('status', `The gateway answered ${response.status}.`, response.status, requestId, readGatewayErrors(parsed));
    }
    return { status: response.status, body: parsed, requestId, replayed };
  }

  /** Sends an idempotent request (GET, DELETE) with retries and backoff on 429, 5xx, timeouts of a DELETE and network errors. */
  async function retried(method: 'GET' | 'DELETE', path: string, op: string): Promise<Answer> {
    const attempts = Math.max(1, Math.floor(retry.attempts));
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(method, path, undefined, op);
      } catch (error) {
        // A DELETE whose earlier attempt landed (its answer lost) finds nothing the second time: it is gone, as asked.
        if (method === 'DELETE' && attempt > 1 && error instanceof GatewayError && error.kind === 'status' && error.status === 404) {
          return { status: 404, body: {}, requestId: error.requestId, replayed: false };
        }
        const retryable =
          error instanceof GatewayError &&
          (error.kind === 'network' ||
            (method === 'DELETE' && error.kind === 'timeout') ||
            (error.kind === 'status' && (error.status === 429 || error.status >= 500)));
        if (!retryable || attempt >= attempts) throw error;
        // Exponential backoff with jitter, so several instances do not retry in step.
        const delay = retry.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
        logger.info('gateway retry', { op, attempt, delayMs: Math.round(delay) });
        await sleep(Math.min(delay, 5_000));
      }
    }
  }

  function read<T>(answer: Answer, reader: (body: unknown) => T): T {
    try {
      return reader(answer.body);
    } catch (error) {
      if (error instanceof UpstreamShapeError) throw new GatewayError('shape', error.message, 0, answer.requestId);
      throw error;
    }
  }

  return {
    async listWallet(customerId) {
      const answer = await retried('GET', `/v1/customers/${assertId(customerId)}/wallet`, 'wallet.list');
      return { methods: read(answer, readWalletList), requestId: answer.requestId };
    },
    async addToWallet(customerId, input, write) {
      const body = {
        token: input.token,
        default: input.makeDefault,
        ...(input.billingAddress ? { billingAddress: input.billingAddress } : {}),
      };
      const answer = await once('POST', `/v1/customers/${assertId(customerId)}/wallet`, body, 'wallet.add', write);
      return { method: read(answer, readWalletEntry), requestId: answer.requestId, replayed: answer.replayed };
    },
    async setDefault(customerId, walletId) {
      const answer = await once(
        'PUT',
        `/v1/customers/${assertId(customerId)}/wallet/${assertId(walletId)}`,
        { default: true },
        'wallet.default',
      );
      return { requestId: answer.requestId };
    },
    async removeFromWallet(customerId, walletId, removeOptions) {
      const path = `/v1/customers/${assertId(customerId)}/wallet/${assertId(walletId)}`;
      const answer = removeOptions?.retry
        ? await retried('DELETE', path, 'wallet.remove')
        : await once('DELETE', path, undefined, 'wallet.remove');
      return { requestId: answer.requestId };
    },
    async createCustomer(profile, write) {
      const answer = await once('POST', '/v1/customers', profile, 'customer.create', write);
      return { customerId: read(answer, readCustomerId), requestId: answer.requestId, replayed: answer.replayed };
    },
  };
}
