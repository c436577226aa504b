/**
 * `createWalletHandler`: the merchant endpoint of the wallet contract as one
 * fetch-standard function `(Request) => Promise<Response>`. This module only
 * routes and answers; each operation lives in `routes/`.
 */
import { GATEWAY_ID_PATTERN } from '../protocol/index.js';
import type { Context as RouteContext, RouteResult } from './context.js';
import { assertSameSite, isAllowedOrigin } from './cross-site.js';
import { BASE_HEADERS, WalletError } from './errors.js';
import { createGatewayClient } from './gateway-client.js';
import { createIdempotency } from './idempotency.js';
import { safeLogger } from './logger.js';
import { resolveOptions, type WalletHandlerOptions } from './options.js';
import { initialWalletFrom, methodsRequestFor } from './initial-wallet.js';
import { RAW_SERVE, type RawAnswer } from './raw.js';
import { createRedactor } from './redact.js';
import { guardStores } from './store-guard.js';
import { addMethod } from './routes/add-method.js';
import { longestAddMs } from './routes/add-method.budget.js';
import { getConfig } from './routes/config.js';
import { listMethods } from './routes/list-methods.js';
import { removeMethod } from './routes/remove-method.js';
import { setDefaultMethod } from './routes/set-default.js';
import { presentWallet } from './wallet-state.js';
import { basePathHint, misroutedHint, TELL_MISROUTED, tellOnce } from './wiring.js';
import type { WalletState } from '../protocol/index.js';

/**
 * The handler's second argument: optional while the hooks accept `undefined` (the default
 * `unknown` context), required once they are typed with a context they read (`NodeContext`,
 * Hono's `Context`), so a call that leaves it out fails to type-check instead of answering 500.
 */
export type ContextArgument<Context> = undefined extends Context ? [context?: Context] : [context: Context];

/**
 * The merchant endpoint: a fetch-standard handler that also knows where it is
 * mounted. The optional second argument is the platform's context (`{ req, res }`
 * from the Node adapters, `{ params }` from Next.js), handed to the merchant's hooks.
 */
export interface WalletHandler<Context = unknown> {
  (request: Request, ...context: ContextArgument<Context>): Promise<Response>;
  /** The mount point the handler answers below (`''` for the root). */
  readonly basePath: string;
  /**
   * The signed-in shopper's wallet for a server-rendered page: exactly what `GET {basePath}/methods`
   * would answer the page's request (same session, same hooks, same rate limit, same order and
   * removal marks), or `null` when that would not be a `200` (not signed in, the gateway failed):
   * the element then loads the list itself. Pass the page's request and platform context;
   * serialise with `toScriptJson` into the element's `<script type="application/json">` child.
   */
  initialWallet(request: Request, ...context: ContextArgument<Context>): Promise<WalletState | null>;
}

type Route = { methods: Record<string, (ctx: RouteContext, id: string) => RouteResult | Promise<RouteResult>> };

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

/** The path of an absolute URL as `Request.url` serialises it (no query or fragment). */
function pathnameOf(url: string): string {
  const scheme = url.indexOf('://');
  const slash = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
  if (slash < 0) return new URL(url).pathname;
  let end = url.length;
  const query = url.indexOf('?', slash);
  if (query >= 0) end = query;
  const hash = url.indexOf('#', slash);
  if (hash >= 0 && hash < end) end = hash;
  return url.slice(slash, end);
}

/** Creates the merchant endpoint. See `docs/server.md` for mounting and every option. */
export function createWalletHandler<Context = unknown>(input: WalletHandlerOptions<Context>): WalletHandler<Context> {
  // The hooks are typed with the caller's Context; at run time they get whatever the handler was given.
  const resolved = resolveOptions(input as WalletHandlerOptions<unknown>);
  const redact = createRedactor([resolved.privateKey]);
  const log = safeLogger(resolved.logger, redact);
  // From here on, a store that throws answers 503 store_unavailable where it was called (store-guard.ts).
  const options = guardStores(resolved, log);
  const gateway = createGatewayClient({
    baseUrl: options.gatewayUrl,
    privateKey: options.privateKey,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    logger: log,
  });
  // The longest an add can run: a pending claim must outlive it, and a waiting duplicate waits that long.
  const longestAdd = longestAddMs(options.timeoutMs, options.retry);
  const idempotency = createIdempotency({
    store: options.idempotencyStore,
    now: options.now,
    ttlMs: options.idempotencyTtlMs,
    waitMs: longestAdd,
    pendingTtlMs: longestAdd,
  });

  const locks = options.lock;

  function corsHeaders(request: Request): Record<string, string> | null {
    const origin = request.headers.get('Origin');
    // Only origins the merchant listed get CORS; same-origin elements need none.
    if (!isAllowedOrigin(origin, options.allowedOrigins)) return null;
    return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' };
  }

  function answer(request: Request, status: number, body: unknown, headers?: Record<string, string>): RawAnswer {
    // Last line of defence: whatever a hook or the gateway put into the body, the key does not leave.
    const text = redact(JSON.stringify(body));
    return { status, headers: { ...BASE_HEADERS, ...corsHeaders(request), ...headers }, body: text };
  }

  async function serve(request: Request, platform: unknown, method: string): Promise<RawAnswer> {
    const pathname = pathnameOf(request.url);
    const base = options.basePath;
    const below = pathname === base || pathname.startsWith(`${base}/`) ? pathname.slice(base.length) : null;
    const matched = below === null ? null : match(below.length > 1 && below.endsWith('/') ? below.slice(0, -1) : below);
    if (!matched) {
      const hint = misroutedHint(pathname, base, request);
      if (hint) tellOnce(options, log, hint.key, hint.message);
      throw new WalletError('not_found', 'No such route or payment method.');
    }

    const operation = matched.route.methods[method];
    if (method === 'OPTIONS') {
      const cors = corsHeaders(request);
      if (cors) {
        return {
          status: 204,
          headers: {
            ...cors,
            'Cache-Control': 'no-store',
            'Access-Control-Allow-Methods': Object.keys(matched.route.methods).join(', '),
            'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
            'Access-Control-Max-Age': '600',
          },
          body: null,
        };
      }
    }
    if (!operation) {
      const allowed = Object.keys(matched.route.methods).join(', ');
      throw new WalletError('invalid_request', `${method.slice(0, 10)} is not allowed here.`, {}, 405, { Allow: allowed });
    }
    assertSameSite(request, options.allowedOrigins);
    const ctx: RouteContext = { request, platform, options, gateway, idempotency, locks, log, redact };
    let result: RouteResult;
    try {
      result = await operation(ctx, matched.id);
    } catch (error) {
      // A wallet beside an error is presented like any other: ordered, with the policy's refusals.
      if (error instanceof WalletError && error.wallet) throw error.withWallet(await presentWallet(ctx, error.wallet.methods));
      throw error;
    }
    return answer(request, result.status, result.body, result.headers);
  }

  const serveRaw = async (request: Request, platform: unknown, method = request.method): Promise<RawAnswer> => {
    const started = Date.now();
    let response: RawAnswer;
    try {
      response = await serve(request, platform, method);
    } catch (error) {
      if (error instanceof WalletError) {
        response = answer(request, error.status, error.toBody(), error.headers);
      } else {
        // A merchant hook or a bug: the shopper gets a generic answer, the log gets the error's name.
        log.error('unhandled error', {
          name: error instanceof Error ? error.name : typeof error,
          message: error instanceof Error ? error.message : undefined,
        });
        response = answer(request, 500, new WalletError('internal_error', 'The wallet service failed.').toBody());
      }
    }
    log.info('wallet request', { method, status: response.status, ms: Date.now() - started });
    return response;
  };

  const handler = async (request: Request, context?: Context): Promise<Response> => {
    const { status, headers, body } = await serveRaw(request, context);
    return new Response(body, { status, headers });
  };
  // The Node adapters use the answer before it becomes a Response (see raw.ts).
  Object.defineProperty(handler, RAW_SERVE, { value: serveRaw });
  Object.defineProperty(handler, TELL_MISROUTED, {
    value: (pathname: string) => {
      const hint = basePathHint(pathname, options.basePath);
      if (hint) tellOnce(options, log, hint.key, hint.message);
    },
  });
  const initialWallet = async (request: Request, context?: Context): Promise<WalletState | null> => {
    const { status, body } = await serveRaw(methodsRequestFor(request, options.basePath), context, 'GET');
    return initialWalletFrom(status, body);
  };
  return Object.assign(handler, { basePath: options.basePath, initialWallet });
}
