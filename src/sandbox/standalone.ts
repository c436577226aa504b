/**
 * The sandbox as a real HTTP server, for the demo and for manual poking:
 * `npm run sandbox` (port from `--port`, then `PORT`, default 8787). Admin routes
 * are on here, so it binds to 127.0.0.1 unless `--host` / `HOST` say otherwise.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createSandbox, type Sandbox, type SandboxOptions } from './index.js';
import { toNodeListener } from './node-adapter.js';

export interface StandaloneOptions extends SandboxOptions {
  /** 0 picks a free port. Default 8787. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Serve an existing sandbox instead of creating one from the options. */
  sandbox?: Sandbox;
}

export interface StandaloneServer {
  /** Base URL, e.g. `http://127.0.0.1:8787` (the gateway paths start with `/v1`). */
  url: string;
  sandbox: Sandbox;
  server: Server;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;

/** Vite's dev-server origins, so the demo page can tokenize against a standalone sandbox out of the box. */
export const DEFAULT_DEV_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];

export async function startSandboxServer(options: StandaloneOptions = {}): Promise<StandaloneServer> {
  const { port = DEFAULT_PORT, host = '127.0.0.1', sandbox: given, ...sandboxOptions } = options;
  const sandbox = given ?? createSandbox(sandboxOptions);
  const server = createServer(toNodeListener(sandbox.handle));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    sandbox,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(error => (error ? reject(error) : resolve()));
      }),
  };
}

function argument(argv: string[], name: string): string[] {
  const values: string[] = [];
  argv.forEach((arg, i) => {
    if (arg === `--${name}` && argv[i + 1] !== undefined) values.push(argv[i + 1] as string);
    else if (arg.startsWith(`--${name}=`)) values.push(arg.slice(name.length + 3));
  });
  return values;
}

/** Reads the command line and environment into server options. */
export function optionsFromCli(argv: string[], env: Record<string, string | undefined>): StandaloneOptions {
  const rawPort = argument(argv, 'port')[0] ?? env.PORT ?? String(DEFAULT_PORT);
  const port = Number(rawPort);
  if (!/^[0-9]{1,5}$/.test(rawPort) || port > 65535) throw new Error(`Invalid port: ${rawPort}`);
  const origins = argument(argv, 'allow-origin');
  const envOrigins = env.SANDBOX_ALLOWED_ORIGINS?.split(',')
    .map(o => o.trim())
    .filter(Boolean);
  const options: StandaloneOptions = {
    port,
    host: argument(argv, 'host')[0] ?? env.HOST ?? '127.0.0.1',
    adminRoutes: true,
    allowedOrigins: origins.length > 0 ? origins : (envOrigins ?? DEFAULT_DEV_ORIGINS),
  };
  if (env.SANDBOX_PUBLIC_KEY) options.publicKey = env.SANDBOX_PUBLIC_KEY;
  if (env.SANDBOX_PRIVATE_KEY) options.privateKey = env.SANDBOX_PRIVATE_KEY;
  return options;
}

/** Starts the server from the command line and environment, and stops it on SIGINT or SIGTERM. */
export async function main(): Promise<void> {
  const running = await startSandboxServer(optionsFromCli(process.argv.slice(2), process.env));
  // Sandbox keys open nothing but this process, so printing them is the point.
  console.log(`eCrypt sandbox listening on ${running.url}  (gateway base URL: ${running.url}/v1)`);
  console.log(`  public key:  ${running.sandbox.publicKey}`);
  console.log(`  private key: ${running.sandbox.privateKey}`);
  console.log(`  admin: ${running.url}/__sandbox/faults (GET, POST, DELETE), ${running.url}/__sandbox/reset (POST)`);
  const stop = (): void => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
