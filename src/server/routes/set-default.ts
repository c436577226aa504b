/** `PUT {endpoint}/methods/{id}/default`: makes one of the shopper's methods the default. */
import { audit, callGateway, notFound, walletAfterChange, walletState, type Context, type RouteResult } from '../context.js';
import { resolveShopper } from '../customer.js';

export async function setDefaultMethod(ctx: Context, methodId: string): Promise<RouteResult> {
  const shopper = await resolveShopper(ctx);
  if (shopper.customerId === null) throw notFound();
  const customerId = shopper.customerId;
  // Ownership first: the id must be in this customer's own list before anything is changed.
  const { methods } = await callGateway(ctx, 'list', () => ctx.gateway.listWallet(customerId));
  const target = methods.find((method) => method.id === methodId);
  if (!target) throw notFound();
  if (target.isDefault) return { status: 200, body: walletState(methods) };

  const { requestId } = await callGateway(ctx, 'default', () => ctx.gateway.setDefault(customerId, methodId));
  await audit(ctx, { type: 'default_changed', customerId, methodId, requestId });
  const after = await walletAfterChange(ctx, customerId, () => methods.map((method) => ({ ...method, isDefault: method.id === methodId })));
  return { status: 200, body: walletState(after) };
}
