/**
 * A customer's wallet (ecrypt-api.md section 4): at most four methods, exactly one
 * default when non-empty, entries of other customers invisible (404).
 */
import type { Ctx, RouteCtx } from './context.js';
import { findCustomer } from './customers.js';
import { TOKEN_SINGLE_USE, TRANSACTION_ID_PATTERN, TRANSACTION_SAVABLE_ONCE, UUID_PATTERN, WALLET_LIMIT } from './decisions.js';
import { fail } from './errors.js';
import { FieldReader, ok, type Json } from './http.js';
import { toWalletEntry, type CustomerRecord, type MethodSnapshot, type WalletRecord } from './store.js';
import { checkId, isExpired, paginate, readAddress, readPaging } from './validation.js';

/**
 * Why the issuer refuses a method, if it does: the test table's behaviour, or a card
 * past its expiry month. `atSale` adds the decline-at-sale behaviour.
 */
export function declineReason(ctx: Ctx, method: MethodSnapshot, atSale: boolean): string | undefined {
  if (method.behaviour === 'decline') return 'The issuer declined the payment method.';
  if (atSale && method.behaviour === 'decline-at-sale') return 'The issuer declined the payment: insufficient funds.';
  if (method.kind === 'card' && isExpired(method.expiry, ctx.now())) return 'The card has expired.';
  return undefined;
}

/** Resolves `token` or `transactionId` into the method to save, without consuming it yet. */
function resolveSource(
  ctx: Ctx,
  token: string | undefined,
  transactionId: string | undefined,
): { method: MethodSnapshot; consume(): void } {
  if (token !== undefined) {
    const record = ctx.store.tokens.get(token.toLowerCase());
    if (!record) throw fail('VALIDATION', 'token is not a token this gateway issued.', 'token');
    if (record.consumed) throw fail('VALIDATION', 'token has already been used.', 'token');
    return {
      method: record.method,
      consume: () => {
        if (TOKEN_SINGLE_USE) record.consumed = true;
      },
    };
  }
  const transaction = ctx.store.transactions.get(transactionId ?? '');
  if (!transaction) throw fail('VALIDATION', 'transactionId is not a transaction of this merchant.', 'transactionId');
  if (transaction.status !== 'approved') throw fail('VALIDATION', 'transactionId is not an approved transaction.', 'transactionId');
  if (transaction.saved) throw fail('VALIDATION', 'transactionId has already been saved to a wallet.', 'transactionId');
  return {
    method: transaction.method,
    consume: () => {
      if (TRANSACTION_SAVABLE_ONCE) transaction.saved = true;
    },
  };
}

/** Adds a method to a customer's wallet; used by the route and by seeding. */
export function addToWallet(ctx: Ctx, customer: CustomerRecord, body: Json): WalletRecord {
  const reader = new FieldReader(body, ['token', 'transactionId', 'default', 'billingAddress']);
  const token = reader.string('token', false);
  const transactionId = reader.string('transactionId', false);
  const makeDefault = reader.boolean('default');
  const address = readAddress(reader, 'billingAddress');
  if (reader.has('token') && reader.has('transactionId'))
    reader.error('token', 'and transactionId cannot both be given: send exactly one.');
  else if (!reader.has('token') && !reader.has('transactionId')) reader.error('token', 'or transactionId is required: send exactly one.');
  if (token !== undefined && !UUID_PATTERN.test(token)) reader.error('token', 'must be a UUID.');
  if (transactionId !== undefined && !TRANSACTION_ID_PATTERN.test(transactionId)) reader.error('transactionId', 'must be 8-64 digits.');
  reader.throwIfInvalid();

  const wallet = ctx.store.walletOf(customer.id);
  if (wallet.length >= WALLET_LIMIT) {
    throw fail('VALIDATION', `The wallet already holds ${WALLET_LIMIT} payment methods, the most it can hold.`);
  }
  const source = resolveSource(ctx, token, transactionId);
  const declined = declineReason(ctx, source.method, false);
  if (declined) throw fail('DECLINED', declined);
  source.consume();

  // [assumed] The first method becomes the default whatever `default` says, so a non-empty wallet always has one.
  const isDefault = wallet.length === 0 || makeDefault === true;
  if (isDefault) for (const entry of wallet) entry.isDefault = false;
  const record: WalletRecord = {
    id: ctx.newId(),
    customerId: customer.id,
    seq: ctx.store.nextSeq(),
    created: ctx.now(),
    isDefault,
    method: source.method,
    address: address && Object.keys(address).length > 0 ? address : null,
  };
  ctx.store.wallets.set(record.id, record);
  return record;
}

/** Looks up an entry of this customer; another customer's entry is indistinguishable from a missing one. */
function findEntry(ctx: RouteCtx): { customer: CustomerRecord; entry: WalletRecord } {
  const walletId = checkId(ctx.params.walletId ?? '', 'walletId');
  const customer = findCustomer(ctx, ctx.params.customerId ?? '');
  const entry = ctx.store.wallets.get(walletId);
  if (!entry || entry.customerId !== customer.id) throw fail('NOT_FOUND', 'No wallet entry with this id for this customer.');
  return { customer, entry };
}

export async function postWallet(ctx: RouteCtx, body: Json): Promise<Response> {
  const customer = findCustomer(ctx, ctx.params.customerId ?? '');
  const record = addToWallet(ctx, customer, body);
  return ok({ requestId: ctx.requestId, wallet: toWalletEntry(record) });
}

export async function listWallet(ctx: RouteCtx): Promise<Response> {
  const customer = findCustomer(ctx, ctx.params.customerId ?? '');
  const paging = readPaging(ctx.url);
  return ok({ requestId: ctx.requestId, wallet: paginate(ctx.store.walletOf(customer.id), paging).map(toWalletEntry) });
}

export async function getWalletEntry(ctx: RouteCtx): Promise<Response> {
  const { entry } = findEntry(ctx);
  return ok({ requestId: ctx.requestId, wallet: toWalletEntry(entry) });
}

export async function putWalletEntry(ctx: RouteCtx, body: Json): Promise<Response> {
  const { customer, entry } = findEntry(ctx);
  const reader = new FieldReader(body, ['default']);
  const makeDefault = reader.boolean('default');
  // Unsetting the default would leave a non-empty wallet without one; the only change is to `true`.
  if (makeDefault === undefined && reader.errors.length === 0) reader.error('default', 'is required.');
  else if (makeDefault === false) reader.error('default', 'can only be set to true; make another method the default instead.');
  reader.throwIfInvalid();
  for (const other of ctx.store.walletOf(customer.id)) other.isDefault = other.id === entry.id;
  return ok({ requestId: ctx.requestId, wallet: toWalletEntry(entry) });
}

export async function deleteWalletEntry(ctx: RouteCtx): Promise<Response> {
  const { customer, entry } = findEntry(ctx);
  ctx.store.wallets.delete(entry.id);
  if (entry.isDefault) {
    // [assumed] The newest remaining method becomes the default.
    const newest = ctx.store.walletOf(customer.id).sort((a, b) => b.seq - a.seq)[0];
    if (newest) newest.isDefault = true;
  }
  return ok({ requestId: ctx.requestId });
}
