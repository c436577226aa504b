import { WalletApiError } from '../../client/wallet-client.js';
import { format } from '../../lib/format.js';
import type { WalletMessages } from './ecrypt-wallet.messages.js';
import type { ChangeOutcome } from './wallet-data.controller.js';

/** A change the shopper can make in the list. */
export type ChangeKind = 'set-default' | 'remove';

/** Refusals that trying again cannot turn into a success. */
const FINAL_CODES = new Set(['forbidden', 'not_found', 'expired', 'invalid_request']);

/**
 * The one sentence that says what a change that did not go through left true, for the
 * notice and the announcement alike: the session ended, the method is gone, the merchant's
 * reason, a refusal for good, a failure worth trying again, or an outcome no one could confirm.
 * `method` is the method's short name (`Visa ending in 4242`).
 */
export function failureText(
  kind: ChangeKind,
  outcome: Extract<ChangeOutcome, { status: 'failed' | 'gone' }>,
  messages: WalletMessages,
  method: string,
): string {
  const code = outcome.error instanceof WalletApiError ? outcome.error.code : undefined;
  const say = (template: string, values: Record<string, string> = {}) => format(template, { method, ...values });
  if (outcome.status === 'gone') return say(messages.defaultGone);
  if (code === 'unauthenticated') return messages.signedOut;
  const setDefault = kind === 'set-default';
  if (!outcome.known) return say(setDefault ? messages.defaultUnknown : messages.removeUnknown);
  if (code === 'remove_blocked' && !setDefault) {
    const reason = (outcome.error as WalletApiError).details.reason;
    if (reason) return say(messages.removeBlocked, { reason });
  }
  if (code === 'remove_blocked' || (code && FINAL_CODES.has(code)))
    return say(setDefault ? messages.defaultRefused : messages.removeRefused);
  return say(setDefault ? messages.defaultFailed : messages.removeFailed);
}
