/**
 * `npm start`: the demo shop on the embedded eCrypt sandbox (no account, no keys),
 * or on real eCrypt when `ECRYPT_PRIVATE_KEY` and `ECRYPT_PUBLIC_KEY` are set.
 * Ports: `PORT` (default 5173) and `SANDBOX_PORT` (default 8787); a busy port is
 * replaced by a free one.
 */
import { startDemo, type RunningDemo, type StartDemoOptions } from './demo.js';

function portFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${value}`);
  return port;
}

async function startPreferringPorts(options: StartDemoOptions): Promise<RunningDemo> {
  try {
    return await startDemo(options);
  } catch (error) {
    if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    console.log('A preferred port is busy; using free ports instead.');
    return startDemo({ ...options, port: 0, sandboxPort: 0 });
  }
}

async function main(): Promise<void> {
  const demo = await startPreferringPorts({
    port: portFrom(process.env.PORT, 5173),
    sandboxPort: portFrom(process.env.SANDBOX_PORT, 8787),
    host: process.env.HOST ?? '127.0.0.1',
    hmr: true,
  });
  console.log('');
  console.log(`  eCrypt wallet demo: ${demo.url}`);
  if (demo.mode === 'sandbox') {
    console.log(`  gateway: embedded sandbox at ${demo.gatewayUrl} (no keys needed; test cards in docs/test-cards.md)`);
  } else {
    console.log(`  gateway: real eCrypt at ${demo.gatewayUrl} (keys from the environment)`);
  }
  console.log('  Press Ctrl+C to stop.');
  console.log('');
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    demo.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
