/**
 * The one way the handler answers with an error: a typed exception carrying a
 * contract code, turned into `{ error: { code, message, ... } }` at the edge.
 */
import { ERROR_STATUS, type ErrorBody, type ErrorCode, type WalletState } from '../protocol/index.js';

/** Everything an error body may carry besides its code and message. */
export type ErrorDetails = Omit<ErrorBody['error'], 'code' | 'message'>;

/** An outcome the contract names; thrown anywhere below the router and answered as-is. */
export class WalletError extends Error {
  override readonly name = 'WalletError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
    /** Overrides the code's status only where HTTP demands it (405). */
    readonly status: number = ERROR_STATUS[code],
    readonly headers: Record<string, string> = {},
    /** The wallet as the gateway holds it, when the handler knows it for sure (`change_failed`, `not_found`). */
    readonly wallet?: WalletState,
  ) {
    super(message);
  }

  /** The same error, answered with the wallet beside it. */
  withWallet(wallet: WalletState): WalletError {
    return new WalletError(this.code, this.message, this.details, this.status, this.headers, wallet);
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { error: { code: this.code, message: this.message, ...this.details } };
    return this.wallet ? { ...body, methods: this.wallet.methods, limit: this.wallet.limit } : body;
  }
}

/** Headers every answer carries: wallet data must never sit in a shared or browser cache. */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};
