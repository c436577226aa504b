/**
 * `POST {endpoint}/methods`: saves a gateway token to the shopper's wallet.
 *
 * The server only ever holds the token, which does not say which card it
 * stands for, so duplicates are found after the gateway has saved the entry:
 *
 * 1. read the wallet; a full wallet is refused (409 `wallet_full`) before the
 *    gateway is asked to save anything;
 * 2. save with `default: false` (unless the wallet is empty: the first method
 *    is the default anyway, and cannot duplicate anything);
 * 3. compare the saved entry (kind, brand, last4, expiry) with the entries
 *    read in step 1; on a match, delete the new entry again and answer 409
 *    `duplicate` with the existing id: nothing stays stored, and because the
 *    new entry was never the default, no default was disturbed;
 * 4. only then, if asked, make the new method the default;
 * 5. answer the wallet as the gateway now has it.
 *
 * The whole sequence runs under the request's `Idempotency-Key`, so a retried
 * or double-submitted request replays the first answer rather than saving again.
 */
import { IDEMPOTENCY_HEADER, WALLET_LIMIT, type AddMethodResponse, type PaymentMethod } from '../../protocol/index.js';
import { readJsonBody } from '../body.js';
import { audit, callGateway, walletAfterChange, walletState, type Context, type RouteResult } from '../context.js';
import { resolveShopper, type Shopper } from '../customer.js';
import { WalletError } from '../errors.js';
import { fingerprint, type IdempotentOutcome } from '../idempotency.js';
import { consumeAddAttempt } from '../rate-limit.js';
import { parseAddMethodRequest, parseIdempotencyKey } from '../schemas.js';

type AddInput = ReturnType<typeof parseAddMethodRequest>;

// Outcomes that say something final about this token: replaying them is right.
// Anything else (gateway trouble, rate limit, a full wallet) may differ on a retry.
const FINAL_ERRORS = new Set(['duplicate', 'invalid_request', 'declined']);

export async function addMethod(ctx: Context): Promise<RouteResult> {
  const shopper = await resolveShopper(ctx);
  const input = parseAddMethodRequest(await readJsonBody(ctx.request, ctx.options.maxBodyBytes));
  const key = parseIdempotencyKey(ctx.request.headers.get(IDEMPOTENCY_HEADER));
  if (key === null) return perform(ctx, shopper, input);

  // Keys are scoped to the customer, so one shopper's key can never replay another's answer.
  // Before a lazily created customer exists there is no id to scope by; the fingerprint
  // (which includes the single-use token) keeps such a replay to the shopper who holds the token.
  const scope = (customerId: string | null) => (customerId ? `c:${customerId}:${key}` : `new:${key}`);
  const print = await fingerprint(input);
  const { response, replayed } = await ctx.idempotency.run(scope(shopper.customerId), print, async (): Promise<IdempotentOutcome> => {
    let createdFor: string | null = null;
    try {
      const result = await perform(ctx, shopper, input, (id) => (createdFor = id));
      return {
        response: { status: result.status, body: JSON.stringify(result.body) },
        final: true,
        alsoStoreUnder: createdFor ? [scope(createdFor)] : [],
      };
    } catch (error) {
      // Non-final errors propagate: the key is released and the error answered as usual (with its headers).
      if (!(error instanceof WalletError) || !FINAL_ERRORS.has(error.code)) throw error;
      return { response: { status: error.status, body: JSON.stringify(error.toBody()) }, final: true };
    }
  });
  return { status: response.status, body: JSON.parse(response.body) as unknown, headers: replayed ? { 'Idempotent-Replayed': 'true' } : {} };
}

function sameMethod(a: PaymentMethod, b: PaymentMethod): boolean {
  return a.kind === b.kind && a.brand === b.brand && a.last4 === b.last4 && a.expMonth === b.expMonth && a.expYear === b.expYear;
}

async function perform(ctx: Context, shopper: Shopper, input: AddInput, onCustomerCreated?: (id: string) => void): Promise<RouteResult> {
  const { gateway, options } = ctx;
  let customerId: string;
  let existing: PaymentMethod[] = [];
  if (shopper.customerId === null) {
    customerId = await createCustomer(ctx, shopper.profile);
    onCustomerCreated?.(customerId);
  } else {
    customerId = shopper.customerId;
  }
  // Counted before the gateway is asked anything, so refused attempts cost the gateway nothing.
  if (options.rateLimit) await consumeAddAttempt(options.rateLimitStore, customerId, options.rateLimit, options.now());
  if (shopper.customerId !== null) existing = (await callGateway(ctx, 'list', () => gateway.listWallet(customerId))).methods;
  if (existing.length >= WALLET_LIMIT) throw new WalletError('wallet_full', `The wallet already holds ${WALLET_LIMIT} payment methods.`);

  const first = existing.length === 0;
  const saved = await callGateway(ctx, 'add', () =>
    gateway.addToWallet(customerId, { token: input.token, makeDefault: first, ...(input.billingAddress ? { billingAddress: input.billingAddress } : {}) }),
  );
  const added = saved.method;

  const twin = existing.find((method) => method.id !== added.id && sameMethod(method, added));
  if (twin) {
    try {
      await gateway.removeFromWallet(customerId, added.id);
    } catch {
      // The duplicate could not be taken back: say the gateway failed rather than claim nothing was stored.
      ctx.log.error('could not remove a duplicate just saved', { requestId: saved.requestId });
      throw new WalletError('gateway_error', 'The payment gateway failed while undoing a duplicate save.', saved.requestId ? { requestId: saved.requestId } : {});
    }
    throw new WalletError('duplicate', 'This payment method is already saved.', { existingMethodId: twin.id });
  }
  await audit(ctx, { type: 'method_added', customerId, methodId: added.id, requestId: saved.requestId });

  let madeDefault = first;
  if (input.makeDefault && !first) {
    try {
      const { requestId } = await gateway.setDefault(customerId, added.id);
      madeDefault = true;
      await audit(ctx, { type: 'default_changed', customerId, methodId: added.id, requestId });
    } catch {
      // The method is saved; the answer shows truthfully that it is not the default, and the shopper can retry that alone.
      ctx.log.warn('saved method could not be made the default', { requestId: saved.requestId });
    }
  }

  const methods = await walletAfterChange(ctx, customerId, () => [
    ...existing.map((method) => ({ ...method, isDefault: madeDefault ? false : method.isDefault })),
    { ...added, isDefault: madeDefault },
  ]);
  const method = methods.find((item) => item.id === added.id) ?? { ...added, isDefault: madeDefault };
  const body: AddMethodResponse = { method, ...walletState(methods) };
  return { status: 201, body };
}

async function createCustomer(ctx: Context, profile: Extract<Shopper, { customerId: null }>['profile']): Promise<string> {
  const { customerId } = await callGateway(ctx, 'customer', () => ctx.gateway.createCustomer(profile));
  const hook = ctx.options.createCustomer;
  if (hook) await hook.onCreated(ctx.request, customerId, ctx.platform);
  return customerId;
}
