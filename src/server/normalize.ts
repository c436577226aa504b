/**
 * Reads gateway answers tolerantly (camelCase or snake_case, `wallet` or
 * `wallets`, `requestId` or `request_id`) and turns wallet entries into the
 * contract's `PaymentMethod`. Anything that cannot be read throws
 * `UpstreamShapeError`, which the handler answers as 502: a surprise from
 * upstream is the gateway's fault, never a crash.
 */
import { GATEWAY_ID_PATTERN, type BankAccountType, type Brand, type PaymentMethod } from '../protocol/index.js';

/** The gateway answered something we cannot read. The message names the shape, never the content. */
export class UpstreamShapeError extends Error {
  override readonly name = 'UpstreamShapeError';
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const snakeToCamel = (key: string): string => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Copies a JSON value with every object key in camelCase, so the readers below look at one spelling. */
export function camelize(value: unknown, depth = 0): unknown {
  // Gateway answers are shallow; the bound keeps a hostile answer from exhausting the stack.
  if (depth > 8) return undefined;
  if (Array.isArray(value)) return value.map(item => camelize(item, depth + 1));
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) {
    // Own data properties only; a key such as __proto__ must not become a prototype.
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    out[snakeToCamel(key)] = camelize(item, depth + 1);
  }
  return out;
}

/** Parses a gateway body as JSON, then camelizes it. */
export function parseGatewayBody(text: string): unknown {
  try {
    return camelize(JSON.parse(text));
  } catch {
    throw new UpstreamShapeError('The gateway answered with a body that is not JSON.');
  }
}

/** The gateway's request id, when the body carries one in a readable form. */
export function readRequestId(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  const id = body.requestId;
  // Only short, plain ids are passed on (they reach error bodies and log lines).
  return typeof id === 'string' && /^[\w.:-]{1,100}$/.test(id) ? id : undefined;
}

/** The documented error list `{ errors: [{ type, message, field? }] }`, read tolerantly. */
export function readGatewayErrors(body: unknown): { type?: string; message?: string; field?: string }[] {
  if (!isObject(body)) return [];
  const list = Array.isArray(body.errors) ? body.errors : isObject(body.error) ? [body.error] : [];
  return list.filter(isObject).map(item => ({
    type: typeof item.type === 'string' ? item.type : undefined,
    message: typeof item.message === 'string' ? item.message : undefined,
    field: typeof item.field === 'string' && /^[\w.[\]-]{1,100}$/.test(item.field) ? item.field : undefined,
  }));
}

const BRANDS: Record<string, Brand> = {
  visa: 'visa',
  mastercard: 'mastercard',
  'master card': 'mastercard',
  'american express': 'amex',
  americanexpress: 'amex',
  amex: 'amex',
  'discover card': 'discover',
  discover: 'discover',
  ach: 'ach',
};

/** Maps the gateway's `network` to a brand; unknown networks stay visible as `unknown`. */
export function brandFromNetwork(network: unknown): Brand {
  if (typeof network !== 'string') return 'unknown';
  return (
    BRANDS[
      network
        .trim()
        .toLowerCase()
        .replace(/[_\s]+/g, ' ')
    ] ?? 'unknown'
  );
}

function readExpiry(expiry: unknown): { expMonth: number; expYear: number } | undefined {
  if (typeof expiry !== 'string' && typeof expiry !== 'number') return undefined;
  const digits = String(expiry).replace(/\D/g, '');
  // MMYY as documented; MMYYYY tolerated.
  const match = /^(\d{2})(\d{2}|\d{4})$/.exec(digits);
  if (!match) return undefined;
  const expMonth = Number(match[1]);
  const year = Number(match[2]);
  if (expMonth < 1 || expMonth > 12) return undefined;
  return { expMonth, expYear: year < 100 ? 2000 + year : year };
}

function readAccountType(value: unknown): BankAccountType | undefined {
  if (value === 0 || value === '0' || value === 'checking') return 'checking';
  if (value === 1 || value === '1' || value === 'savings') return 'savings';
  return undefined;
}

// ECMAScript dates span +-8.64e15 ms around the epoch; anything beyond is not a time.
const MAX_DATE_MS = 8.64e15;

function readCreated(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Seconds or milliseconds since the epoch.
    const ms = Math.abs(value) < 1e12 ? value * 1000 : value;
    if (Math.abs(ms) <= MAX_DATE_MS) return new Date(ms).toISOString();
  } else if (typeof value === 'string' && value.length > 0 && value.length <= 64) {
    // Only date-shaped strings: a bare number or a word is not a creation time, even if Date.parse guesses one.
    const time = /^\d{4}-\d{2}-\d{2}/.test(value.trim()) ? Date.parse(value) : Number.NaN;
    if (!Number.isNaN(time) && Math.abs(time) <= MAX_DATE_MS) return new Date(time).toISOString();
  }
  throw new UpstreamShapeError('A wallet entry has no readable creation time.');
}

function readHolderName(entry: Json): string | undefined {
  const address = isObject(entry.address) ? entry.address : isObject(entry.billingAddress) ? entry.billingAddress : undefined;
  const name = entry.nameOnCard ?? entry.name ?? address?.name;
  return typeof name === 'string' && name.trim() !== '' ? name.trim().slice(0, 100) : undefined;
}

/** One wallet entry (already camelized) as a `PaymentMethod`. */
export function normalizeMethod(raw: unknown): PaymentMethod {
  if (!isObject(raw)) throw new UpstreamShapeError('A wallet entry is not an object.');
  const id = raw.id ?? raw.walletId;
  if (typeof id !== 'string' || !GATEWAY_ID_PATTERN.test(id)) throw new UpstreamShapeError('A wallet entry has no valid id.');
  const masked = raw.accountNumber ?? raw.maskedAccountNumber;
  if (typeof masked !== 'string' || masked.length < 4) throw new UpstreamShapeError('A wallet entry has no masked account number.');
  const brand = brandFromNetwork(raw.network);
  const kind = brand === 'ach' ? 'bank' : 'card';
  const method: PaymentMethod = {
    id,
    kind,
    brand,
    // Only the last four characters ever leave the server, whatever the gateway masked.
    last4: masked.slice(-4),
    isDefault: raw.default === true || raw.isDefault === true,
    createdAt: readCreated(raw.created ?? raw.createdAt),
  };
  if (kind === 'card') {
    const expiry = readExpiry(raw.expiry ?? raw.expires);
    if (expiry) Object.assign(method, expiry);
  } else {
    const accountType = readAccountType(raw.accountType);
    if (accountType) method.accountType = accountType;
  }
  const holderName = readHolderName(raw);
  if (holderName) method.holderName = holderName;
  return method;
}

/** The entries of a wallet list answer (`wallet` or `wallets`, or a bare array). */
export function readWalletList(body: unknown): PaymentMethod[] {
  const list = Array.isArray(body) ? body : isObject(body) ? (body.wallet ?? body.wallets ?? body.data) : undefined;
  if (!Array.isArray(list)) throw new UpstreamShapeError('The wallet list answer has no list.');
  return list.map(normalizeMethod);
}

/** The single entry of an add answer (`wallet` as documented; a one-element list tolerated). */
export function readWalletEntry(body: unknown): PaymentMethod {
  if (!isObject(body)) throw new UpstreamShapeError('The wallet answer is not an object.');
  const entry = body.wallet ?? body.wallets;
  if (Array.isArray(entry) && entry.length === 1) return normalizeMethod(entry[0]);
  return normalizeMethod(entry);
}

/** The id of a created customer (`customer.id`; `customers[0].id` or a top-level `id` tolerated). */
export function readCustomerId(body: unknown): string {
  if (isObject(body)) {
    const customer = isObject(body.customer)
      ? body.customer
      : Array.isArray(body.customers) && isObject(body.customers[0])
        ? body.customers[0]
        : body;
    const id = customer.id ?? customer.customerId;
    if (typeof id === 'string' && GATEWAY_ID_PATTERN.test(id)) return id;
  }
  throw new UpstreamShapeError('The customer answer has no valid customer id.');
}
