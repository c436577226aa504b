/**
 * What every route gets: the request, the resolved options, the gateway client,
 * the idempotency runner, the lock and the redacting logger. The helpers routes
 * share live by job beside it: `gateway-call.ts` (calling the gateway and telling
 * what a failure means), `wallet-state.ts` (the wallet as the contract answers
 * it) and `audit.ts` (telling the merchant about a change).
 */
import type { GatewayClient } from './gateway-client.js';
import type { Idempotency } from './idempotency.js';
import type { KeyedLock } from './keyed-lock.js';
import type { Logger } from './logger.js';
import type { ResolvedOptions } from './options.js';

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
  /** `POST /methods`: the answer is not final (an incomplete replacement a retry with the same key completes). */
  retryable?: boolean;
}
