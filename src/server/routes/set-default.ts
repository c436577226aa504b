/** `PUT {endpoint}/methods/{id}/default`: makes one of the shopper's methods the default. */
import { audit, callGateway, walletAfterChange, walletState, type Context, type RouteResult } from '../context.js';
import { resolveOwnedMethod } from '../customer.js';

export async function setDefaultMethod(ctx: Context, methodId: string): Promise<RouteResult> {
  const { customerId, methods, target } = await resolveOwnedMethod(ctx, methodId);
  if (target.isDefault) return { status: 200, body: walletState(methods) };

  const { requestId } = await callGateway(ctx, 'default', () => ctx.gateway.setDefault(customerId, methodId));
  await audit(ctx, { type: 'default_changed', customerId, methodId, requestId });
  const after = await walletAfterChange(ctx, customerId, () => methods.map(method => ({ ...method, isDefault: method.id === methodId })));
  return { status: 200, body: walletState(after) };
}
