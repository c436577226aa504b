/**
 * Adapters from the fetch-standard handler to Node's `http` server and to
 * Express/connect middleware. Only types come from `node:http`, so importing
 * this module costs nothing in runtimes without Node's modules.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WalletHandler } from './handler.js';

/** A Node request as Express/connect hand it over (`originalUrl` keeps the mount path; `body` if a parser ran). */
type NodeRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

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

function requestBody(req: NodeRequest): BodyInit | null {
  if (BODYLESS.has(req.method ?? 'GET')) return null;
  // A body parser mounted before us already consumed the stream; use what it kept.
  if (req.body !== undefined && req.readableEnded) {
    if (typeof req.body === 'string' || req.body instanceof Uint8Array) return req.body as BodyInit;
    return JSON.stringify(req.body);
  }
  const chunks = req[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = (await chunks.next()) as IteratorResult<Uint8Array | string>;
        if (done) controller.close();
        else controller.enqueue(typeof value === 'string' ? new TextEncoder().encode(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      } catch (error) {
        controller.error(error);
      }
    },
    cancel() {
      // The handler stopped reading (body too large): discard the rest instead of buffering it.
      req.resume();
    },
  });
}

/** Builds a fetch `Request` from Node's `IncomingMessage`. */
export function toRequest(req: NodeRequest, options: NodeAdapterOptions = {}): Request {
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const proto = (options.trustProxy && first(req.headers['x-forwarded-proto'])?.split(',')[0]?.trim()) || (encrypted ? 'https' : 'http');
  const host = (options.trustProxy && first(req.headers['x-forwarded-host'])) || req.headers.host || 'localhost';
  const url = new URL(req.originalUrl ?? req.url ?? '/', `${proto}://${host}`);
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? '';
    // HTTP/2 pseudo-headers are not headers for fetch.
    if (!name.startsWith(':')) headers.append(name, req.rawHeaders[i + 1] ?? '');
  }
  const body = requestBody(req);
  return new Request(url, { method: req.method ?? 'GET', headers, body, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);
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

/** A listener for `http.createServer(listener)` (or Fastify's `reply.raw`, or any Node framework). */
export function toNodeListener(handler: WalletHandler | ((request: Request) => Promise<Response>), options: NodeAdapterOptions = {}) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    Promise.resolve()
      .then(() => handler(toRequest(req, options)))
      .then((response) => writeResponse(response, res))
      .catch(() => failSafe(res));
  };
}

/**
 * Express/connect middleware. Requests outside the handler's `basePath` go to
 * `next()`; mount it before any body parser, or after one (the parsed body is used).
 */
export function toConnectMiddleware(handler: WalletHandler, options: NodeAdapterOptions = {}) {
  const base = handler.basePath;
  return (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void => {
    const node = req as NodeRequest;
    // Express strips the mount path from req.url; originalUrl keeps the full path the handler routes on.
    const path = (node.originalUrl ?? node.url ?? '/').split('?')[0] ?? '/';
    if (base !== '' && path !== base && !path.startsWith(`${base}/`)) {
      next();
      return;
    }
    Promise.resolve()
      .then(() => handler(toRequest(node, options)))
      .then((response) => writeResponse(response, res))
      .catch((error: unknown) => next(error));
  };
}
