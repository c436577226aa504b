/** `GET {endpoint}/methods`: the signed-in shopper's wallet. */
import { callGateway, walletState, type Context, type RouteResult } from '../context.js';
import { resolveShopper } from '../customer.js';

export async function listMethods(ctx: Context): Promise<RouteResult> {
  const shopper = await resolveShopper(ctx);
  // A shopper whose eCrypt customer is created lazily has an empty wallet until the first save.
  if (shopper.customerId === null) return { status: 200, body: walletState([]) };
  const customerId = shopper.customerId;
  const { methods } = await callGateway(ctx, 'list', () => ctx.gateway.listWallet(customerId));
  return { status: 200, body: walletState(methods) };
}
