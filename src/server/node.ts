/**
 * Adapters from the fetch-standard handler to Node's `http` server and to
 * Express/connect middleware. Only types come from `node:http`, so importing
 * this module costs nothing in runtimes without Node's modules.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WalletHandler } from './handler.js';
import { rawServeOf, type RawAnswer } from './raw.js';

/** A Node request as Express/connect hand it over (`originalUrl` keeps the mount path; `body` if a parser ran). */
type NodeRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

/**
 * What the Node adapters pass as the handler's second argument, and so to
 * `customerFor`, `createCustomer` and `canRemove`: Node's request and response.
 * Under `toConnectMiddleware` that is the framework's own request, so Express's
 * `req.session` (express-session, passport) is there; name the framework's types
 * to see them, e.g. `createWalletHandler<NodeContext<express.Request, express.Response>>`.
 */
export interface NodeContext<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse> {
  req: Req;
  res: Res;
}

export interface NodeAdapterOptions {
  /**
   * Trust `X-Forwarded-Proto` and `X-Forwarded-Host` from a reverse proxy when
   * building the request URL. Only enable it behind a proxy that sets them.
   */
  trustProxy?: boolean;
}

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A Node request's body as a web stream that reads from the socket only when the
 * handler asks: one chunk per read (highWaterMark 0), nothing before. What the
 * handler leaves unread (it refused the request first, or stopped at the size
 * limit) is discarded by `discard`, so Node can parse the next request on a
 * kept-alive connection; an unread body there would stall it for good.
 */
function bodyStream(req: NodeRequest): { stream: ReadableStream<Uint8Array>; discard(): void } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let listening = false;
  const onData = (chunk: Uint8Array | string): void => {
    req.pause();
    controller.enqueue(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  };
  const onEnd = (): void => {
    stop();
    controller.close();
  };
  const onError = (error: unknown): void => {
    stop();
    controller.error(error);
  };
  // Closed before its end (the client went away): the read fails instead of waiting forever.
  const onClose = (): void => onError(new Error('The request closed before its body ended.'));
  function stop(): void {
    if (!listening) return;
    listening = false;
    req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
  }
  const discard = (): void => {
    stop();
    if (!req.readableEnded) req.resume();
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      pull() {
        if (!listening) {
          listening = true;
          req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
        }
        req.resume();
      },
      // The handler stopped reading (body too large): discard the rest instead of buffering it.
      cancel: discard,
    },
    { highWaterMark: 0 },
  );
  return { stream, discard };
}

/** The body to give the `Request`, and how to discard what the handler leaves of it. */
function requestBody(req: NodeRequest): { body: BodyInit | null; discard(): void } {
  // Node dumps a body nobody started to read; one that was read or parsed is over.
  const nothing = { body: null, discard: () => {} };
  if (BODYLESS.has(req.method ?? 'GET')) return nothing;
  // A body parser mounted before us already consumed the stream; use what it kept.
  if (req.body !== undefined && req.readableEnded) {
    if (typeof req.body === 'string' || req.body instanceof Uint8Array) return { ...nothing, body: req.body as BodyInit };
    return { ...nothing, body: JSON.stringify(req.body) };
  }
  const { stream, discard } = bodyStream(req);
  return { body: stream, discard };
}

/** Characters that would make a Host header change how the URL parses. */
const ODD_HOST = /[/?#@\\\s]/;

/** Builds a fetch `Request` from Node's `IncomingMessage`. */
export function toRequest(req: NodeRequest, options: NodeAdapterOptions = {}): Request {
  return nodeRequest(req, options).request;
}

/** The fetch `Request` of a Node request, and how to discard what the handler leaves of its body once answered. */
function nodeRequest(req: NodeRequest, options: NodeAdapterOptions): { request: Request; discard(): void } {
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const proto = (options.trustProxy && first(req.headers['x-forwarded-proto'])?.split(',')[0]?.trim()) || (encrypted ? 'https' : 'http');
  const host = (options.trustProxy && first(req.headers['x-forwarded-host'])) || req.headers.host || 'localhost';
  const target = req.originalUrl ?? req.url ?? '/';
  // The common origin-form target ("/path?query") is appended as is (Request parses the URL once);
  // anything else (absolute-form, "//", odd Host values) is resolved exactly as before.
  const url = target.charCodeAt(0) === 47 /* / */ && target.charCodeAt(1) !== 47 && !ODD_HOST.test(host) ? `${proto}://${host}${target}` : new URL(target, `${proto}://${host}`);
  const raw = req.rawHeaders;
  const headers: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    // HTTP/2 pseudo-headers are not headers for fetch.
    if (name.charCodeAt(0) !== 58 /* : */) headers.push([name, raw[i + 1] as string]);
  }
  const method = req.method ?? 'GET';
  const { body, discard } = requestBody(req);
  if (body === null) return { request: new Request(url, { method, headers }), discard };
  return { request: new Request(url, { method, headers, body, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit), discard };
}

/** Writes the handler's answer (see raw.ts) in one go: head and body, with Content-Length. */
function writeRaw(answer: RawAnswer, res: ServerResponse): void {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body ?? undefined);
}

/** Writes a fetch `Response` to Node's `ServerResponse`. */
export async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  // Wallet answers are small JSON documents; one write keeps the adapter cheap.
  const body = response.body ? new Uint8Array(await response.arrayBuffer()) : undefined;
  res.end(body);
}

function failSafe(res: ServerResponse): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = 500;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify({ error: { code: 'internal_error', message: 'The wallet service failed.' } }));
}

/**
 * A listener for `http.createServer(listener)` (or Fastify's `reply.raw`, or any Node framework).
 * The handler gets `{ req, res }` as its second argument (`NodeContext`).
 */
export function toNodeListener<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse>(
  handler: WalletHandler<NodeContext<Req, Res>> | ((request: Request, context: NodeContext<Req, Res>) => Promise<Response>),
  options: NodeAdapterOptions = {},
) {
  const raw = rawServeOf(handler);
  return (req: Req, res: Res): void => {
    let discard = (): void => {};
    const request = (): Request => {
      const built = nodeRequest(req, options);
      discard = built.discard;
      return built.request;
    };
    if (raw) {
      // A handler from createWalletHandler: its answer goes to `res` without becoming a Response first.
      Promise.resolve()
        .then(() => raw(request(), { req, res }))
        .then((answer) => writeRaw(answer, res))
        .catch(() => failSafe(res))
        .finally(() => discard());
      return;
    }
    Promise.resolve()
      .then(() => handler(request(), { req, res }))
      .then((response) => writeResponse(response, res))
      .catch(() => failSafe(res))
      .finally(() => discard());
  };
}

/**
 * Express/connect middleware. Requests outside the handler's `basePath` go to
 * `next()`; mount it before any body parser, or after one (the parsed body is used).
 */
export function toConnectMiddleware<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse>(
  handler: WalletHandler<NodeContext<Req, Res>>,
  options: NodeAdapterOptions = {},
) {
  const base = handler.basePath;
  const raw = rawServeOf(handler);
  return (req: Req, res: Res, next: (error?: unknown) => void): void => {
    const node = req as Req & NodeRequest;
    // Express strips the mount path from req.url; originalUrl keeps the full path the handler routes on.
    const path = (node.originalUrl ?? node.url ?? '/').split('?')[0] ?? '/';
    if (base !== '' && path !== base && !path.startsWith(`${base}/`)) {
      next();
      return;
    }
    let discard = (): void => {};
    const request = (): Request => {
      const built = nodeRequest(node, options);
      discard = built.discard;
      return built.request;
    };
    if (raw) {
      Promise.resolve()
        .then(() => raw(request(), { req, res }))
        .then((answer) => writeRaw(answer, res))
        .catch((error: unknown) => next(error))
        .finally(() => discard());
      return;
    }
    Promise.resolve()
      .then(() => handler(request(), { req, res }))
      .then((response) => writeResponse(response, res))
      .catch((error: unknown) => next(error))
      .finally(() => discard());
  };
}
