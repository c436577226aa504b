/** `GET {endpoint}/config`: the public facts the elements need to tokenise. */
import { WALLET_LIMIT, type WalletConfig } from '../../protocol/index.js';
import type { Context, RouteResult } from '../context.js';

export function getConfig(ctx: Context): RouteResult {
  const body: WalletConfig = {
    publicKey: ctx.options.publicKey,
    gatewayUrl: ctx.options.gatewayUrl,
    limit: WALLET_LIMIT,
    kinds: ['card', 'bank'],
  };
  return { status: 200, body };
}
