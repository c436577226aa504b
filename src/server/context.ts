/**
 * What every route gets: the request, the resolved options, the gateway client
 * and the redacting logger, plus the small helpers routes share.
 */
import type { PaymentMethod, WalletState } from '../protocol/index.js';
import { WALLET_LIMIT } from '../protocol/index.js';
import { WalletError } from './errors.js';
import type { GatewayClient } from './gateway-client.js';
import { fromGatewayError, type GatewayOperation } from './gateway-errors.js';
import type { Idempotency } from './idempotency.js';
import type { KeyedLock } from './keyed-lock.js';
import type { Logger } from './logger.js';
import type { AuditEvent, ResolvedOptions } from './options.js';

export interface Context {
  request: Request;
  /** The handler's second argument (`{ req, res }` from the Node adapters), handed to the merchant's hooks. */
  platform: unknown;
  options: ResolvedOptions;
  gateway: GatewayClient;
  idempotency: Idempotency;
  /** Serialises work per shopper in this process (see keyed-lock.ts). */
  locks: KeyedLock;
  log: Logger;
  redact: (text: string) => string;
}

/** A successful answer before serialisation. */
export interface RouteResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Runs a gateway call, turning its failure into the contract's error. */
export async function callGateway<T>(ctx: Context, op: GatewayOperation, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw fromGatewayError(error, op, ctx.redact);
  }
}

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

/** Tells the merchant's audit hook; its failure is logged, since the change already happened. */
export async function audit(ctx: Context, event: Omit<AuditEvent, 'at'>): Promise<void> {
  if (!ctx.options.audit) return;
  try {
    await ctx.options.audit({ ...event, at: new Date(ctx.options.now()).toISOString() });
  } catch {
    ctx.log.error('audit hook failed', { type: event.type, requestId: event.requestId });
  }
}

/** 404 for a method id that is not in this customer's wallet: never reveal whether it exists elsewhere. */
export function notFound(): WalletError {
  return new WalletError('not_found', 'No such payment method in this wallet.');
}
