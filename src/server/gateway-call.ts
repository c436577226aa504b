/** Calling the gateway from a route: its failures become the contract's errors, and a change's unknown outcome is settled. */
import type { PaymentMethod } from '../protocol/index.js';
import type { Context } from './context.js';
import { WalletError } from './errors.js';
import { GatewayError } from './gateway-client.js';
import { fromGatewayError, type GatewayOperation } from './gateway-errors.js';
import { notFound, walletState } from './wallet-state.js';
import { tellOnce } from './wiring.js';

/** Runs a gateway call, turning its failure into the contract's error. */
export async function callGateway<T>(ctx: Context, op: GatewayOperation, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    // Reading a wallet names only the customer: a 404 there means customerFor answered an id the gateway does not know.
    if (op === 'list' && error instanceof GatewayError && error.kind === 'status' && error.status === 404) {
      tellOnce(
        ctx.options,
        ctx.log,
        'unknown-customer',
        "customerFor answered a customer id the gateway does not know (its wallet answered 404): store the eCrypt customer id from createCustomer.onCreated or the gateway's POST /v1/customers, not your own account id, and use the keys of the environment it was created in.",
      );
      throw new WalletError('internal_error', "The shopper's payment account could not be found.");
    }
    throw fromGatewayError(error, op, ctx.redact);
  }
}

/** Whether a failed gateway call may have been carried out anyway: no answer, an unreadable one, or a 5xx. */
export function outcomeUnknown(error: unknown): boolean {
  return error instanceof GatewayError && (error.kind !== 'status' || error.status >= 500);
}

/** A change to one method of a wallet: `PUT .../default` or `DELETE .../{id}` at the gateway. */
export interface WalletChange {
  op: 'default' | 'remove';
  customerId: string;
  /** The method the change is about. */
  methodId: string;
  /** Sends the change. */
  send(): Promise<{ requestId?: string }>;
  /** Whether a wallet, as read from the gateway, shows the change made. */
  tookEffect(methods: PaymentMethod[]): boolean;
}

/**
 * The settled outcome of a change: made (with the gateway's request id, and the wallet when it
 * was read to find out), or an exception with the contract's code.
 *
 * After a failure whose outcome is unknown (a 5xx, a timeout, a dropped connection, an unreadable
 * answer) the wallet is read again, with the GET's retries: when it shows the change, the change
 * counts as made and that wallet is the answer; when it does not, 502 `change_failed` carries the
 * wallet (definite: nothing changed); only when it cannot be read is the outcome unknown, answered
 * as the gateway failure it was. A 404 (the method is gone) answers `not_found` with the wallet
 * when it can be read. Any other refusal changed nothing and is answered as such.
 */
export async function changeWallet(ctx: Context, change: WalletChange): Promise<{ requestId?: string; methods?: PaymentMethod[] }> {
  try {
    return await change.send();
  } catch (error) {
    const failure = fromGatewayError(error, change.op, ctx.redact);
    const gone = error instanceof GatewayError && error.kind === 'status' && error.status === 404;
    if (!gone && !outcomeUnknown(error)) throw failure;
    let methods: PaymentMethod[];
    try {
      methods = (await ctx.gateway.listWallet(change.customerId)).methods;
    } catch {
      ctx.log.warn('wallet re-read after a failed change failed; the outcome is unknown', { op: change.op, methodId: change.methodId });
      throw failure;
    }
    if (gone) throw notFound(methods);
    if (change.tookEffect(methods)) {
      ctx.log.info('a failed change took effect at the gateway', { op: change.op, methodId: change.methodId });
      return { ...(failure.details.requestId ? { requestId: failure.details.requestId } : {}), methods };
    }
    throw new WalletError(
      'change_failed',
      'The payment gateway failed and the wallet, read again, shows the change was not made.',
      failure.details.requestId ? { requestId: failure.details.requestId } : {},
    ).withWallet(walletState(methods));
  }
}
