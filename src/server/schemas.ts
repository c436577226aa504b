/**
 * Strict schemas for what the browser may send. Unknown keys and wrong types
 * are refused rather than ignored, so a typo or a probing client learns early
 * and nothing unexpected is forwarded to the gateway.
 */
import { GATEWAY_ID_PATTERN, type AddMethodRequest, type BillingAddress } from '../protocol/index.js';
import { WalletError } from './errors.js';
import { redactNumberLike } from './redact.js';

// Tokens are UUIDs (ecrypt-api.md section 2); any version is accepted.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The gateway's documented limit for customer fields is 100 characters; postal codes and
// country codes are far shorter in practice.
const ADDRESS_FIELDS: Record<keyof BillingAddress, number> = {
  name: 100,
  line1: 100,
  line2: 100,
  city: 100,
  state: 100,
  postalCode: 20,
  country: 100,
};

// Control characters have no place in an address and could corrupt logs or upstream parsing.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function invalid(field: string, message: string): WalletError {
  return new WalletError('invalid_request', message, { field });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rejectUnknownKeys(value: Record<string, unknown>, allowed: readonly string[], prefix = ''): void {
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    // The key is the client's text: echoed shortened (a key can be as long as the body) and without card-like numbers.
    const shown = redactNumberLike(key.slice(0, 40));
    throw invalid(prefix + shown, `Unknown field "${prefix}${shown}".`);
  }
}

function parseBillingAddress(value: unknown): BillingAddress {
  if (!isPlainObject(value)) throw invalid('billingAddress', 'billingAddress must be an object.');
  const fields = Object.keys(ADDRESS_FIELDS) as (keyof BillingAddress)[];
  rejectUnknownKeys(value, fields, 'billingAddress.');
  const address: BillingAddress = {};
  for (const field of fields) {
    const item = value[field];
    if (item === undefined) continue;
    const path = `billingAddress.${field}`;
    if (typeof item !== 'string') throw invalid(path, `${path} must be a string.`);
    if (item.length > ADDRESS_FIELDS[field]) throw invalid(path, `${path} is longer than ${ADDRESS_FIELDS[field]} characters.`);
    if (CONTROL.test(item)) throw invalid(path, `${path} contains control characters.`);
    if (item.trim() !== '') address[field] = item.trim();
  }
  return address;
}

/** Validates the body of `POST {endpoint}/methods`. */
export function parseAddMethodRequest(
  value: unknown,
): Required<Pick<AddMethodRequest, 'token' | 'makeDefault'>> & Pick<AddMethodRequest, 'billingAddress' | 'replaces'> {
  if (!isPlainObject(value)) throw new WalletError('invalid_request', 'The body must be a JSON object.');
  rejectUnknownKeys(value, ['token', 'makeDefault', 'billingAddress', 'replaces']);
  const { token, makeDefault, billingAddress, replaces } = value;
  if (typeof token !== 'string' || !UUID.test(token)) throw invalid('token', 'token must be a token (UUID) from the gateway.');
  if (makeDefault !== undefined && typeof makeDefault !== 'boolean') throw invalid('makeDefault', 'makeDefault must be a boolean.');
  if (replaces !== undefined && (typeof replaces !== 'string' || !GATEWAY_ID_PATTERN.test(replaces))) {
    throw invalid('replaces', 'replaces must be the id of a saved payment method.');
  }
  const address = billingAddress === undefined ? undefined : parseBillingAddress(billingAddress);
  return {
    token,
    makeDefault: makeDefault ?? false,
    ...(address && Object.keys(address).length > 0 ? { billingAddress: address } : {}),
    ...(replaces === undefined ? {} : { replaces }),
  };
}

// Printable ASCII, as Stripe and the IETF draft allow; long enough for a UUID or a hash.
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** Validates an `Idempotency-Key` header value; `null` when absent. */
export function parseIdempotencyKey(value: string | null): string | null {
  if (value === null) return null;
  if (!IDEMPOTENCY_KEY.test(value)) throw invalid('Idempotency-Key', 'Idempotency-Key must be 1-255 printable ASCII characters.');
  return value;
}
