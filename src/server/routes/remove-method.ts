/**
 * `DELETE {endpoint}/methods/{id}`: removes one of the shopper's methods, if the merchant's policy
 * allows. When the default is removed, the gateway promotes the newest remaining method; when that
 * one has expired and an unexpired one remains, the newest unexpired one is made the default
 * instead (an expired card can never be the default). The answer names the new default.
 */
import type { PaymentMethod, RemoveMethodResponse } from '../../protocol/index.js';
import { audit } from '../audit.js';
import type { Context, RouteResult } from '../context.js';
import { resolveOwnedMethod, resolveShopper } from '../customer.js';
import { WalletError } from '../errors.js';
import { isExpiredMethod, newestFirst } from '../expiry.js';
import { changeWallet } from '../gateway-call.js';
import { limitRequest } from '../rate-limit.js';
import { removeRefusal } from '../remove-policy.js';
import { presentWallet, walletAfterChange } from '../wallet-state.js';

export async function removeMethod(ctx: Context, methodId: string): Promise<RouteResult> {
  const shopper = await resolveShopper(ctx);
  await limitRequest(ctx, 'changes', shopper);
  const { customerId, methods, target } = await resolveOwnedMethod(ctx, shopper, methodId);

  const refused = await removeRefusal(ctx, methods, target);
  if (refused !== undefined) {
    throw new WalletError('remove_blocked', 'The merchant does not allow removing this payment method.', { reason: refused });
  }

  const after = await removeFromWallet(ctx, customerId, methods, target);
  const body: RemoveMethodResponse = {
    ...(await presentWallet(ctx, after.methods)),
    ...(after.promoted ? { promoted: after.promoted } : {}),
  };
  return { status: 200, body };
}

/**
 * Removes `target` (already cleared by the policy) and settles the default: the wallet after it,
 * and when the removed method was the default, the method that is the default now.
 */
export async function removeFromWallet(
  ctx: Context,
  customerId: string,
  methods: PaymentMethod[],
  target: PaymentMethod,
): Promise<{ methods: PaymentMethod[]; promoted?: string }> {
  const methodId = target.id;
  const change = await changeWallet(ctx, {
    op: 'remove',
    customerId,
    methodId,
    send: () => ctx.gateway.removeFromWallet(customerId, methodId),
    tookEffect: after => !after.some(method => method.id === methodId),
  });
  await audit(ctx, { type: 'method_removed', customerId, methodId, requestId: change.requestId });
  let after = change.methods ?? (await walletAfterChange(ctx, customerId, () => expectedAfterRemoval(methods, target)));
  if (!target.isDefault) return { methods: after };

  after = await unexpiredDefault(ctx, customerId, after);
  const promoted = after.find(method => method.isDefault)?.id;
  return promoted ? { methods: after, promoted } : { methods: after };
}

/**
 * The gateway promoted the newest remaining method; if that one has expired and an unexpired one
 * remains, the newest unexpired one becomes the default. When that change fails, the gateway's
 * choice stands and the answer says so truthfully (the shopper can pick another default).
 */
async function unexpiredDefault(ctx: Context, customerId: string, methods: PaymentMethod[]): Promise<PaymentMethod[]> {
  const now = ctx.options.now();
  const current = methods.find(method => method.isDefault);
  if (current && !isExpiredMethod(current, now)) return methods;
  const choice = methods.filter(method => !isExpiredMethod(method, now)).sort(newestFirst)[0];
  if (!choice) return methods;
  try {
    const { requestId } = await ctx.gateway.setDefault(customerId, choice.id);
    await audit(ctx, { type: 'default_changed', customerId, methodId: choice.id, requestId });
    return await walletAfterChange(ctx, customerId, () => methods.map(method => ({ ...method, isDefault: method.id === choice.id })));
  } catch {
    ctx.log.warn('an unexpired method could not be made the default after a removal', { methodId: choice.id });
    return walletAfterChange(ctx, customerId, () => methods);
  }
}

// ecrypt-api.md section 4: deleting the default promotes the newest remaining entry.
function expectedAfterRemoval(methods: PaymentMethod[], removed: PaymentMethod): PaymentMethod[] {
  const rest = methods.filter(method => method.id !== removed.id).map(method => ({ ...method }));
  if (removed.isDefault && rest.length > 0) {
    [...rest].sort(newestFirst)[0]!.isDefault = true;
  }
  return rest;
}
