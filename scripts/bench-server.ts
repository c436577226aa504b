/**
 * `npm run bench:server`: how much the merchant handler costs on top of the
 * gateway. The sandbox (standalone HTTP server) and the handler (behind
 * `toNodeListener`, calling the sandbox over loopback) each run in their own
 * process, as a merchant backend and a gateway would; this process is the load
 * client. The same wallet list is read both ways with bounded concurrency:
 * `GET {endpoint}/methods` through the handler, and `GET /v1/customers/{id}/wallet`
 * straight at the sandbox. A third baseline, a do-nothing `node:http` proxy to
 * the same sandbox URL, shows what the extra HTTP hop alone costs on this
 * machine (the floor any handler can reach). The handler runs twice: with
 * Node's global fetch (undici) and with the library's `createNodeFetch()`.
 * The `createNodeFetch` handler runs once more with its stores on Redis (`REDIS_URL`, else a
 * `redis-server` started on a free loopback port; skipped, saying so, without either): every read
 * counts against the shopper's rate limit, so each request makes one store call, and the added
 * p50/p99 against the memory stores is what a Redis round trip costs per request.
 * Prints requests/s and p50/p99 for each and the ratios; asserts nothing. Everything binds to 127.0.0.1 and stops by itself.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Agent, createServer, request } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const WARMUP_MS = 1_000;
const MEASURE_MS = 3_000;
const CONCURRENCY = 16;
const ENDPOINT = '/api/wallet';
// A hard stop, whatever happens.
const DEADLINE_MS = 60_000;

interface SandboxReady {
  url: string;
  customerId: string;
  privateKey: string;
  publicKey: string;
}

const role = process.argv.find(arg => arg.startsWith('--role='))?.slice('--role='.length) ?? 'main';

function reportReady(message: unknown): void {
  process.send?.(message);
  // A child exits with its parent: no orphan servers.
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
}

async function runSandbox(): Promise<void> {
  const { startSandboxServer } = await import('../src/sandbox/standalone.js');
  const { TEST_CARDS, TEST_EXPIRES } = await import('../src/sandbox/index.js');
  const server = await startSandboxServer({ port: 0, host: '127.0.0.1' });
  const [customerId] = await server.sandbox.seed({
    customers: [
      {
        firstName: 'Bench',
        lastName: 'Shopper',
        emailAddress: 'bench@example.test',
        methods: [
          { card: { accountNumber: TEST_CARDS.visa.number, expires: TEST_EXPIRES } },
          { card: { accountNumber: TEST_CARDS.amex.number, expires: TEST_EXPIRES } },
        ],
      },
    ],
  });
  if (!customerId) throw new Error('the sandbox did not seed the bench customer');
  // The request log grows with every call; a benchmark of many thousands keeps it bounded.
  setInterval(() => (server.sandbox.requests.length = 0), 500).unref();
  reportReady({
    url: server.url,
    customerId,
    privateKey: server.sandbox.privateKey,
    publicKey: server.sandbox.publicKey,
  } satisfies SandboxReady);
}

/**
 * The floor any proxy in front of the sandbox can reach on this machine: a
 * do-nothing `node:http` server that forwards each request to the same sandbox
 * URL the handler calls (keep-alive agent, the key added) and pipes the answer
 * back. No routing, no session, no JSON, no redaction: only the extra HTTP hop.
 */
async function runProxy(): Promise<void> {
  const config = JSON.parse(process.env.BENCH_SANDBOX ?? '{}') as SandboxReady;
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const upstream = `${config.url}/v1/customers/${config.customerId}/wallet`;
  const server = createServer((req, res) => {
    const forward = request(
      upstream,
      { method: 'GET', agent, headers: { 'x-api-key': config.privateKey, Accept: 'application/json' } },
      answer => {
        // Buffered, then one write (head and body together): streaming a small answer through
        // pipe() costs more, and this is meant to be the cheapest proxy, not a typical one.
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const { connection: _c, 'keep-alive': _k, 'transfer-encoding': _t, ...headers } = answer.headers;
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(Buffer.concat(chunks));
        });
      },
    );
    forward.on('error', () => {
      res.statusCode = 502;
      res.end();
    });
    forward.end();
    req.resume();
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  reportReady({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

async function runHandler(): Promise<void> {
  const config = JSON.parse(process.env.BENCH_SANDBOX ?? '{}') as SandboxReady;
  const { createWalletHandler, toNodeListener } = await import('../src/server/index.js');
  const { createNodeFetch } = await import('../src/server/node-fetch.js');
  let stores = {};
  if (process.env.BENCH_REDIS) {
    const { Redis } = await import('ioredis');
    const { createRedisStores } = await import('../src/server/redis/index.js');
    const redis = new Redis(process.env.BENCH_REDIS, { commandTimeout: 1000, maxRetriesPerRequest: 1 });
    await once(redis, 'ready');
    stores = createRedisStores(redis, { prefix: `bench:${crypto.randomUUID()}:` });
  }
  const handler = createWalletHandler({
    stores,
    // Every read is counted (one store call per request), with a limit the benchmark never reaches.
    rateLimit: { adds: 10, reads: Number.MAX_SAFE_INTEGER, changes: Number.MAX_SAFE_INTEGER, windowMs: 3_600_000 },
    // The library's Node transport; without it the handler uses Node's global fetch (undici).
    ...(process.env.BENCH_UPSTREAM === 'node-http' ? { fetch: createNodeFetch() } : {}),
    privateKey: config.privateKey,
    publicKey: config.publicKey,
    gatewayUrl: config.url,
    basePath: ENDPOINT,
    customerFor: () => config.customerId,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
  });
  const server = createServer(toNodeListener(handler));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  reportReady({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

function start(childRole: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; message: unknown }> {
  const child = fork(fileURLToPath(import.meta.url), [`--role=${childRole}`], {
    execArgv: process.env.BENCH_PROFILE === childRole ? ['--import', 'tsx', '--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', message => resolve({ child, message }));
    child.once('exit', code => reject(new Error(`the ${childRole} process exited early (${code})`)));
  });
}

/** `REDIS_URL`, else a `redis-server` of its own on a free loopback port, else `null`. */
async function redisForBench(children: ChildProcess[]): Promise<string | null> {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  const free = createNetServer().listen(0, '127.0.0.1');
  await once(free, 'listening');
  const { port } = free.address() as AddressInfo;
  await new Promise(resolve => free.close(resolve));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  children.push(child);
  const ready = await new Promise<boolean>(resolve => {
    let output = '';
    child.once('error', () => resolve(false));
    child.once('exit', () => resolve(false));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve(true);
    });
  });
  child.stdout!.resume();
  return ready ? `redis://127.0.0.1:${port}` : null;
}

interface Result {
  count: number;
  errors: number;
  seconds: number;
  latencies: number[];
}

function get(agent: Agent, url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, res => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function load(url: string, headers: Record<string, string>, durationMs: number): Promise<Result> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + durationMs;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        try {
          const status = await get(agent, url, headers);
          if (status !== 200) errors += 1;
        } catch {
          errors += 1;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { count: latencies.length, errors, seconds, latencies };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

interface Stats {
  rps: number;
  p50: number;
  p99: number;
}

function summary(name: string, result: Result): Stats {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const rps = result.count / result.seconds;
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  console.log(
    `${name.padEnd(40)} ${rps.toFixed(0).padStart(7)} req/s   p50 ${p50.toFixed(2).padStart(6)} ms   p99 ${p99.toFixed(2).padStart(6)} ms   (${result.count} requests, ${result.errors} errors)`,
  );
  return { rps, p50, p99 };
}

async function main(): Promise<void> {
  const children: ChildProcess[] = [];
  const stop = setTimeout(() => {
    console.error('bench-server: deadline reached, stopping.');
    for (const child of children) child.kill();
    process.exit(1);
  }, DEADLINE_MS);
  try {
    const sandbox = await start('sandbox');
    children.push(sandbox.child);
    const ready = sandbox.message as SandboxReady;
    const env = { BENCH_SANDBOX: JSON.stringify(ready) };
    const proxy = await start('proxy', env);
    children.push(proxy.child);
    const handler = await start('handler', env);
    children.push(handler.child);
    const handlerNode = await start('handler', { ...env, BENCH_UPSTREAM: 'node-http' });
    children.push(handlerNode.child);
    const at = (message: unknown) => `${(message as { url: string }).url}${ENDPOINT}/methods`;
    const redisUrl = await redisForBench(children);
    const handlerRedis = redisUrl ? await start('handler', { ...env, BENCH_UPSTREAM: 'node-http', BENCH_REDIS: redisUrl }) : null;
    if (handlerRedis) children.push(handlerRedis.child);
    else console.log('bench-server: no REDIS_URL and no redis-server on PATH; the Redis stores row is left out.');

    const targets: { name: string; url: string; headers: Record<string, string> }[] = [
      {
        name: 'direct  GET /v1/customers/{id}/wallet',
        url: `${ready.url}/v1/customers/${ready.customerId}/wallet`,
        headers: { 'x-api-key': ready.privateKey, Accept: 'application/json' },
      },
      { name: 'proxy floor (node:http, no logic)', url: at(proxy.message), headers: { Accept: 'application/json' } },
      { name: 'handler GET /methods (default fetch)', url: at(handler.message), headers: { Accept: 'application/json' } },
      { name: 'handler GET /methods (createNodeFetch)', url: at(handlerNode.message), headers: { Accept: 'application/json' } },
      ...(handlerRedis
        ? [{ name: 'handler GET /methods (nodeFetch, Redis)', url: at(handlerRedis.message), headers: { Accept: 'application/json' } }]
        : []),
    ];

    console.log(
      `bench-server: ${CONCURRENCY} concurrent keep-alive clients, ${WARMUP_MS} ms warm-up, ${MEASURE_MS} ms measured, Node ${process.version}`,
    );
    for (const target of targets) await load(target.url, target.headers, WARMUP_MS);
    const results = [];
    for (const target of targets) results.push(summary(target.name, await load(target.url, target.headers, MEASURE_MS)));
    const [direct, floor, ...handlers] = results as [Stats, Stats, Stats, Stats, Stats?];
    console.log(
      `proxy floor      throughput ratio floor/direct ${(floor.rps / direct.rps).toFixed(2)}x; added p50 ${(floor.p50 - direct.p50).toFixed(2)} ms, p99 ${(floor.p99 - direct.p99).toFixed(2)} ms (the cost of the extra hop alone)`,
    );
    for (const [name, x] of [
      ['default fetch', handlers[0]],
      ['createNodeFetch', handlers[1]],
    ] as const) {
      console.log(
        `${name.padEnd(16)} handler/direct ${(x.rps / direct.rps).toFixed(2)}x (target >= 0.80x), handler/floor ${(x.rps / floor.rps).toFixed(2)}x; ` +
          `added p50 ${(x.p50 - direct.p50).toFixed(2)} ms vs direct (target <= 1 ms), ${(x.p50 - floor.p50).toFixed(2)} ms vs floor; p99 +${(x.p99 - direct.p99).toFixed(2)} ms vs direct`,
      );
    }
    const [, memory, redis] = handlers;
    if (redis) {
      console.log(
        `Redis stores     handler/memory stores ${(redis.rps / memory.rps).toFixed(2)}x; added per request: p50 ${(redis.p50 - memory.p50).toFixed(2)} ms, p99 ${(redis.p99 - memory.p99).toFixed(2)} ms (loopback Redis, createNodeFetch both)`,
      );
    }
  } finally {
    clearTimeout(stop);
    for (const child of children) child.kill();
  }
}

const roles: Record<string, () => Promise<void>> = { main, sandbox: runSandbox, proxy: runProxy, handler: runHandler };
const run = roles[role];
if (!run) throw new Error(`bench-server: unknown role ${role}`);
run().catch((error: unknown) => {
  console.error('bench-server failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
