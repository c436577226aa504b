/** `DELETE {endpoint}/methods/{id}`: removes one of the shopper's methods, if the merchant's policy allows. */
import type { PaymentMethod } from '../../protocol/index.js';
import { audit, callGateway, walletAfterChange, walletState, type Context, type RouteResult } from '../context.js';
import { resolveOwnedMethod } from '../customer.js';
import { WalletError } from '../errors.js';
import { sanitizeUpstreamText } from '../redact.js';

export async function removeMethod(ctx: Context, methodId: string): Promise<RouteResult> {
  const { customerId, methods, target } = await resolveOwnedMethod(ctx, methodId);

  if (ctx.options.canRemove) {
    const decision = await ctx.options.canRemove({ ...target }, ctx.request, ctx.platform);
    if (decision !== true) {
      const reason =
        sanitizeUpstreamText(typeof decision === 'object' && decision ? decision.reason : undefined, ctx.redact) ??
        'This payment method cannot be removed.';
      throw new WalletError('remove_blocked', 'The merchant does not allow removing this payment method.', { reason });
    }
  }

  const { requestId } = await callGateway(ctx, 'remove', () => ctx.gateway.removeFromWallet(customerId, methodId));
  await audit(ctx, { type: 'method_removed', customerId, methodId, requestId });
  const after = await walletAfterChange(ctx, customerId, () => expectedAfterRemoval(methods, target));
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
