/** `GET {endpoint}/methods`: the signed-in shopper's wallet. */
import type { Context, RouteResult } from '../context.js';
import { resolveShopper } from '../customer.js';
import { callGateway } from '../gateway-call.js';
import { limitRequest } from '../rate-limit.js';
import { presentWallet, walletState } from '../wallet-state.js';

export async function listMethods(ctx: Context): Promise<RouteResult> {
  const shopper = await resolveShopper(ctx);
  await limitRequest(ctx, 'reads', shopper);
  // A shopper whose eCrypt customer is created lazily has an empty wallet until the first save.
  if (shopper.customerId === null) return { status: 200, body: walletState([]) };
  const customerId = shopper.customerId;
  const { methods } = await callGateway(ctx, 'list', () => ctx.gateway.listWallet(customerId));
  return { status: 200, body: await presentWallet(ctx, methods) };
}
