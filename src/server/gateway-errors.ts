/**
 * Maps a failed gateway call to the contract's error codes. Upstream messages
 * are passed on only sanitised (secrets and number-like runs removed, length
 * bounded), and only for validation errors, where they help a developer.
 */
import { GatewayError } from './gateway-client.js';
import { WalletError } from './errors.js';
import { sanitizeUpstreamText } from './redact.js';

/** The wallet operation that failed, which decides what some statuses mean. */
export type GatewayOperation = 'list' | 'add' | 'default' | 'remove' | 'customer';

/**
 * The contract's error for a failed gateway call. A full wallet is not decided here: the
 * gateway's refusal of a fifth method looks like any other validation error, so the save
 * route reads the wallet again to tell (routes/add-method.ts).
 */
export function fromGatewayError(error: unknown, op: GatewayOperation, redact: (text: string) => string): WalletError {
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
    const detail = sanitizeUpstreamText(first?.message, redact);
    return new WalletError(
      'invalid_request',
      detail ? `The payment gateway rejected the request: ${detail}` : 'The payment gateway rejected the request.',
      {
        ...requestId,
        ...(first?.field ? { field: first.field } : {}),
      },
    );
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
