/**
 * `POST /v1/transactions/sale` (ecrypt-api.md section 6), kept small: charges a saved
 * method (`payment.stored.wallet` or the customer's default via `payment.stored.customer`)
 * or a token (`payment.token`, [assumed] field name), and records the outcome so an
 * approved `transactionId` can be saved to a wallet.
 */
import type { RouteCtx } from './context.js';
import { findCustomer } from './customers.js';
import { AMOUNT_MAX, UUID_PATTERN } from './decisions.js';
import { fail, SandboxError } from './errors.js';
import { FieldReader, ok, type Json } from './http.js';
import type { MethodSnapshot, TransactionRecord } from './store.js';
import { checkId } from './validation.js';
import { declineReason } from './wallet.js';

interface Charged {
  method: MethodSnapshot;
  customerId?: string;
  walletId?: string;
}

function validAmount(amount: unknown): amount is number {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0 || amount > AMOUNT_MAX) return false;
  const cents = amount * 100;
  return Math.abs(cents - Math.round(cents)) < 1e-6;
}

function resolveStored(ctx: RouteCtx, stored: Json): Charged {
  const reader = new FieldReader(stored, ['customer', 'wallet'], 'payment.stored.');
  const customerId = reader.string('customer', false);
  const walletId = reader.string('wallet', false);
  if (customerId === undefined && walletId === undefined && reader.errors.length === 0) reader.error('wallet', 'or customer is required.');
  reader.throwIfInvalid();

  if (walletId !== undefined) {
    checkId(walletId, 'payment.stored.wallet');
    if (customerId !== undefined) checkId(customerId, 'payment.stored.customer');
    const entry = ctx.store.wallets.get(walletId);
    // A wallet id named together with another customer's id is as unknown as a missing one.
    if (!entry || (customerId !== undefined && entry.customerId !== customerId)) throw fail('NOT_FOUND', 'No wallet entry with this id.');
    return { method: entry.method, customerId: entry.customerId, walletId: entry.id };
  }
  checkId(customerId ?? '', 'payment.stored.customer');
  const customer = findCustomer(ctx, customerId ?? '');
  const entry = ctx.store.walletOf(customer.id).find(w => w.isDefault);
  if (!entry) throw fail('VALIDATION', 'The customer has no saved payment method.', 'payment.stored.customer');
  return { method: entry.method, customerId: customer.id, walletId: entry.id };
}

function resolveToken(ctx: RouteCtx, token: string): Charged {
  if (!UUID_PATTERN.test(token)) throw fail('VALIDATION', 'payment.token must be a UUID.', 'payment.token');
  const record = ctx.store.tokens.get(token.toLowerCase());
  if (!record) throw fail('VALIDATION', 'payment.token is not a token this gateway issued.', 'payment.token');
  if (record.consumed) throw fail('VALIDATION', 'payment.token has already been used.', 'payment.token');
  // [doc] A token is single-use for a charge, approved or not.
  record.consumed = true;
  return { method: record.method };
}

export async function postSale(ctx: RouteCtx, body: Json): Promise<Response> {
  const reader = new FieldReader(body, ['amount', 'initiatedBy', 'payment']);
  const amount = reader.raw('amount');
  const initiatedBy = reader.string('initiatedBy', true);
  const payment = reader.object('payment', true);
  if (amount === undefined) reader.error('amount', 'is required.');
  else if (!validAmount(amount))
    reader.error('amount', `must be a number of dollars above 0 and at most ${AMOUNT_MAX}, with at most two decimals.`);
  if (initiatedBy !== undefined && initiatedBy !== 'customer' && initiatedBy !== 'merchant')
    reader.error('initiatedBy', "must be 'customer' or 'merchant'.");
  let stored: Json | undefined;
  let token: string | undefined;
  if (payment) {
    const paymentReader = new FieldReader(payment, ['stored', 'token'], 'payment.');
    stored = paymentReader.object('stored', false);
    token = paymentReader.string('token', false);
    if (stored && token !== undefined) paymentReader.error('stored', 'and token cannot both be given.');
    else if (!stored && token === undefined && paymentReader.errors.length === 0) paymentReader.error('stored', 'or token is required.');
    reader.adopt(paymentReader);
  }
  reader.throwIfInvalid();

  const charged = stored ? resolveStored(ctx, stored) : resolveToken(ctx, token ?? '');
  const declined = declineReason(ctx, charged.method, true);
  const record: TransactionRecord = {
    id: ctx.store.nextTransactionId(),
    status: declined ? 'declined' : 'approved',
    amount: amount as number,
    initiatedBy: initiatedBy as TransactionRecord['initiatedBy'],
    method: charged.method,
    created: ctx.now(),
    saved: false,
  };
  if (charged.customerId) record.customerId = charged.customerId;
  if (charged.walletId) record.walletId = charged.walletId;
  ctx.store.transactions.set(record.id, record);

  if (declined) throw new SandboxError([{ type: 'DECLINED', message: declined }], { transactionId: record.id });
  return ok({
    requestId: ctx.requestId,
    transaction: {
      id: record.id,
      status: record.status,
      amount: record.amount,
      initiatedBy: record.initiatedBy,
      created: new Date(record.created).toISOString(),
      payment: { network: record.method.network, accountNumber: record.method.accountNumber },
      ...(record.customerId ? { customerId: record.customerId } : {}),
      ...(record.walletId ? { walletId: record.walletId } : {}),
    },
  });
}
