/**
 * `PUT {endpoint}/methods/{id}/default`: makes one of the shopper's methods the default. A card
 * past its expiry month can never be the default: `409 expired`, and nothing is sent.
 */
import { audit } from '../audit.js';
import type { Context, RouteResult } from '../context.js';
import { resolveOwnedMethod, resolveShopper } from '../customer.js';
import { WalletError } from '../errors.js';
import { isExpiredMethod } from '../expiry.js';
import { changeWallet } from '../gateway-call.js';
import { limitRequest } from '../rate-limit.js';
import { presentWallet, walletAfterChange, walletState } from '../wallet-state.js';

export async function setDefaultMethod(ctx: Context, methodId: string): Promise<RouteResult> {
  const shopper = await resolveShopper(ctx);
  await limitRequest(ctx, 'changes', shopper);
  const { customerId, methods, target } = await resolveOwnedMethod(ctx, shopper, methodId);
  if (target.isDefault) return { status: 200, body: await presentWallet(ctx, methods) };
  if (isExpiredMethod(target, ctx.options.now())) {
    throw new WalletError('expired', 'An expired card cannot be made the default.').withWallet(walletState(methods));
  }

  const change = await changeWallet(ctx, {
    op: 'default',
    customerId,
    methodId,
    send: () => ctx.gateway.setDefault(customerId, methodId),
    tookEffect: after => after.some(method => method.id === methodId && method.isDefault),
  });
  await audit(ctx, { type: 'default_changed', customerId, methodId, requestId: change.requestId });
  const after =
    change.methods ??
    (await walletAfterChange(ctx, customerId, () => methods.map(method => ({ ...method, isDefault: method.id === methodId }))));
  return { status: 200, body: await presentWallet(ctx, after) };
}
