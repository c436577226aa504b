/**
 * `createWalletHandler`: the merchant endpoint of the wallet contract as one
 * fetch-standard function `(Request) => Promise<Response>`. This module only
 * routes and answers; each operation lives in `routes/`.
 */
import { GATEWAY_ID_PATTERN } from '../protocol/index.js';
import type { Context, RouteResult } from './context.js';
import { assertSameSite } from './cross-site.js';
import { BASE_HEADERS, WalletError } from './errors.js';
import { createGatewayClient } from './gateway-client.js';
import { createIdempotency } from './idempotency.js';
import { safeLogger } from './logger.js';
import { resolveOptions, type WalletHandlerOptions } from './options.js';
import { createRedactor } from './redact.js';
import { addMethod } from './routes/add-method.js';
import { getConfig } from './routes/config.js';
import { listMethods } from './routes/list-methods.js';
import { removeMethod } from './routes/remove-method.js';
import { setDefaultMethod } from './routes/set-default.js';

/** The merchant endpoint: a fetch-standard handler that also knows where it is mounted. */
export interface WalletHandler {
  (request: Request): Promise<Response>;
  /** The mount point the handler answers below (`''` for the root). */
  readonly basePath: string;
}

type Route = { methods: Record<string, (ctx: Context, id: string) => RouteResult | Promise<RouteResult>> };

const CONFIG: Route = { methods: { GET: getConfig } };
const METHODS: Route = { methods: { GET: listMethods, POST: addMethod } };
const METHOD: Route = { methods: { DELETE: removeMethod } };
const DEFAULT: Route = { methods: { PUT: setDefaultMethod } };

/** Finds the route for a path below the mount point, with the method id it names. */
function match(subPath: string): { route: Route; id: string } | null {
  if (subPath === '/config') return { route: CONFIG, id: '' };
  if (subPath === '/methods') return { route: METHODS, id: '' };
  const found = /^\/methods\/([^/]+)(\/default)?$/.exec(subPath);
  if (!found) return null;
  let id: string;
  try {
    id = decodeURIComponent(found[1] ?? '');
  } catch {
    return null;
  }
  // Checked here, before any route runs, so no unvalidated id can reach a gateway URL.
  if (!GATEWAY_ID_PATTERN.test(id)) return null;
  return { route: found[2] ? DEFAULT : METHOD, id };
}

/** Creates the merchant endpoint. See `docs/server.md` for mounting and every option. */
export function createWalletHandler(input: WalletHandlerOptions): WalletHandler {
  const options = resolveOptions(input);
  const redact = createRedactor([options.privateKey]);
  const log = safeLogger(options.logger, redact);
  const gateway = createGatewayClient({
    baseUrl: options.gatewayUrl,
    privateKey: options.privateKey,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    logger: log,
  });
  const idempotency = createIdempotency({
    store: options.idempotencyStore,
    now: options.now,
    ttlMs: options.idempotencyTtlMs,
    // A waiting duplicate gives up after the longest the first request can take.
    waitMs: options.timeoutMs * (options.retry.attempts + 4),
  });

  function corsHeaders(request: Request): Record<string, string> {
    const origin = request.headers.get('Origin');
    // Only origins the merchant listed get CORS; same-origin elements need none.
    if (origin === null || !options.allowedOrigins.has(origin)) return {};
    return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' };
  }

  function answer(request: Request, status: number, body: unknown, headers: Record<string, string> = {}): Response {
    // Last line of defence: whatever a hook or the gateway put into the body, the key does not leave.
    const text = redact(JSON.stringify(body));
    return new Response(text, { status, headers: { ...BASE_HEADERS, ...corsHeaders(request), ...headers } });
  }

  async function serve(request: Request): Promise<Response> {
    const pathname = new URL(request.url).pathname;
    const base = options.basePath;
    const below = pathname === base || pathname.startsWith(`${base}/`) ? pathname.slice(base.length) : null;
    const matched = below === null ? null : match(below.length > 1 ? below.replace(/\/$/, '') : below);
    if (!matched) throw new WalletError('not_found', 'No such route or payment method.');

    const allowed = Object.keys(matched.route.methods);
    if (request.method === 'OPTIONS' && Object.keys(corsHeaders(request)).length > 0) {
      return new Response(null, {
        status: 204,
        headers: {
          ...corsHeaders(request),
          'Cache-Control': 'no-store',
          'Access-Control-Allow-Methods': allowed.join(', '),
          'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
          'Access-Control-Max-Age': '600',
        },
      });
    }
    const operation = matched.route.methods[request.method];
    if (!operation) {
      throw new WalletError('invalid_request', `${request.method.slice(0, 10)} is not allowed here.`, {}, 405, { Allow: allowed.join(', ') });
    }
    assertSameSite(request, options.allowedOrigins);
    const ctx: Context = { request, options, gateway, idempotency, log, redact };
    const result = await operation(ctx, matched.id);
    return answer(request, result.status, result.body, result.headers);
  }

  const handler = async (request: Request): Promise<Response> => {
    const started = Date.now();
    let response: Response;
    try {
      response = await serve(request);
    } catch (error) {
      if (error instanceof WalletError) {
        response = answer(request, error.status, error.toBody(), error.headers);
      } else {
        // A merchant hook or a bug: the shopper gets a generic answer, the log gets the error's name.
        log.error('unhandled error', { name: error instanceof Error ? error.name : typeof error, message: error instanceof Error ? error.message : undefined });
        response = answer(request, 500, new WalletError('internal_error', 'The wallet service failed.').toBody());
      }
    }
    log.info('wallet request', { method: request.method, status: response.status, ms: Date.now() - started });
    return response;
  };
  return Object.assign(handler, { basePath: options.basePath });
}
