/**
 * The Node adapters over real loopback HTTP: `toNodeListener` for a bare
 * `http` server, and `toConnectMiddleware` mounted under a path the way
 * Express mounts it (`req.url` stripped, `req.originalUrl` kept).
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, IncomingMessage, request as httpRequest, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toConnectMiddleware, toNodeListener, type NodeContext } from '../../src/server/index.js';
import { assertNoKeyLeaksAtEnd, captureBody, card, createHarness, entry, ENDPOINT, TEST_CARDS, type Harness } from './helpers.js';

assertNoKeyLeaksAtEnd();

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

async function listen(listener: Listener): Promise<{ base: string; close(): Promise<void> }> {
  const server = createServer(listener);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Real HTTP with Node's client, so no fetch-side header rules apply (Origin, Sec-Fetch-Site, chunked bodies). */
function send(url: string, method: string, options: { headers?: Record<string, string>; body?: string | string[] } = {}) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary members of JSON answers
  return new Promise<{ status: number; headers: IncomingMessage['headers']; text: string; json: any }>((resolve, reject) => {
    const req = httpRequest(url, { method, headers: options.headers }, res => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        captureBody(text);
        const json = /^application\/json/.test(res.headers['content-type'] ?? '') ? JSON.parse(text) : undefined;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    // Several writes without Content-Length: a chunked body.
    for (const part of Array.isArray(options.body) ? options.body : options.body ? [options.body] : []) req.write(part);
    req.end();
  });
}

/** A minimal Express-style app: `use(path, middleware)` strips the mount path from req.url and keeps originalUrl. */
function expressLike(mounts: [string, (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void][]): Listener {
  return (req, res) => {
    const node = req as IncomingMessage & { originalUrl?: string };
    node.originalUrl = req.url;
    const run = (index: number, error?: unknown): void => {
      const mount = mounts[index];
      if (error || !mount) {
        res.statusCode = error ? 500 : 404;
        res.end(error ? 'app error' : 'app fallthrough');
        return;
      }
      const [path, middleware] = mount;
      const url = node.originalUrl ?? '/';
      if (url !== path && !url.startsWith(`${path}/`) && !url.startsWith(`${path}?`)) return run(index + 1);
      req.url = url.slice(path.length) || '/';
      middleware(req, res, (next?: unknown) => {
        req.url = url;
        run(index + 1, next);
      });
    };
    run(0);
  };
}

async function withShopper(): Promise<Harness> {
  const h = createHarness();
  await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number)]);
  return h;
}

describe('toNodeListener over loopback HTTP', async () => {
  const h = await withShopper();
  const server = await listen(toNodeListener(h.backend.handler));
  after(() => server.close());
  const url = (route: string) => `${server.base}${ENDPOINT}${route}`;

  it('serves GET /methods with no-store', async () => {
    const answer = await send(url('/methods'), 'GET');
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['cache-control'], 'no-store');
    assert.equal(answer.json.methods.length, 2);
  });

  it('saves with a chunked JSON body and answers 201', async () => {
    const token = await h.token({ accountNumber: TEST_CARDS.amex.number });
    const body = JSON.stringify({ token });
    const answer = await send(url('/methods'), 'POST', {
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'node-1' },
      body: [body.slice(0, 10), body.slice(10)],
    });
    assert.equal(answer.status, 201);
    assert.equal(answer.json.method.brand, 'amex');
  });

  it('refuses a cross-site DELETE with 403 and changes nothing', async () => {
    const before = h.wallet();
    const answer = await send(url(`/methods/${before[0]!.id}`), 'DELETE', {
      headers: { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' },
    });
    assert.equal(answer.status, 403);
    assert.deepEqual(h.wallet(), before);
  });

  it('accepts a same-origin DELETE judged by the Host header', async () => {
    const target = entry(h.wallet(), '4444');
    const answer = await send(url(`/methods/${target.id}`), 'DELETE', { headers: { Origin: server.base } });
    assert.equal(answer.status, 200);
    assert.ok(!h.wallet().some(item => item.id === target.id));
  });

  // Valid JSON of allowed fields, over the limit only through whitespace: nothing but the size limit refuses it.
  const oversized = () => [
    `{"token": "${crypto.randomUUID()}",`,
    ...Array.from({ length: 40 }, () => ' '.repeat(1024)),
    '"makeDefault": true}',
  ];

  it('answers 400 to an oversized chunked body', async () => {
    const answer = await send(url('/methods'), 'POST', { headers: { 'Content-Type': 'application/json' }, body: oversized() });
    assert.equal(answer.status, 400);
    assert.equal(answer.json.error.code, 'invalid_request');
    assert.match(answer.json.error.message, /larger than 8192 bytes/);
  });

  it('answers 400 to an oversized declared Content-Length without reading it', async () => {
    const body = oversized().join('');
    const answer = await send(url('/methods'), 'POST', {
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(body.length) },
      body,
    });
    assert.equal(answer.status, 400);
    assert.match(answer.json.error.message, /larger than 8192 bytes/);
  });
});

describe('toConnectMiddleware mounted under a path', async () => {
  const h = await withShopper();
  const app = expressLike([[ENDPOINT, toConnectMiddleware(h.backend.handler)]]);
  const server = await listen(app);
  after(() => server.close());

  it('routes on originalUrl and serves the wallet', async () => {
    const answer = await send(`${server.base}${ENDPOINT}/methods`, 'GET');
    assert.equal(answer.status, 200);
    assert.equal(answer.json.methods.length, 2);
  });

  it('serves a PUT and refuses a cross-site one', async () => {
    const target = entry(h.wallet(), '4444').id;
    const refused = await send(`${server.base}${ENDPOINT}/methods/${target}/default`, 'PUT', {
      headers: { 'Sec-Fetch-Site': 'cross-site' },
    });
    assert.equal(refused.status, 403);
    const answer = await send(`${server.base}${ENDPOINT}/methods/${target}/default`, 'PUT', {
      headers: { 'Sec-Fetch-Site': 'same-origin' },
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.json.methods.find((m: { isDefault: boolean }) => m.isDefault).id, target);
  });

  it('uses a body that a JSON parser mounted earlier already read', async () => {
    const token = await h.token({ accountNumber: TEST_CARDS.discover.number });
    const jsonParser = (req: IncomingMessage, _res: ServerResponse, next: () => void) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (text += chunk));
      req.on('end', () => {
        (req as IncomingMessage & { body?: unknown }).body = JSON.parse(text);
        next();
      });
    };
    const parsed = await listen(
      expressLike([
        [ENDPOINT, jsonParser],
        [ENDPOINT, toConnectMiddleware(h.backend.handler)],
      ]),
    );
    try {
      const answer = await send(`${parsed.base}${ENDPOINT}/methods`, 'POST', {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      assert.equal(answer.status, 201);
      assert.equal(answer.json.method.brand, 'discover');
    } finally {
      await parsed.close();
    }
  });

  it('passes requests outside its base path on to the next middleware', async () => {
    const other = await listen(expressLike([['/', toConnectMiddleware(h.backend.handler)]]));
    try {
      const answer = await send(`${other.base}/somewhere-else`, 'GET');
      assert.equal(answer.status, 404);
      assert.equal(answer.text, 'app fallthrough');
    } finally {
      await other.close();
    }
  });
});

describe('the platform context reaches the merchant hooks', async () => {
  type SessionRequest = IncomingMessage & { session?: { ecryptCustomerId?: string } };

  it('toConnectMiddleware: customerFor reads req.session set by an earlier middleware', async () => {
    const h = createHarness({
      customerFor: (_request, context) => (context as NodeContext<SessionRequest>).req.session?.ecryptCustomerId ?? null,
    });
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    // Signed out at the backend level: only the session can name the customer.
    h.backend.signIn(null);
    const session = (req: IncomingMessage, _res: ServerResponse, next: () => void) => {
      const signedIn = req.headers.cookie === 'sid=alice';
      (req as SessionRequest).session = signedIn ? { ecryptCustomerId: customerId } : {};
      next();
    };
    const server = await listen(
      expressLike([
        [ENDPOINT, session],
        [ENDPOINT, toConnectMiddleware(h.backend.handler)],
      ]),
    );
    try {
      const signedIn = await send(`${server.base}${ENDPOINT}/methods`, 'GET', { headers: { Cookie: 'sid=alice' } });
      assert.equal(signedIn.status, 200);
      assert.equal(signedIn.json.methods.length, 1);
      const anonymous = await send(`${server.base}${ENDPOINT}/methods`, 'GET');
      assert.equal(anonymous.status, 401);
    } finally {
      await server.close();
    }
  });

  it('toNodeListener: customerFor, canRemove and the lazy-creation hooks get { req, res }', async () => {
    const seen: string[] = [];
    const check = (hook: string, context: unknown) => {
      const { req, res } = context as NodeContext;
      assert.ok(req instanceof IncomingMessage, `${hook} gets the IncomingMessage`);
      assert.ok(res instanceof ServerResponse, `${hook} gets the ServerResponse`);
      seen.push(`${hook}:${req.headers['x-shop-user']}`);
    };
    let created: string | null = null;
    const h = createHarness({
      customerFor: (_request, context) => {
        check('customerFor', context);
        return created;
      },
      createCustomer: {
        profileFor: (_request, context) => {
          check('profileFor', context);
          return { firstName: 'Node', lastName: 'Shopper' };
        },
        onCreated: (_request, customerId, context) => {
          check('onCreated', context);
          created = customerId;
        },
      },
      canRemove: (_method, _request, context) => {
        check('canRemove', context);
        return true;
      },
    });
    h.backend.signIn(null);
    const server = await listen(toNodeListener(h.backend.handler));
    try {
      const headers = { 'X-Shop-User': 'u1', 'Content-Type': 'application/json' };
      const token = await h.token({ accountNumber: TEST_CARDS.visa.number });
      const added = await send(`${server.base}${ENDPOINT}/methods`, 'POST', { headers, body: JSON.stringify({ token }) });
      assert.equal(added.status, 201);
      const removed = await send(`${server.base}${ENDPOINT}/methods/${added.json.method.id}`, 'DELETE', {
        headers: { 'X-Shop-User': 'u1' },
      });
      assert.equal(removed.status, 200);
      // customerFor is asked again just before the customer is created: a racing save may have created it.
      // canRemove is asked for the wallet the save answers, and before the removal (the emptied wallet asks nothing).
      assert.deepEqual(seen, [
        'customerFor:u1',
        'profileFor:u1',
        'customerFor:u1',
        'onCreated:u1',
        'canRemove:u1',
        'customerFor:u1',
        'canRemove:u1',
      ]);
    } finally {
      await server.close();
    }
  });

  it('a handler called with the request alone gives the hooks undefined; a second argument is passed through', async () => {
    const contexts: unknown[] = [];
    const h = createHarness({
      customerFor: (_request, context) => {
        contexts.push(context);
        return null;
      },
    });
    await h.backend.handler(new Request(`http://shop.test${ENDPOINT}/methods`));
    const nextContext = { params: Promise.resolve({}) };
    await h.backend.handler(new Request(`http://shop.test${ENDPOINT}/methods`), nextContext);
    assert.deepEqual(contexts, [undefined, nextContext]);
  });
});
