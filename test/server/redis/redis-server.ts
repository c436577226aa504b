/**
 * A real Redis for the Redis suites: `redis-server` started on a free loopback
 * port with persistence off, stopped when the suite ends; or, with `REDIS_URL`
 * set, that server (then the fault tests, which kill and pause the process,
 * need the binary too). With neither, `redisServerOrExplain` prints why the
 * suite did not run and how to run it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { after } from 'node:test';

export interface RedisServer {
  url: string;
  /** The process, when this helper started it (fault tests signal it). */
  process?: ChildProcess;
  /** Sends a signal to the server process (SIGKILL, SIGSTOP, SIGCONT). */
  signal(signal: NodeJS.Signals): void;
  /** Starts the server again on the same port after it was killed (empty: persistence is off). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const HOW_TO_RUN =
  'Install it (Debian/Ubuntu: sudo apt-get install redis-server) or point REDIS_URL at one (REDIS_URL=redis://127.0.0.1:6379), then: npm run test:redis';

function binary(): string | null {
  return spawnSync('redis-server', ['--version']).status === 0 ? 'redis-server' : null;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

async function launch(command: string, port: number): Promise<ChildProcess> {
  const child = spawn(command, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.resume();
    child.once('exit', code => reject(new Error(`redis-server exited (${code}): ${output.slice(-500)}`)));
  });
  return child;
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  // A paused server must be resumed to hear SIGTERM; SIGKILL needs neither.
  child.kill('SIGKILL');
  await exited;
}

/** Starts a server owned by this process (fault tests need one), or `null` without the binary. */
export async function startOwnRedis(): Promise<RedisServer | null> {
  const command = binary();
  if (command === null) return null;
  const port = await freePort();
  let child = await launch(command, port);
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    get process() {
      return child;
    },
    signal(signal) {
      child.kill(signal);
    },
    async restart() {
      await terminate(child);
      child = await launch(command, port);
    },
    stop: () => terminate(child),
  };
  after(() => server.stop());
  return server;
}

/** `REDIS_URL`'s server, else one started here; `null` (after saying so on stderr) when neither is possible. */
export async function redisServerOrExplain(suite: string, options: { needsProcess?: boolean } = {}): Promise<RedisServer | null> {
  const url = process.env.REDIS_URL;
  if (url && !options.needsProcess) {
    const unsupported = () => {
      throw new Error('REDIS_URL names a server this suite does not control.');
    };
    return { url, signal: unsupported, restart: async () => unsupported(), stop: async () => {} };
  }
  const own = await startOwnRedis();
  if (own) return own;
  const why = options.needsProcess
    ? 'it kills and pauses a redis-server of its own, and none is installed; REDIS_URL is not enough'
    : 'no redis-server and no REDIS_URL';
  process.stderr.write(`\n*** ${suite}: NOT RUN (${why}). ${HOW_TO_RUN}\n\n`);
  return null;
}
