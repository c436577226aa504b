/** The wallet as the contract answers it, after reads and after changes. */
import { WALLET_LIMIT, type PaymentMethod, type WalletState } from '../protocol/index.js';
import type { Context } from './context.js';
import { WalletError } from './errors.js';
import { newestFirst } from './expiry.js';
import { removeRefusals, stripPolicy } from './remove-policy.js';

/** The wallet as the contract answers it. */
export function walletState(methods: PaymentMethod[]): WalletState {
  return { methods, limit: WALLET_LIMIT };
}

/**
 * The order every wallet is answered in: the default first, then the others newest first
 * (`createdAt`); methods saved at the same instant keep the gateway's order.
 */
export function orderMethods(methods: readonly PaymentMethod[]): PaymentMethod[] {
  return [...methods].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || newestFirst(a, b));
}

/**
 * The wallet as every answer carries it: ordered (see `orderMethods`), and each method the
 * merchant's policy will not let go marked `removable: false` with the reason. When the policy
 * itself fails, the wallet still goes out, unmarked (the failure is logged): a removal asks the
 * policy again and is not made without its answer.
 */
export async function presentWallet(ctx: Context, methods: readonly PaymentMethod[]): Promise<WalletState> {
  let refusals: Map<string, string>;
  try {
    refusals = await removeRefusals(ctx, methods);
  } catch (error) {
    ctx.log.error('the removal policy failed while a wallet was answered', { name: error instanceof Error ? error.name : typeof error });
    refusals = new Map();
  }
  const marked = methods.map(method => {
    const copy = stripPolicy(method);
    const reason = refusals.get(method.id);
    return reason === undefined ? copy : { ...copy, removable: false as const, removeBlockedReason: reason };
  });
  return walletState(orderMethods(marked));
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
