/**
 * Maps a failed gateway call to the contract's error codes. Upstream messages
 * are passed on only sanitised (secrets and number-like runs removed, length
 * bounded), and only for validation errors, where they help a developer.
 */
import { WALLET_LIMIT } from '../protocol/index.js';
import { GatewayError } from './gateway-client.js';
import { WalletError } from './errors.js';
import { sanitizeUpstreamText } from './redact.js';

/** The wallet operation that failed, which decides what some statuses mean. */
export type GatewayOperation = 'list' | 'add' | 'default' | 'remove' | 'customer';

// ecrypt-api.md section 4 (assumed): a fifth method fails with 400 VALIDATION, with no field.
// The wording is not documented. Words such as "maximum" or "limit" are not enough on their
// own ("line1 exceeds the maximum length" is a field error), so a 400 on a save is read as a
// full wallet only when the wallet we read before the save was (nearly) full and the error
// names no field; the sandbox's exact message is recognised as well.
const WALLET_FULL_MESSAGE = /\balready holds \d+ payment methods\b/i;

/** What the route knows that helps read an error. */
export interface GatewayErrorHints {
  /** Entries in the wallet as read before the save (unknown for a customer created just now). */
  walletSize?: number;
}

function isWalletFull(error: GatewayError, hints: GatewayErrorHints): boolean {
  // The entry being saved is the fifth at most when the wallet held WALLET_LIMIT - 1 before
  // (another tab may have saved one since the read); with fewer, the wallet cannot be full.
  if (hints.walletSize === undefined || hints.walletSize < WALLET_LIMIT - 1) return false;
  if (error.errors.length === 0) return false;
  return error.errors.every((item) => item.field === undefined) || error.errors.some((item) => WALLET_FULL_MESSAGE.test(item.message ?? ''));
}

export function fromGatewayError(error: unknown, op: GatewayOperation, redact: (text: string) => string, hints: GatewayErrorHints = {}): WalletError {
  if (error instanceof WalletError) return error;
  if (!(error instanceof GatewayError)) throw error;
  const requestId = error.requestId ? { requestId: error.requestId } : {};
  switch (error.kind) {
    case 'timeout':
      return new WalletError('gateway_timeout', 'The payment gateway did not answer in time.', requestId);
    case 'network':
      return new WalletError('gateway_error', 'The payment gateway could not be reached.', requestId);
    case 'shape':
      return new WalletError('gateway_error', 'The payment gateway answered with something unreadable.', requestId);
    case 'status':
      break;
  }
  const first = error.errors[0];
  if (error.status === 400) {
    if (op === 'add' && isWalletFull(error, hints)) {
      return new WalletError('wallet_full', 'The wallet already holds the most methods it can.', requestId);
    }
    const detail = sanitizeUpstreamText(first?.message, redact);
    return new WalletError('invalid_request', detail ? `The payment gateway rejected the request: ${detail}` : 'The payment gateway rejected the request.', {
      ...requestId,
      ...(first?.field ? { field: first.field } : {}),
    });
  }
  if (error.status === 402 && op === 'add') return new WalletError('declined', 'The payment method was declined.', requestId);
  if (error.status === 404) return new WalletError('not_found', 'No such payment method.', requestId);
  if (error.status === 401 || error.status === 403) {
    // The shopper can do nothing about it; the merchant's key is wrong or lacks permission.
    return new WalletError('gateway_error', 'The payment gateway refused the merchant credentials.', requestId);
  }
  if (error.status === 429) return new WalletError('gateway_error', 'The payment gateway is busy; try again shortly.', requestId);
  return new WalletError('gateway_error', `The payment gateway failed (${error.status}).`, requestId);
}
