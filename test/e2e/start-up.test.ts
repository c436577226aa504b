/**
 * The demo answers from the moment its port accepts connections: a request sent
 * the instant the port opens (while the sandbox is seeded and Vite starts) gets a
 * real answer, not a connection that hangs.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { setTimeout as wait } from 'node:timers/promises';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';

const HOST = '127.0.0.1';

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, HOST);
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Resolves with a socket on the first connection the port accepts. */
async function firstConnection(port: number, giveUp: Promise<unknown>): Promise<Socket> {
  let stopped = false;
  void giveUp.finally(() => (stopped = true));
  while (!stopped) {
    const socket = connect(port, HOST);
    const connected = await new Promise<boolean>(resolve => {
      socket.once('connect', () => resolve(true));
      socket.once('error', () => resolve(false));
    });
    if (connected) return socket;
    socket.destroy();
    // Refused: the port is not open yet. Polling is the only way to see it open from outside.
    await wait(2);
  }
  throw new Error('the demo started without the port ever being seen open');
}

/** Sends one request on the socket and resolves with the whole answer as text. */
async function exchange(socket: Socket, path: string, port: number): Promise<string> {
  let text = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (text += chunk));
  socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`);
  await once(socket, 'end');
  return text;
}

describe('demo start-up', () => {
  it('answers a request sent the moment its port opens', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const starting = startDemo({ port, log: () => {}, env: {} });
    let demo: RunningDemo | undefined;
    try {
      const socket = await firstConnection(port, starting);
      const answer = await exchange(socket, '/api/wallet/config', port);
      demo = await starting;
      assert.match(answer, /^HTTP\/1\.1 200 /);
      assert.match(answer, /"publicKey":"[^"]+"/);
    } finally {
      demo ??= await starting.catch(() => undefined);
      await demo?.close();
    }
  });
});
