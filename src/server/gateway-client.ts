/**
 * The merchant backend's client for the eCrypt wallet API (ecrypt-api.md
 * sections 3-5), with the private key. Every call has a timeout; GETs are
 * retried with exponential backoff on 429, 5xx and network errors, while
 * POST/PUT/DELETE are sent once, because a retried write whose first attempt
 * did land would store or change something twice.
 */
import { GATEWAY_ID_PATTERN, type BillingAddress, type PaymentMethod } from '../protocol/index.js';
import type { Logger } from './logger.js';
import { parseGatewayBody, readCustomerId, readGatewayErrors, readRequestId, readWalletEntry, readWalletList, UpstreamShapeError } from './normalize.js';

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
}

/** The part of a fetch `Response` the gateway client reads. */
export interface GatewayFetchResponse {
  readonly status: number;
  readonly ok: boolean;
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

interface Answer {
  status: number;
  body: unknown;
  requestId?: string;
}

const sleepReal = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Rejects as soon as `signal` aborts, even when `promise` ignores the signal (an injected fetch may). */
function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function assertId(id: string): string {
  // Defence in depth: routes validate ids already; nothing unvalidated may reach a URL.
  if (!GATEWAY_ID_PATTERN.test(id)) throw new GatewayError('status', 'An id failed validation before reaching the gateway.', 404);
  return encodeURIComponent(id);
}

export interface GatewayClient {
  listWallet(customerId: string): Promise<{ methods: PaymentMethod[]; requestId?: string }>;
  addToWallet(customerId: string, input: AddToWalletInput): Promise<{ method: PaymentMethod; requestId?: string }>;
  setDefault(customerId: string, walletId: string): Promise<{ requestId?: string }>;
  removeFromWallet(customerId: string, walletId: string): Promise<{ requestId?: string }>;
  createCustomer(profile: CustomerProfile): Promise<{ customerId: string; requestId?: string }>;
}

export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const { privateKey, timeoutMs, retry, logger } = options;
  const baseUrl = options.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
  const sleep = options.sleep ?? sleepReal;
  // Looked up per call so a merchant (or a test) that swaps globalThis.fetch later is honoured.
  const doFetch = options.fetch;
  const JSON_ONLY: Record<string, string> = { 'x-api-key': privateKey, Accept: 'application/json' };
  const WITH_BODY: Record<string, string> = { ...JSON_ONLY, 'Content-Type': 'application/json' };

  async function once(method: string, path: string, body: unknown, op: string): Promise<Answer> {
    // Not AbortSignal.timeout(): its timer does not keep Node's event loop alive, so a
    // call whose fetch never settles could end a process (or a test) without an answer.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('The gateway call timed out.', 'TimeoutError')), timeoutMs);
    const signal = controller.signal;
    const started = Date.now();
    let response: GatewayFetchResponse;
    let text: string;
    try {
      // One race for the answer and its body: the timeout covers both.
      const init: GatewayFetchInit =
        body === undefined ? { method, signal, headers: { ...JSON_ONLY } } : { method, signal, headers: { ...WITH_BODY }, body: JSON.stringify(body) };
      ({ response, text } = await raceSignal(
        doFetch(baseUrl + path, init).then(async (answer) => ({ response: answer, text: await answer.text() })),
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
    let parsed: unknown;
    try {
      parsed = text === '' && response.status === 204 ? {} : parseGatewayBody(text);
    } catch {
      logger.warn('gateway answered non-JSON', { op, status: response.status, ms: Date.now() - started });
      throw new GatewayError(response.ok ? 'shape' : 'status', 'The gateway answered with a body that is not JSON.', response.ok ? 0 : response.status);
    }
    const requestId = readRequestId(parsed);
    logger.info('gateway call', { op, status: response.status, requestId, ms: Date.now() - started });
    if (!response.ok) {
      throw new GatewayError('status', `The gateway answered ${response.status}.`, response.status, requestId, readGatewayErrors(parsed));
    }
    return { status: response.status, body: parsed, requestId };
  }

  async function get(path: string, op: string): Promise<Answer> {
    const attempts = Math.max(1, Math.floor(retry.attempts));
    for (let attempt = 1; ; attempt++) {
      try {
        return await once('GET', path, undefined, op);
      } catch (error) {
        const retryable =
          error instanceof GatewayError && (error.kind === 'network' || (error.kind === 'status' && (error.status === 429 || error.status >= 500)));
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
      const answer = await get(`/v1/customers/${assertId(customerId)}/wallet`, 'wallet.list');
      return { methods: read(answer, readWalletList), requestId: answer.requestId };
    },
    async addToWallet(customerId, input) {
      const body = { token: input.token, default: input.makeDefault, ...(input.billingAddress ? { billingAddress: input.billingAddress } : {}) };
      const answer = await once('POST', `/v1/customers/${assertId(customerId)}/wallet`, body, 'wallet.add');
      return { method: read(answer, readWalletEntry), requestId: answer.requestId };
    },
    async setDefault(customerId, walletId) {
      const answer = await once('PUT', `/v1/customers/${assertId(customerId)}/wallet/${assertId(walletId)}`, { default: true }, 'wallet.default');
      return { requestId: answer.requestId };
    },
    async removeFromWallet(customerId, walletId) {
      const answer = await once('DELETE', `/v1/customers/${assertId(customerId)}/wallet/${assertId(walletId)}`, undefined, 'wallet.remove');
      return { requestId: answer.requestId };
    },
    async createCustomer(profile) {
      const answer = await once('POST', '/v1/customers', profile, 'customer.create');
      return { customerId: read(answer, readCustomerId), requestId: answer.requestId };
    },
  };
}
