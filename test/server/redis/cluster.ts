/**
 * Several merchant server instances for the multi-instance and fault tests:
 * three `instance.ts` processes sharing one Redis, one sandbox (its standalone
 * HTTP server, in this process so tests can seed it, read it and hold a
 * request at it), and a tiny round-robin proxy in front, as a load balancer.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { ERROR_STATUS } from '../../../src/protocol/index.js';
import { createSandbox, TEST_EXPIRES, type Sandbox, type WalletEntry } from '../../../src/sandbox/index.js';
import { startSandboxServer } from '../../../src/sandbox/standalone.js';
import type { InstanceConfig, InstanceMessage } from './instance.js';

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary members of JSON answers
  body: any;
  headers: Headers;
}

/** A gateway request held until the test releases it. */
export interface Hold {
  /** Settles once a matching request reached the gateway. */
  reached: Promise<void>;
  release(): void;
}

export interface Cluster {
  sandbox: Sandbox;
  /** Lease losses the instances reported (`lease-lost` messages). */
  events: EventEmitter;
  /**
   * Calls the endpoint through the proxy. `shopper` goes in `x-shopper`, `customer` in `x-customer`;
   * `instance` (0-2) makes the proxy send it there instead of the next in turn.
   */
  call(
    method: string,
    route: string,
    options?: { body?: unknown; key?: string; shopper?: string; customer?: string; instance?: number },
  ): Promise<Answer>;
  /** Tokenizes a card at the sandbox with the public key, as a browser does. */
  token(number: string): Promise<string>;
  /** Holds the next gateway request matching `method` and `path` until `release()`. */
  hold(method: string, path: RegExp): Hold;
  /** Creates an empty-walleted (or seeded) customer; answers its id. */
  seed(methods?: string[]): Promise<string>;
  close(): Promise<void>;
}

export interface ClusterOptions {
  redisUrl: string;
  /** Save attempts per customer per minute. Default 100. */
  adds?: number;
  /** The lock's lease. Default 10000. */
  leaseMs?: number;
  /** The Redis client's commandTimeout. Default 1000. */
  commandTimeoutMs?: number;
}

const PRIVATE_KEY = `sk_test_private_${crypto.randomUUID()}`;
const PUBLIC_KEY = `pk_test_public_${crypto.randomUUID()}`;
const INSTANCES = 3;

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const sandbox = createSandbox({ privateKey: PRIVATE_KEY, publicKey: PUBLIC_KEY });
  const holds: { method: string; path: RegExp; reached: () => void; released: Promise<void> }[] = [];
  const held: Sandbox = {
    ...sandbox,
    async handle(request) {
      const path = new URL(request.url).pathname;
      const index = holds.findIndex(hold => hold.method === request.method && hold.path.test(path));
      if (index >= 0) {
        const [hold] = holds.splice(index, 1);
        hold!.reached();
        await hold!.released;
      }
      return sandbox.handle(request);
    },
  };
  const gateway = await startSandboxServer({ sandbox: held, port: 0 });

  const events = new EventEmitter();
  const config: InstanceConfig = {
    redisUrl: options.redisUrl,
    prefix: `cluster:${crypto.randomUUID()}:`,
    gatewayUrl: gateway.url,
    privateKey: PRIVATE_KEY,
    publicKey: PUBLIC_KEY,
    adds: options.adds ?? 100,
    leaseMs: options.leaseMs ?? 10_000,
    commandTimeoutMs: options.commandTimeoutMs ?? 1_000,
  };
  const children: ChildProcess[] = [];
  const ports = await Promise.all(
    Array.from({ length: INSTANCES }, async () => {
      const child = fork(fileURLToPath(new URL('./instance.ts', import.meta.url)), [], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, INSTANCE_CONFIG: JSON.stringify(config) },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      children.push(child);
      return new Promise<number>((resolve, reject) => {
        child.on('message', (message: InstanceMessage) => {
          if (message.type === 'ready') resolve(message.port);
          else events.emit(message.type, message.key);
        });
        child.once('exit', code => reject(new Error(`an instance exited early (${code})`)));
      });
    }),
  );

  let next = 0;
  const proxy: Server = createServer((req, res) => {
    const pinned = req.headers['x-test-instance'];
    const port = ports[typeof pinned === 'string' ? Number(pinned) : next++ % ports.length]!;
    const forward = httpRequest({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, answer => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

  return {
    sandbox,
    events,
    async call(method, route, { body, key, shopper, customer, instance } = {}) {
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      if (key) headers['Idempotency-Key'] = key;
      if (shopper) headers['x-shopper'] = shopper;
      if (customer) headers['x-customer'] = customer;
      if (instance !== undefined) headers['x-test-instance'] = String(instance);
      const response = await fetch(`${proxyUrl}/api/wallet${route}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown), headers: response.headers };
    },
    async token(number) {
      const response = await sandbox.handle(
        new Request(`${gateway.url}/v1/tokens`, {
          method: 'POST',
          headers: { 'x-api-key': PUBLIC_KEY, 'Content-Type': 'application/json' },
          body: JSON.stringify({ creditCard: { accountNumber: number, expires: TEST_EXPIRES } }),
        }),
      );
      assert.equal(response.status, 200);
      return ((await response.json()) as { token: string }).token;
    },
    hold(method, path) {
      let reached!: () => void;
      let release!: () => void;
      const hold: Hold = { reached: new Promise<void>(resolve => (reached = resolve)), release: () => release() };
      holds.push({ method, path, reached, released: new Promise<void>(resolve => (release = resolve)) });
      return hold;
    },
    async seed(numbers = []) {
      const [id] = await sandbox.seed({
        customers: [{ firstName: 'Seeded', methods: numbers.map(number => ({ card: { accountNumber: number, expires: TEST_EXPIRES } })) }],
      });
      return id!;
    },
    async close() {
      for (const child of children) child.kill('SIGTERM');
      await Promise.all(children.map(child => (child.exitCode === null && child.signalCode === null ? once(child, 'exit') : undefined)));
      proxy.closeAllConnections();
      proxy.close();
      await gateway.close();
    },
  };
}

/** Asserts the answer is one the contract documents: a wallet, or an error code with its own status. */
export function assertDocumented(answer: Answer, context = ''): void {
  const what = `${context} ${answer.status} ${JSON.stringify(answer.body)}`;
  if (answer.status < 300) {
    assert.ok(Array.isArray(answer.body?.methods), `a wallet: ${what}`);
    return;
  }
  const code = answer.body?.error?.code as string | undefined;
  assert.ok(code !== undefined && code in ERROR_STATUS, `a documented code: ${what}`);
  assert.equal(answer.status, ERROR_STATUS[code as keyof typeof ERROR_STATUS], `the code's status: ${what}`);
}

/** Asserts no card is saved twice in the wallet (same masked number and expiry). */
export function assertNoDuplicates(wallet: WalletEntry[], context = ''): void {
  const seen = wallet.map(entry => `${entry.accountNumber} ${entry.expiry}`);
  assert.equal(new Set(seen).size, seen.length, `${context} duplicates in ${seen.join(', ')}`);
}
