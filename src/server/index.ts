/**
 * The merchant backend library (`ecrypt-wallet-elements/server`): the wallet
 * endpoint as a fetch-standard handler, plus its pluggable stores. Node's
 * `http` and connect adapters live in `./node.js` (imported separately so edge
 * runtimes never load `node:` modules). The Node gateway transport,
 * `createNodeFetch`, does load `node:http`, so it has its own entry point
 * (`./node-fetch.js`, `ecrypt-wallet-elements/server/node-fetch`).
 */
export { createWalletHandler, type ContextArgument, type WalletHandler } from './handler.js';
export { createLazyWalletHandler } from './lazy.js';
export { toScriptJson } from './initial-wallet.js';
export type { AuditEvent, CreateCustomerOptions, HandlerStores, RemoveDecision, RemoveDecisions, WalletHandlerOptions } from './options.js';
export { createKeyedLock, type KeyedLock } from './keyed-lock.js';
export type {
  CustomerProfile,
  GatewayFetch,
  GatewayFetchHeaders,
  GatewayFetchInit,
  GatewayFetchResponse,
  RetryOptions,
} from './gateway-client.js';
export type { Logger, LogFields } from './logger.js';
export type { RateLimitOptions } from './rate-limit.js';
export {
  MemoryIdempotencyStore,
  MemoryRateLimitStore,
  MemorySaveNoteStore,
  type SaveNoteStore,
  type IdempotencyRecord,
  type IdempotencyStore,
  type RateLimitHit,
  type RateLimitStore,
  type StoredResponse,
} from './stores.js';
export { toConnectMiddleware, toNodeListener, toRequest, type NodeAdapterOptions, type NodeContext } from './node.js';
