/**
 * Adapters from the fetch-standard handler to Node's `http` server and to
 * Express/connect middleware. Only types come from `node:http`, so importing
 * this module costs nothing in runtimes without Node's modules.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WalletHandler } from './handler.js';
import { BASE_HEADERS } from './errors.js';
import { rawServeOf, type RawAnswer } from './raw.js';
import { isRoutePath, tellMisroutedOf } from './wiring.js';

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
   * building the request URL (the first item of each, when proxies appended to
   * them). Only enable it behind a proxy that sets them.
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
    controller.enqueue(
      typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength),
    );
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

/**
 * Methods a request listener can get but fetch's `Request` refuses to carry. Of the Fetch
 * standard's forbidden methods only TRACE gets here: Node's parser refuses TRACK (400 before
 * any listener runs), and hands CONNECT to the server's `connect` event instead.
 */
const FORBIDDEN_METHODS = new Set(['TRACE']);

/** The first item of a header a chain of proxies may have appended to (`shop.example, internal:3000`). */
function firstForwarded(value: string | string[] | undefined): string | undefined {
  return first(value)?.split(',')[0]?.trim() || undefined;
}

/** A Node request as the handler gets it. */
interface NodeRequestParts {
  request: Request;
  /** Discards what the handler leaves of the body, once the answer is written. */
  discard(): void;
  /** The request's method; for a forbidden one, `request` is a body-less GET standing in for it. */
  method: string;
}

/** Builds a fetch `Request` from Node's `IncomingMessage`; throws for a request no URL can be built from, or a method fetch cannot carry. */
export function toRequest(req: NodeRequest, options: NodeAdapterOptions = {}): Request {
  if (FORBIDDEN_METHODS.has((req.method ?? 'GET').toUpperCase()))
    throw new TypeError(`${req.method} cannot be carried by a fetch Request.`);
  return nodeRequest(req, options).request;
}

function nodeRequest(req: NodeRequest, options: NodeAdapterOptions): NodeRequestParts {
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const forwardedProto = options.trustProxy ? firstForwarded(req.headers['x-forwarded-proto'])?.toLowerCase() : undefined;
  const proto = forwardedProto === 'http' || forwardedProto === 'https' ? forwardedProto : encrypted ? 'https' : 'http';
  const host = (options.trustProxy && firstForwarded(req.headers['x-forwarded-host'])) || req.headers.host || 'localhost';
  const target = req.originalUrl ?? req.url ?? '/';
  // The common origin-form target ("/path?query") is appended as is (Request parses the URL once);
  // anything else (absolute-form, "//", odd Host values) is resolved exactly as before.
  const url =
    target.charCodeAt(0) === 47 /* / */ && target.charCodeAt(1) !== 47 && !ODD_HOST.test(host)
      ? `${proto}://${host}${target}`
      : new URL(target, `${proto}://${host}`);
  const raw = req.rawHeaders;
  const headers: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    // HTTP/2 pseudo-headers are not headers for fetch.
    if (name.charCodeAt(0) !== 58 /* : */) headers.push([name, raw[i + 1] as string]);
  }
  const method = req.method ?? 'GET';
  // The handler refuses such a method before it reads anything; a stand-in carries the rest of the request.
  if (FORBIDDEN_METHODS.has(method.toUpperCase()))
    return { request: new Request(url, { method: 'GET', headers }), discard: () => req.resume(), method };
  const { body, discard } = requestBody(req);
  if (body === null) return { request: new Request(url, { method, headers }), discard, method };
  return {
    request: new Request(url, { method, headers, body, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit),
    discard,
    method,
  };
}

/** Writes an error the way the handler answers its own: the contract's JSON shape, with `BASE_HEADERS` (no-store). */
function writeError(
  res: ServerResponse,
  status: number,
  code: 'invalid_request' | 'internal_error',
  message: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { ...BASE_HEADERS, ...headers });
  res.end(JSON.stringify({ error: { code, message } }));
}

/**
 * Turns a Node request into the handler's, or answers it here when that cannot be done:
 * 400 for a request no URL can be built from (a `Host` such as `a b`), and, for a plain
 * fetch handler, 501 for TRACE, which fetch cannot carry: the adapter cannot know that
 * handler's routes, so it can name neither a route's `Allow` (405) nor a missing route (404),
 * and says the method is supported nowhere. (A handler from createWalletHandler gets the
 * method, and answers 405 with the route's `Allow`, or 404.) Answered like the handler's own
 * errors (JSON, no-store), never as a 500.
 */
function prepare(req: NodeRequest, res: ServerResponse, options: NodeAdapterOptions, raw: boolean): NodeRequestParts | null {
  let parts: NodeRequestParts;
  try {
    parts = nodeRequest(req, options);
  } catch {
    writeError(res, 400, 'invalid_request', 'The request URL could not be built from its Host and target.');
    req.resume();
    return null;
  }
  if (!raw && parts.method !== parts.request.method) {
    writeError(res, 501, 'invalid_request', `${parts.method.slice(0, 10)} is not supported.`);
    parts.discard();
    return null;
  }
  return parts;
}

/**
 * Writes the handler's answer (see raw.ts) with one `end` call. No Content-Length is set and
 * `writeHead` fixes the head before `end` sees the body, so Node sends it chunked (one chunk).
 */
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
  writeError(res, 500, 'internal_error', 'The wallet service failed.');
}

/**
 * Serves one Node request with the handler, for both adapters: a handler from createWalletHandler
 * answers through its raw entry point (its answer goes to `res` without becoming a Response first),
 * any other fetch handler through a `Response`. `fail` gets what went wrong while answering.
 */
function nodeServer<Req extends IncomingMessage, Res extends ServerResponse>(
  handler: (request: Request, context: NodeContext<Req, Res>) => Promise<Response>,
  options: NodeAdapterOptions,
): (req: Req, res: Res, fail: (error: unknown) => void) => void {
  const raw = rawServeOf(handler);
  return (req, res, fail) => {
    const parts = prepare(req, res, options, raw !== undefined);
    if (!parts) return;
    const context = { req, res };
    Promise.resolve()
      .then(() =>
        raw
          ? raw(parts.request, context, parts.method).then(answer => writeRaw(answer, res))
          : handler(parts.request, context).then(response => writeResponse(response, res)),
      )
      .catch(fail)
      .finally(() => parts.discard());
  };
}

/**
 * A listener for `http.createServer(listener)` (or Fastify's `reply.raw`, or any Node framework).
 * The handler gets `{ req, res }` as its second argument (`NodeContext`).
 */
export function toNodeListener<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse>(
  handler: WalletHandler<NodeContext<Req, Res>> | ((request: Request, context: NodeContext<Req, Res>) => Promise<Response>),
  options: NodeAdapterOptions = {},
) {
  const serve = nodeServer(handler, options);
  return (req: Req, res: Res): void => serve(req, res, () => failSafe(res));
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
  const serve = nodeServer(handler, options);
  const tellMisrouted = tellMisroutedOf(handler);
  return (req: Req, res: Res, next: (error?: unknown) => void): void => {
    const node = req as Req & NodeRequest;
    // Express strips the mount path from req.url; originalUrl keeps the full path the handler routes on.
    const path = (node.originalUrl ?? node.url ?? '/').split('?')[0] ?? '/';
    // Mounted at the root (no basePath), it takes only its own routes and passes the app's on.
    const outside = base === '' ? !isRoutePath(path) : path !== base && !path.startsWith(`${base}/`);
    if (outside) {
      tellMisrouted(path);
      next();
      return;
    }
    serve(req, res, next);
  };
}
