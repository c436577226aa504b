/**
 * The Node adapters at the edges, over raw loopback sockets: a keep-alive
 * connection after a request whose body the handler refused without reading,
 * and requests Node's parser accepts but a URL cannot be built from.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { toConnectMiddleware, toNodeListener } from '../../src/server/index.js';
import { assertNoKeyLeaksAtEnd, captureBody, card, createHarness, ENDPOINT, TEST_CARDS } from './helpers.js';

assertNoKeyLeaksAtEnd();

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary members of JSON answers
  json: any;
}

/** The complete body after the head (by Content-Length, or chunked), or `null` while more is to come. */
function bodyOf(rest: Buffer, headers: Record<string, string>): Buffer | null {
  if (headers['transfer-encoding'] !== 'chunked') {
    const length = Number(headers['content-length'] ?? 0);
    return rest.length < length ? null : rest.subarray(0, length);
  }
  const parts: Buffer[] = [];
  for (let at = 0; ;) {
    const line = rest.indexOf('\r\n', at);
    if (line < 0) return null;
    const size = parseInt(rest.subarray(at, line).toString('latin1'), 16);
    if (size === 0) return rest.length < line + 4 ? null : Buffer.concat(parts);
    if (rest.length < line + 2 + size + 2) return null;
    parts.push(rest.subarray(line + 2, line + 2 + size));
    at = line + 2 + size + 2;
  }
}

/** Writes `raw` on `socket` and reads one answer (by Content-Length); rejects when none comes within `ms`. */
function exchange(socket: Socket, raw: string, ms = 2_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.off('data', onData);
      reject(new Error(`no answer within ${ms} ms`));
    }, ms);
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine = '', ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) headers[line.slice(0, line.indexOf(':')).toLowerCase()] = line.slice(line.indexOf(':') + 1).trim();
      const body = bodyOf(buffer.subarray(end + 4), headers);
      if (body === null) return;
      clearTimeout(timer);
      socket.off('data', onData);
      const text = body.toString('utf8');
      captureBody(text);
      resolve({ status: Number(statusLine.split(' ')[1]), headers, json: text ? JSON.parse(text) : undefined });
    };
    socket.on('data', onData);
    socket.write(raw);
  });
}

async function listen(listener: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(listener);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const sockets: Socket[] = [];
  return {
    open: async () => {
      const socket = connect(port, '127.0.0.1');
      sockets.push(socket);
      await new Promise<void>(resolve => socket.once('connect', () => resolve()));
      return socket;
    },
    close: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A connect app of one middleware; what it passes on is answered 404. */
function connectApp(middleware: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void) {
  return (req: IncomingMessage, res: ServerResponse) =>
    middleware(req, res, error => {
      res.statusCode = error ? 500 : 404;
      res.end();
    });
}

const GET_METHODS = `GET ${ENDPOINT}/methods HTTP/1.1\r\nHost: shop.test\r\n\r\n`;

function post(path: string, headers: Record<string, string>, body: string): string {
  const head = Object.entries({
    Host: 'shop.test',
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(body)),
    ...headers,
  })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return `POST ${path} HTTP/1.1\r\n${head}\r\n${body}`;
}

// Far more than the socket and stream buffers hold, so an unread body blocks the connection.
const BIG = `{"token":"${' '.repeat(512 * 1024)}"}`;

describe('a keep-alive connection after a refused body', async () => {
  const h = createHarness();
  await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
  const adapters = [
    ['toNodeListener', await listen(toNodeListener(h.backend.handler))],
    ['toConnectMiddleware', await listen(connectApp(toConnectMiddleware(h.backend.handler)))],
  ] as const;
  after(() => Promise.all(adapters.map(([, server]) => server.close())));

  const refusals: [string, string, number][] = [
    ['403 (cross-site)', post(`${ENDPOINT}/methods`, { 'Sec-Fetch-Site': 'cross-site' }, BIG), 403],
    ['404 (unknown route)', post(`${ENDPOINT}/nowhere`, {}, BIG), 404],
    ['405 (method not allowed)', post(`${ENDPOINT}/config`, {}, BIG), 405],
    ['400 (not JSON)', post(`${ENDPOINT}/methods`, { 'Content-Type': 'text/plain' }, BIG), 400],
    ['400 (declared too large)', post(`${ENDPOINT}/methods`, {}, BIG), 400],
  ];
  for (const [adapter, server] of adapters) {
    for (const [name, request, status] of refusals) {
      it(`${adapter}: answers the next request after ${name}`, async () => {
        const socket = await server.open();
        assert.equal((await exchange(socket, request)).status, status);
        const next = await exchange(socket, GET_METHODS);
        assert.equal(next.status, 200);
        assert.equal(next.json.methods.length, 1);
      });
    }
  }

  it('answers the next request after a body too large to read (no Content-Length)', async () => {
    const socket = await adapters[0][1].open();
    const chunked = `POST ${ENDPOINT}/methods HTTP/1.1\r\nHost: shop.test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${BIG.length.toString(16)}\r\n${BIG}\r\n0\r\n\r\n`;
    assert.equal((await exchange(socket, chunked)).status, 400);
    assert.equal((await exchange(socket, GET_METHODS)).status, 200);
  });

  it('answers the next request after 401 for a body sent without a session', async () => {
    const socket = await adapters[0][1].open();
    h.backend.signIn(null);
    try {
      assert.equal((await exchange(socket, post(`${ENDPOINT}/methods`, {}, BIG))).status, 401);
    } finally {
      await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    }
    assert.equal((await exchange(socket, GET_METHODS)).status, 200);
  });
});

describe('requests Node accepts but fetch cannot carry', async () => {
  const urls: string[] = [];
  const h = createHarness({
    customerFor: request => {
      urls.push(request.url);
      return h.backend.customerId;
    },
  });
  await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
  const plain = await listen(toNodeListener(h.backend.handler));
  const proxied = await listen(toNodeListener(h.backend.handler, { trustProxy: true }));
  const connected = await listen(connectApp(toConnectMiddleware(h.backend.handler)));
  after(() => Promise.all([plain.close(), proxied.close(), connected.close()]));

  const ask = async (server: typeof plain, raw: string) => exchange(await server.open(), raw);
  const assertJsonError = (answer: RawAnswer, status: number, code: string) => {
    assert.equal(answer.status, status);
    assert.equal(answer.headers['cache-control'], 'no-store');
    assert.match(answer.headers['content-type'] ?? '', /^application\/json/);
    assert.equal(answer.json.error.code, code);
  };

  for (const [name, server] of [
    ['toNodeListener', plain],
    ['toConnectMiddleware', connected],
  ] as const) {
    it(`${name}: answers TRACE with 405 and the route's Allow, as any other method the route does not take`, async () => {
      const methods = await ask(server, `TRACE ${ENDPOINT}/methods HTTP/1.1\r\nHost: shop.test\r\n\r\n`);
      assertJsonError(methods, 405, 'invalid_request');
      assert.equal(methods.headers.allow, 'GET, POST');
      const config = await ask(server, `TRACE ${ENDPOINT}/config HTTP/1.1\r\nHost: shop.test\r\n\r\n`);
      assert.equal(config.headers.allow, 'GET');
      assertJsonError(await ask(server, `TRACE ${ENDPOINT}/nowhere HTTP/1.1\r\nHost: shop.test\r\n\r\n`), 404, 'not_found');
    });

    it(`${name}: answers 400 to a Host header no URL can be built from`, async () => {
      assertJsonError(await ask(server, `GET ${ENDPOINT}/methods HTTP/1.1\r\nHost: a b\r\n\r\n`), 400, 'invalid_request');
      // The connection is still good for the next request.
      const socket = await server.open();
      assert.equal((await exchange(socket, `GET ${ENDPOINT}/methods HTTP/1.1\r\nHost: a b\r\n\r\n`)).status, 400);
      assert.equal((await exchange(socket, GET_METHODS)).status, 200);
    });
  }

  it('a plain fetch function behind toNodeListener: answers TRACE 501 without an Allow it cannot know, on any path', async () => {
    const wrapped = await listen(toNodeListener((request: Request) => h.backend.handler(request)));
    try {
      for (const path of [`${ENDPOINT}/methods`, `${ENDPOINT}/nowhere`]) {
        const answer = await ask(wrapped, `TRACE ${path} HTTP/1.1\r\nHost: shop.test\r\n\r\n`);
        assertJsonError(answer, 501, 'invalid_request');
        assert.equal(answer.headers.allow, undefined);
      }
    } finally {
      await wrapped.close();
    }
  });

  it('trustProxy: builds the URL from the first host of a listed X-Forwarded-Host', async () => {
    urls.length = 0;
    const answer = await ask(
      proxied,
      `GET ${ENDPOINT}/methods HTTP/1.1\r\nHost: internal:3000\r\nX-Forwarded-Host: shop.example, internal:3000\r\nX-Forwarded-Proto: https, http\r\n\r\n`,
    );
    assert.equal(answer.status, 200);
    assert.equal(urls[0], `https://shop.example${ENDPOINT}/methods`);
  });

  it('trustProxy: answers 400 to an X-Forwarded-Host no URL can be built from', async () => {
    assertJsonError(
      await ask(proxied, `GET ${ENDPOINT}/methods HTTP/1.1\r\nHost: shop.test\r\nX-Forwarded-Host: a b\r\n\r\n`),
      400,
      'invalid_request',
    );
  });
});
