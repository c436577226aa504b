/**
 * One merchant server instance for the multi-instance tests, run as its own
 * process (`node --import tsx instance.ts`, forked with IPC): the wallet
 * handler with Redis stores, on a free loopback port, calling the sandbox over
 * HTTP. The merchant's own account table (shopper -> eCrypt customer) lives in
 * Redis too, as a shared database would; a request names its shopper in
 * `x-shopper`, or a seeded customer directly in `x-customer` (the session).
 * It tells the parent its port, and when a lock task's lease was lost.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { createWalletHandler, toNodeListener, type KeyedLock } from '../../../src/server/index.js';
import { createRedisStores } from '../../../src/server/redis/index.js';

/** What the parent passes in `INSTANCE_CONFIG`. */
export interface InstanceConfig {
  redisUrl: string;
  prefix: string;
  gatewayUrl: string;
  privateKey: string;
  publicKey: string;
  adds: number;
  leaseMs: number;
  /** The Redis client's `commandTimeout`, in ms. */
  commandTimeoutMs: number;
}

/** Messages to the parent. */
export type InstanceMessage = { type: 'ready'; port: number } | { type: 'lease-lost'; key: string };

const config = JSON.parse(process.env.INSTANCE_CONFIG ?? '{}') as InstanceConfig;
const tell = (message: InstanceMessage) => process.send?.(message);

// As docs/deployment.md advises: a command fails fast when Redis is gone or stuck, instead of queueing.
const redis = new Redis(config.redisUrl, {
  commandTimeout: config.commandTimeoutMs,
  maxRetriesPerRequest: 1,
  retryStrategy: attempt => Math.min(attempt * 50, 500),
});
redis.on('error', () => {});
const stores = createRedisStores(redis, { prefix: config.prefix, leaseMs: config.leaseMs });
const accounts = `${config.prefix}test-accounts`;

const lock: KeyedLock = {
  run: (key, task) =>
    stores.lock.run(key, signal => {
      signal.addEventListener('abort', () => tell({ type: 'lease-lost', key }), { once: true });
      return task(signal);
    }),
};

const handler = createWalletHandler({
  privateKey: config.privateKey,
  publicKey: config.publicKey,
  gatewayUrl: config.gatewayUrl,
  basePath: '/api/wallet',
  rateLimit: { adds: config.adds, windowMs: 60_000 },
  retry: { attempts: 3, baseDelayMs: 5 },
  stores: { ...stores, lock },
  customerFor: async request => {
    const direct = request.headers.get('x-customer');
    if (direct) return direct;
    const shopper = request.headers.get('x-shopper');
    return shopper ? redis.hget(accounts, shopper) : null;
  },
  createCustomer: {
    profileFor: request => {
      const shopper = request.headers.get('x-shopper');
      return shopper ? { firstName: shopper, merchantIdentifier: `acct-${shopper}` } : null;
    },
    onCreated: async (request, customerId) => {
      await redis.hset(accounts, request.headers.get('x-shopper')!, customerId);
    },
  },
  logger: { info: () => {}, warn: () => {}, error: () => {} },
});

// Ready before the first request: until then every store call would fail (503).
await once(redis, 'ready');
const server = createServer(toNodeListener(handler));
server.listen(0, '127.0.0.1', () => tell({ type: 'ready', port: (server.address() as AddressInfo).port }));
// An instance ends with the test that forked it.
process.on('disconnect', () => process.exit(0));
