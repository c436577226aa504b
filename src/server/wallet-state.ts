/** The wallet as the contract answers it, after reads and after changes. */
import { WALLET_LIMIT, type PaymentMethod, type WalletState } from '../protocol/index.js';
import type { Context } from './context.js';
import { WalletError } from './errors.js';

/** The wallet as the contract answers it. */
export function walletState(methods: PaymentMethod[]): WalletState {
  return { methods, limit: WALLET_LIMIT };
}

/**
 * The wallet after a change, read again from the gateway so the answer is the
 * truth; when that read fails the change still happened, so the expected state
 * (computed by the gateway's documented rules) is answered instead of an error.
 */
export async function walletAfterChange(ctx: Context, customerId: string, expected: () => PaymentMethod[]): Promise<PaymentMethod[]> {
  try {
    return (await ctx.gateway.listWallet(customerId)).methods;
  } catch {
    ctx.log.warn('wallet re-read after change failed; answering the expected state');
    return expected();
  }
}

/**
 * 404 for a method id that is not in this customer's wallet: never reveal whether it exists
 * elsewhere. With the wallet the handler read, so the element can show it without the method.
 */
export function notFound(methods?: PaymentMethod[]): WalletError {
  const error = new WalletError('not_found', 'No such payment method in this wallet.');
  return methods ? error.withWallet(walletState(methods)) : error;
}
