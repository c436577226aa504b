/**
 * The browser's one seam to the merchant backend. Every element request goes
 * through here, so errors arrive in one shape and `fetch` is looked up at call
 * time (tests and merchants may wrap `globalThis.fetch`).
 */
import {
  IDEMPOTENCY_HEADER,
  ROUTES,
  type AddMethodRequest,
  type AddMethodResponse,
  type ErrorBody,
  type ErrorCode,
  type RemoveMethodResponse,
  type WalletConfig,
  type WalletState,
} from '../protocol/index.js';
import { anySignal } from './abort.js';

/** Contract codes plus the two failures that never reach a server answer. */
export type ClientErrorCode = ErrorCode | 'network' | 'timeout' | 'bad_response';

/** A failure either client reports: a stable `code`, the HTTP status (0 when none) and what the answer said. */
export class EcryptError<C extends string = string, D extends { requestId?: string } = { requestId?: string }> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly status = 0,
    readonly details = {} as D,
  ) {
    super(message);
  }
  get requestId(): string | undefined {
    return this.details.requestId;
  }
}

/**
 * A failed request to the merchant backend, with everything the contract said about it; `wallet` is
 * the wallet the answer carried beside the error (`change_failed`, `not_found` on a change).
 */
export class WalletApiError extends EcryptError<ClientErrorCode, Omit<ErrorBody['error'], 'code' | 'message'> & { wallet?: WalletState }> {
  override readonly name = 'WalletApiError';
}

export interface RequestOptions {
  signal?: AbortSignal;
}

/** Default time a request to the merchant backend may take. */
export const REQUEST_TIMEOUT_MS = 20_000;

async function request<T>(endpoint: string, path: string, init: RequestInit, options: RequestOptions = {}): Promise<T> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const signal = options.signal ? anySignal([options.signal, timeout]) : timeout;
  const url = endpoint.replace(/\/+$/, '') + path;
  let response: Response;
  try {
    response = await globalThis.fetch(url, {
      ...init,
      signal,
      // An endpoint on another origin (one the backend allows) needs the session cookie too; without a page
      // (server-side rendering, Node) there is no origin to compare, so the default applies.
      credentials: typeof location === 'undefined' || new URL(url, location.href).origin === location.origin ? 'same-origin' : 'include',
      headers: { Accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
    });
  } catch (error) {
    // The caller's own abort is not a failure to report; let it through unchanged.
    if (options.signal?.aborted) throw error;
    if (timeout.aborted) throw new WalletApiError('timeout', 'The request to the wallet endpoint timed out.');
    throw new WalletApiError('network', 'The wallet endpoint could not be reached.');
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new WalletApiError(
      response.ok ? 'bad_response' : statusCode(response.status),
      `The wallet endpoint answered ${response.status} without JSON.`,
      response.status,
    );
  }
  if (!response.ok) {
    const { error, methods, limit } = (body ?? {}) as Partial<ErrorBody>;
    if (error && typeof error.code === 'string') {
      const { code, message, ...details } = error;
      const retryAfter = details.retryAfter ?? (Number(response.headers.get('Retry-After')) || undefined);
      const wallet = Array.isArray(methods) && typeof limit === 'number' ? { wallet: { methods, limit } } : {};
      throw new WalletApiError(code, String(message ?? code), response.status, {
        ...details,
        ...(retryAfter ? { retryAfter } : {}),
        ...wallet,
      });
    }
    throw new WalletApiError(statusCode(response.status), `The wallet endpoint answered ${response.status}.`, response.status);
  }
  return body as T;
}

const STATUS_CODES: Record<number, ClientErrorCode> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  429: 'rate_limited',
  504: 'gateway_timeout',
};

/** Maps a bare HTTP status (no contract body) to the closest contract code. */
const statusCode = (status: number): ClientErrorCode => STATUS_CODES[status] ?? (status >= 500 ? 'gateway_error' : 'bad_response');

/** Codes that leave a change's outcome open: the backend, the gateway or the way to them failed midway. */
const UNKNOWN_OUTCOME_CODES = new Set<string>(['network', 'timeout', 'bad_response', 'gateway_error', 'gateway_timeout', 'internal_error']);

/**
 * Whether a failure with this code may have left the change made: the element then reads the
 * list again. Every other contract code is a definite answer (`change_failed` and
 * `store_unavailable` included: nothing changed, or the wallet rides along).
 */
export const isUnknownOutcomeCode = (code: string): boolean => UNKNOWN_OUTCOME_CODES.has(code);

/**
 * Whether a failed change may still have been made. A refusal the backend answered in the
 * contract's words (a `4xx` with its code, `change_failed`, `store_unavailable`) changed
 * nothing, or carries the wallet as it is; anything else (another `5xx`, a timeout, a lost
 * connection, an answer that could not be read) leaves the outcome unknown until the list is
 * read again.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  if (!(error instanceof WalletApiError)) return true;
  if (isUnknownOutcomeCode(error.code)) return true;
  // A code from outside the contract, or a status no code of it has: not a refusal the backend answered.
  return !(error.status >= 400 && error.status < 500) && error.code !== 'change_failed' && error.code !== 'store_unavailable';
}

/** Public facts about the wallet: public key, gateway URL, limit, kinds. */
export function getConfig(endpoint: string, options?: RequestOptions): Promise<WalletConfig> {
  return request(endpoint, ROUTES.config, { method: 'GET' }, options);
}

/**
 * The answer, if it carries the wallet's list (and, for a save, the saved method);
 * otherwise `bad_response`. An element that took a list-less answer for the wallet
 * would show the shopper nothing at all.
 */
function withWallet<T extends WalletState>(answer: T, complete = Array.isArray(answer?.methods)): T {
  // `bad_response` keeps a save retriable: a 2xx may have stored the method, and the same key never stores twice.
  if (!complete) throw new WalletApiError('bad_response', 'The wallet endpoint answered without the wallet.');
  return answer;
}

/** The shopper's saved methods. */
export async function listMethods(endpoint: string, options?: RequestOptions): Promise<WalletState> {
  return withWallet(await request<WalletState>(endpoint, ROUTES.methods, { method: 'GET' }, options));
}

/** Saves a token; the same `idempotencyKey` on a retry never stores twice. */
export async function addMethod(
  endpoint: string,
  body: AddMethodRequest,
  idempotencyKey: string,
  options?: RequestOptions,
): Promise<AddMethodResponse> {
  const init = { method: 'POST', body: JSON.stringify(body), headers: { [IDEMPOTENCY_HEADER]: idempotencyKey } };
  const answer = await request<AddMethodResponse>(endpoint, ROUTES.methods, init, options);
  return withWallet(answer, Array.isArray(answer?.methods) && typeof answer.method?.id === 'string');
}

/** Makes a saved method the default. */
export async function setDefaultMethod(endpoint: string, id: string, options?: RequestOptions): Promise<WalletState> {
  return withWallet(await request<WalletState>(endpoint, ROUTES.makeDefault(id), { method: 'PUT' }, options));
}

/** Removes a saved method; when it was the default, `promoted` names the method that is the default now. */
export async function removeMethod(endpoint: string, id: string, options?: RequestOptions): Promise<RemoveMethodResponse> {
  return withWallet(await request<RemoveMethodResponse>(endpoint, ROUTES.method(id), { method: 'DELETE' }, options));
}
