/** `DELETE {endpoint}/methods/{id}`: removes one of the shopper's methods, if the merchant's policy allows. */
import type { PaymentMethod } from '../../protocol/index.js';
import { audit } from '../audit.js';
import type { Context, RouteResult } from '../context.js';
import { resolveOwnedMethod, resolveShopper } from '../customer.js';
import { WalletError } from '../errors.js';
import { changeWallet } from '../gateway-call.js';
import { limitRequest } from '../rate-limit.js';
import { sanitizeUpstreamText } from '../redact.js';
import { walletAfterChange, walletState } from '../wallet-state.js';

export async function removeMethod(ctx: Context, methodId: string): Promise<RouteResult> {
  const shopper = await resolveShopper(ctx);
  await limitRequest(ctx, 'changes', shopper);
  const { customerId, methods, target } = await resolveOwnedMethod(ctx, shopper, methodId);

  if (ctx.options.canRemove) {
    const decision = await ctx.options.canRemove({ ...target }, ctx.request, ctx.platform);
    if (decision !== true) {
      const reason =
        sanitizeUpstreamText(typeof decision === 'object' && decision ? decision.reason : undefined, ctx.redact) ??
        'This payment method cannot be removed.';
      throw new WalletError('remove_blocked', 'The merchant does not allow removing this payment method.', { reason });
    }
  }

  const change = await changeWallet(ctx, {
    op: 'remove',
    customerId,
    methodId,
    send: () => ctx.gateway.removeFromWallet(customerId, methodId),
    tookEffect: after => !after.some(method => method.id === methodId),
  });
  await audit(ctx, { type: 'method_removed', customerId, methodId, requestId: change.requestId });
  const after = change.methods ?? (await walletAfterChange(ctx, customerId, () => expectedAfterRemoval(methods, target)));
  return { status: 200, body: walletState(after) };
}

// ecrypt-api.md section 4: deleting the default promotes the newest remaining entry.
function expectedAfterRemoval(methods: PaymentMethod[], removed: PaymentMethod): PaymentMethod[] {
  const rest = methods.filter(method => method.id !== removed.id).map(method => ({ ...method }));
  if (removed.isDefault && rest.length > 0) {
    const newest = rest.reduce((a, b) => (Date.parse(b.createdAt) > Date.parse(a.createdAt) ? b : a));
    newest.isDefault = true;
  }
  return rest;
}
