/**
 * `POST /v1/tokens` (ecrypt-api.md section 2): validates card or bank fields with every
 * documented constraint and issues a UUID token that a wallet add or a sale consumes.
 */
import type { TokenResponse } from '../protocol/tokens.js';
import { cardNetwork, maskBank, maskCard } from './cards.js';
import type { Ctx } from './context.js';
import {
  BANK_ACCOUNT_PATTERN,
  CARD_NUMBER_PATTERN,
  CHECK_NUMBER_PATTERN,
  CVV_LENGTH,
  DEFAULT_CARD_TYPE,
  POSTAL_CODE_PATTERN,
  REJECT_EXPIRED_AT_TOKENIZATION,
  ROUTING_NUMBER_PATTERN,
} from './decisions.js';
import { FieldReader, type Json } from './http.js';
import type { MethodSnapshot } from './store.js';
import { bankBehaviour, testCard } from './test-data.js';
import { abaValid, commonText, isExpired, luhnValid, parseExpiry } from './validation.js';

const CARD_FIELDS = ['accountNumber', 'expires', 'verificationValue', 'postalCode', 'nameOnCard'] as const;
const BANK_FIELDS = ['accountNumber', 'routingNumber', 'accountType', 'name', 'checkNumber'] as const;

function readCard(ctx: Ctx, reader: FieldReader): MethodSnapshot | undefined {
  const pan = reader.string('accountNumber', true);
  const expires = reader.string('expires', true);
  const cvv = reader.string('verificationValue', false);
  const postalCode = reader.string('postalCode', false);
  const name = commonText(reader, 'nameOnCard');

  let network: MethodSnapshot['network'] | undefined;
  if (pan !== undefined) {
    if (!CARD_NUMBER_PATTERN.test(pan)) reader.error('accountNumber', 'must be 13-20 digits.');
    else if (!luhnValid(pan)) reader.error('accountNumber', 'is not a valid card number (Luhn check failed).');
    else if (!(network = cardNetwork(pan))) reader.error('accountNumber', 'belongs to a card network the gateway does not accept.');
  }
  if (expires !== undefined) {
    if (!parseExpiry(expires)) reader.error('expires', 'must be MMYY with a month from 01 to 12.');
    else if (REJECT_EXPIRED_AT_TOKENIZATION && isExpired(expires, ctx.now()))
      reader.error('expires', 'is in the past: the card has expired.');
  }
  if (cvv !== undefined) {
    // Without a known network the length rule cannot be chosen; 3 or 4 digits is the documented range.
    const length = network === undefined ? undefined : network === 'american express' ? CVV_LENGTH.amex : CVV_LENGTH.other;
    const pattern = length === undefined ? /^[0-9]{3,4}$/ : new RegExp(`^[0-9]{${length}}$`);
    if (!pattern.test(cvv))
      reader.error(
        'verificationValue',
        `must be ${length ?? '3 or 4'} digits${network === 'american express' ? ' for American Express' : ''}.`,
      );
  }
  if (postalCode !== undefined && !POSTAL_CODE_PATTERN.test(postalCode)) {
    reader.error('postalCode', 'must be 3-10 letters, digits, spaces or hyphens.');
  }
  if (reader.errors.length > 0 || pan === undefined || expires === undefined || network === undefined) return undefined;

  const known = testCard(pan);
  const method: MethodSnapshot = {
    kind: 'card',
    network,
    accountNumber: maskCard(pan),
    expiry: expires,
    cardType: known?.type ?? DEFAULT_CARD_TYPE,
    behaviour: known?.behaviour ?? 'approve',
  };
  if (name !== undefined) method.holderName = name;
  return method;
}

function readBank(reader: FieldReader): MethodSnapshot | undefined {
  const account = reader.string('accountNumber', true);
  const routing = reader.string('routingNumber', true);
  const name = commonText(reader, 'name');
  const checkNumber = reader.string('checkNumber', false);
  const accountType = reader.raw('accountType');

  if (account !== undefined && !BANK_ACCOUNT_PATTERN.test(account)) reader.error('accountNumber', 'must be 7-20 digits.');
  if (routing !== undefined) {
    if (!ROUTING_NUMBER_PATTERN.test(routing)) reader.error('routingNumber', 'must be 9 digits.');
    else if (!abaValid(routing)) reader.error('routingNumber', 'is not a valid ABA routing number (checksum failed).');
  }
  if (accountType === undefined || accountType === null) reader.error('accountType', 'is required (0 = checking, 1 = savings).');
  else if (accountType !== 0 && accountType !== 1) reader.error('accountType', 'must be 0 (checking) or 1 (savings).');
  if (checkNumber !== undefined && !CHECK_NUMBER_PATTERN.test(checkNumber)) reader.error('checkNumber', 'must be 1-8 digits.');
  if (reader.errors.length > 0 || account === undefined) return undefined;

  const method: MethodSnapshot = {
    kind: 'bank',
    network: 'ach',
    accountNumber: maskBank(account),
    expiry: '',
    accountType: accountType === 1 ? 'savings' : 'checking',
    behaviour: bankBehaviour(account),
  };
  if (name !== undefined) method.holderName = name;
  return method;
}

/** Validates a token request body and stores the token; throws SandboxError on any invalid field. */
export function createToken(ctx: Ctx, body: Json): TokenResponse {
  const top = new FieldReader(body, ['creditCard', 'check']);
  const card = top.object('creditCard', false);
  const check = top.object('check', false);
  if (card && check) top.error('creditCard', 'and check cannot both be given: send exactly one.');
  else if (!card && !check && top.errors.length === 0) top.error('creditCard', 'or check is required: send exactly one.');
  top.throwIfInvalid();

  const reader = card ? new FieldReader(card, CARD_FIELDS, 'creditCard.') : new FieldReader(check as Json, BANK_FIELDS, 'check.');
  const method = card ? readCard(ctx, reader) : readBank(reader);
  reader.throwIfInvalid();
  if (!method) throw new Error('unreachable: a valid token request produced no method');

  const token = ctx.newId();
  ctx.store.tokens.set(token.toLowerCase(), { token, method, consumed: false });
  const metadata: TokenResponse['metadata'] = { accountNumber: method.accountNumber, network: method.network };
  if (method.cardType) metadata.type = method.cardType;
  return { requestId: ctx.requestId, token, metadata };
}
