/**
 * Customers (ecrypt-api.md section 3): create, get, list newest first, delete (which
 * takes the wallet with it).
 */
import type { Ctx, RouteCtx } from './context.js';
import { METADATA_KEY_MAX, METADATA_MAX_KEYS, METADATA_VALUE_MAX } from './decisions.js';
import { fail } from './errors.js';
import { FieldReader, ok, type Json } from './http.js';
import type { CustomerFields, CustomerRecord } from './store.js';
import { checkId, commonText, paginate, readAddress, readPaging } from './validation.js';

const TEXT_FIELDS = ['firstName', 'lastName', 'company', 'merchantIdentifier', 'phoneNumber', 'emailAddress'] as const;
const CUSTOMER_FIELDS = [...TEXT_FIELDS, 'shippingAddress', 'metadata'] as const;

function readMetadata(reader: FieldReader): Record<string, string> | undefined {
  const source = reader.object('metadata', false);
  if (!source) return undefined;
  const entries = Object.entries(source);
  if (entries.length > METADATA_MAX_KEYS) reader.error('metadata', `may hold at most ${METADATA_MAX_KEYS} keys.`);
  const metadata: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > METADATA_KEY_MAX) reader.error(`metadata.${key}`, `key must be 1-${METADATA_KEY_MAX} characters.`);
    else if (typeof value !== 'string') reader.error(`metadata.${key}`, 'must be a string.');
    else if (value.length > METADATA_VALUE_MAX) reader.error(`metadata.${key}`, `must be at most ${METADATA_VALUE_MAX} characters.`);
    else metadata[key] = value;
  }
  return metadata;
}

/** Validates customer fields and stores a new customer. `id` is for seeding only; the API always generates one. */
export function createCustomer(ctx: Ctx, body: Json, id?: string): CustomerRecord {
  const reader = new FieldReader(body, CUSTOMER_FIELDS);
  const fields: CustomerFields = {};
  for (const name of TEXT_FIELDS) {
    const value = commonText(reader, name);
    if (value !== undefined) fields[name] = value;
  }
  if (fields.emailAddress !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(fields.emailAddress)) {
    reader.error('emailAddress', 'is not an email address.');
  }
  const shippingAddress = readAddress(reader, 'shippingAddress');
  if (shippingAddress) fields.shippingAddress = shippingAddress;
  const metadata = readMetadata(reader);
  if (metadata) fields.metadata = metadata;
  reader.throwIfInvalid();

  const customerId = id === undefined ? ctx.newId() : checkId(id, 'id');
  if (ctx.store.customers.has(customerId)) throw fail('CONFLICT', 'A customer with this id already exists.', 'id');
  const record: CustomerRecord = { id: customerId, seq: ctx.store.nextSeq(), created: ctx.now(), fields };
  ctx.store.customers.set(customerId, record);
  return record;
}

export function toCustomer(record: CustomerRecord): Json {
  return { id: record.id, ...record.fields, created: new Date(record.created).toISOString() };
}

/** Looks a customer up by a path id, validating the id first. */
export function findCustomer(ctx: Ctx, id: string): CustomerRecord {
  const record = ctx.store.customers.get(checkId(id, 'customerId'));
  if (!record) throw fail('NOT_FOUND', 'No customer with this id.');
  return record;
}

export async function postCustomer(ctx: RouteCtx, body: Json): Promise<Response> {
  const record = createCustomer(ctx, body);
  return ok({ requestId: ctx.requestId, customer: toCustomer(record) });
}

export async function getCustomer(ctx: RouteCtx): Promise<Response> {
  const record = findCustomer(ctx, ctx.params.customerId ?? '');
  // [doc] An array even for one customer.
  return ok({ requestId: ctx.requestId, customers: [toCustomer(record)] });
}

export async function listCustomers(ctx: RouteCtx): Promise<Response> {
  const page = paginate(ctx.store.customersNewestFirst(), readPaging(ctx.url));
  return ok({ requestId: ctx.requestId, customers: page.map(toCustomer) });
}

export async function deleteCustomer(ctx: RouteCtx): Promise<Response> {
  const record = findCustomer(ctx, ctx.params.customerId ?? '');
  ctx.store.customers.delete(record.id);
  for (const entry of ctx.store.walletOf(record.id)) ctx.store.wallets.delete(entry.id);
  return ok({ requestId: ctx.requestId });
}
