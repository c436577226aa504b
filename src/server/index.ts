/**
 * The merchant backend library (`ecrypt-wallet-elements/server`): the wallet
 * endpoint as a fetch-standard handler, plus its pluggable stores. Node's
 * `http` and connect adapters live in `./node.js` (imported separately so edge
 * runtimes never load `node:` modules).
 */
export { createWalletHandler, type WalletHandler } from './handler.js';
export type { AuditEvent, CreateCustomerOptions, RemoveDecision, WalletHandlerOptions } from './options.js';
export type { CustomerProfile, RetryOptions } from './gateway-client.js';
export type { Logger, LogFields } from './logger.js';
export type { RateLimitOptions } from './rate-limit.js';
export {
  MemoryIdempotencyStore,
  MemoryRateLimitStore,
  type IdempotencyRecord,
  type IdempotencyStore,
  type RateLimitHit,
  type RateLimitStore,
  type StoredResponse,
} from './stores.js';
export { toConnectMiddleware, toNodeListener } from './node.js';
