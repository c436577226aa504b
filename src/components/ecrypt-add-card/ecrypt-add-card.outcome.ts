/**
 * What `<ecrypt-add-card>` says once a save has been tried: its sentences, and how a
 * failed tokenize or save maps to a field error or a form-level notice. None of it is
 * needed before the shopper presses Save, so the element fetches this module with the
 * gateway tokenizer as soon as they start typing, and it ships in its own chunk.
 */
import { WALLET_LIMIT, type MethodKind } from '../../protocol/index.js';
import { EcryptError } from '../../client/wallet-client.js';
import type { EcryptOperation } from '../../events/wallet-events.js';
import type { AddCardMessages } from './ecrypt-add-card.messages.js';
import type { GatewayField } from './ecrypt-add-card.bank.js';

export { outcomeMessages as messages } from './ecrypt-add-card.outcome.messages.js';

type MessageKey = keyof AddCardMessages;

/** A form-level outcome shown above the buttons. */
export interface Notice {
  key: MessageKey;
  values?: Record<string, string | number>;
  /** `duplicate`: the saved method the shopper can make the default instead. */
  existingMethodId?: string;
}

/** How the form answers a failure. */
export interface Failure {
  /** Whether the save may or may not have been stored, so a retry must resend exactly the same request. */
  retriable: boolean;
  /** The input the gateway objected to and what to say about it, when it named one. */
  field?: GatewayField<string, MessageKey>;
  /** What to say when there is no such input on show. */
  notice: Notice;
}

/** Card gateway field names (camelCase or snake_case, dotted) to the input they concern and what to say about it. */
const GATEWAY_FIELDS: Record<string, GatewayField<string, MessageKey>> = {
  'creditcard.accountnumber': ['number', 'cardNumberRejected'],
  'creditcard.expires': ['expiry', 'expiryRejected'],
  'creditcard.verificationvalue': ['cvc', 'securityCodeRejected'],
  'creditcard.postalcode': ['postal', 'postalCodeFormat'],
  'creditcard.nameoncard': ['name', 'nameRejected'],
  'billingaddress.postalcode': ['postal', 'postalCodeFormat'],
};

/** Errors whose message depends on nothing but their code. */
const NOTICES: Record<string, MessageKey> = {
  rate_limited: 'rateLimitedShort',
  network: 'networkError',
  timeout: 'timeout',
  gateway_timeout: 'timeout',
  unauthenticated: 'signedOut',
  validation: 'detailsRejected',
  invalid_request: 'detailsRejected',
};

/** Where tokenizing failed, nothing has reached the merchant yet: these may say that nothing was saved. */
const TOKENIZE_NOTICES: Record<string, MessageKey> = {
  timeout: 'tokenizeTimeout',
  // The public key was refused: trying again cannot help, only the merchant can.
  unauthorized: 'tokenizeUnavailable',
};

/**
 * How to answer `error` from `operation` on a `kind` form whose wallet holds at most
 * `limit` methods; `gatewayFields` adds the bank account fields' names once loaded.
 */
export function describeFailure(
  operation: EcryptOperation,
  error: unknown,
  kind: MethodKind,
  limit = WALLET_LIMIT,
  gatewayFields?: Record<string, GatewayField<string, MessageKey>>,
): Failure {
  const known = error instanceof EcryptError ? error : undefined;
  const code = known?.code ?? 'unknown';
  const details: { field?: string; retryAfter?: number; existingMethodId?: string } = known?.details ?? {};
  // A save that may or may not have been stored keeps its key and body, so a retry resends exactly
  // the same request; a save the backend answered for good needs a fresh token and key.
  const retriable = ['network', 'timeout', 'gateway_error', 'gateway_timeout', 'rate_limited', 'bad_response'].includes(code);
  const bank = kind === 'bank';
  const notice: Notice =
    code === 'duplicate'
      ? { key: bank ? 'duplicateBank' : 'duplicateCard', existingMethodId: details.existingMethodId }
      : code === 'wallet_full'
        ? { key: 'walletFull', values: { limit } }
        : code === 'declined'
          ? { key: bank ? 'declinedBank' : 'declinedCard' }
          : code === 'rate_limited' && details.retryAfter
            ? { key: 'rateLimited', values: { seconds: details.retryAfter } }
            : // A save whose answer was lost or garbled may have been stored: say so as for a timeout, never that nothing was saved.
              {
                key:
                  (operation === 'tokenize' && TOKENIZE_NOTICES[code]) ||
                  NOTICES[code] ||
                  (operation === 'add' && retriable ? 'timeout' : 'genericError'),
              };
  const field = details.field && { ...GATEWAY_FIELDS, ...gatewayFields }[details.field.replace(/_/g, '').toLowerCase()];
  return { retriable, notice, ...(field ? { field } : {}) };
}
