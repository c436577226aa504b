/**
 * Tokenization: the one step where raw card or bank numbers leave the browser, and
 * only to eCrypt's `POST /v1/tokens` with the public key (ecrypt-api.md section 2).
 * Elements depend on the `Tokenizer` interface alone, so eCrypt's hosted fields can
 * replace the direct call once that contract is documented.
 */
import type { GatewayErrorBody, TokenMetadata, TokenRequest } from '../protocol/index.js';
import { defined } from '../lib/defined.js';
import { anySignal } from './abort.js';
import { EcryptError } from './wallet-client.js';

/** A token and what the gateway said about the account behind it. */
export interface TokenResult {
  token: string;
  requestId?: string;
  metadata: Partial<TokenMetadata>;
}

export interface TokenizeOptions {
  signal?: AbortSignal;
}

/** Turns raw payment details into a gateway token. */
export interface Tokenizer {
  tokenize(request: TokenRequest, options?: TokenizeOptions): Promise<TokenResult>;
}

/** Why tokenization failed. */
export type TokenizeErrorCode =
  'validation' | 'declined' | 'unauthorized' | 'rate_limited' | 'gateway_error' | 'network' | 'timeout' | 'bad_response';

/** A failed tokenization; `field` names the request field the gateway objected to. */
export class TokenizeError extends EcryptError<TokenizeErrorCode, { field?: string; requestId?: string; retryAfter?: number }> {
  override readonly name = 'TokenizeError';
  get field(): string | undefined {
    return this.details.field;
  }
}

export interface GatewayTokenizerOptions {
  /** The gateway base, e.g. `https://api.ecrypt.com` (a trailing `/v1` is accepted). */
  gatewayUrl: string;
  /** The public key; it can only create tokens. */
  publicKey: string;
  /** How long the gateway may take. */
  timeoutMs?: number;
}

/** Default time the gateway may take to answer. */
export const TOKENIZE_TIMEOUT_MS = 15_000;

const STATUS_CODES: Record<number, TokenizeErrorCode> = {
  400: 'validation',
  401: 'unauthorized',
  402: 'declined',
  403: 'unauthorized',
  429: 'rate_limited',
};

function tokensUrl(gatewayUrl: string): string {
  const base = gatewayUrl.replace(/\/+$/, '');
  return /\/v1$/.test(base) ? `${base}/tokens` : `${base}/v1/tokens`;
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** A non-empty string, or nothing. */
const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

function readMetadata(value: unknown): Partial<TokenMetadata> {
  const source = record(value);
  return defined({
    accountNumber: text(source.accountNumber ?? source.account_number),
    network: text(source.network),
    type: text(source.type ?? source.cardType ?? source.card_type),
  });
}

function readError(response: Response, body: unknown): TokenizeError {
  const envelope = record(body) as Partial<GatewayErrorBody> & { request_id?: string };
  const first = Array.isArray(envelope.errors) ? record(envelope.errors[0]) : {};
  return new TokenizeError(
    STATUS_CODES[response.status] ?? 'gateway_error',
    // Never the gateway's own words: they could echo the number, security code or expiry it was sent.
    `The gateway answered ${response.status}.`,
    response.status,
    defined({
      field: text(first.field),
      requestId: text(envelope.requestId ?? envelope.request_id),
      retryAfter: Number(response.headers.get('Retry-After')) || undefined,
    }),
  );
}

/** A tokenizer that calls `{gatewayUrl}/v1/tokens` directly with the public key. */
export function createGatewayTokenizer({ gatewayUrl, publicKey, timeoutMs = TOKENIZE_TIMEOUT_MS }: GatewayTokenizerOptions): Tokenizer {
  return {
    async tokenize(request, options = {}) {
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = options.signal ? anySignal([options.signal, timeout]) : timeout;
      let response: Response;
      try {
        // Looked up at call time so a page (or a test) can wrap fetch after this module loads.
        response = await globalThis.fetch(tokensUrl(gatewayUrl), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'x-api-key': publicKey },
          body: JSON.stringify(request),
          // The gateway is another origin: never send this site's cookies to it.
          credentials: 'omit',
          cache: 'no-store',
          referrerPolicy: 'no-referrer',
          signal,
        });
      } catch (error) {
        if (options.signal?.aborted) throw error;
        if (timeout.aborted) throw new TokenizeError('timeout', 'The gateway did not answer in time.');
        throw new TokenizeError('network', 'The gateway could not be reached.');
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        if (timeout.aborted && !options.signal?.aborted) throw new TokenizeError('timeout', 'The gateway did not answer in time.');
        throw new TokenizeError(
          response.ok ? 'bad_response' : (STATUS_CODES[response.status] ?? 'gateway_error'),
          `The gateway answered ${response.status} without JSON.`,
          response.status,
        );
      }
      if (!response.ok) throw readError(response, body);
      const source = record(body);
      const token = text(source.token);
      if (!token) throw new TokenizeError('bad_response', 'The gateway answer held no token.', response.status);
      return defined({ token, metadata: readMetadata(source.metadata), requestId: text(source.requestId ?? source.request_id) });
    },
  };
}
