/**
 * Wiring mistakes a merchant makes when mounting the handler, told once per handler in its log
 * with what to change: a handler that answers app routes or requests for another mount point,
 * a session the hooks cannot find, a customer id the gateway does not know. The shopper's
 * answer stays the contract's; only the log says more.
 */
import { ROUTES } from '../protocol/index.js';
import type { Logger } from './logger.js';

const told = new WeakMap<object, Set<string>>();

/** Logs `message` as an error the first time `key` is told for this handler (`owner`: its resolved options). */
export function tellOnce(owner: object, log: Logger, key: string, message: string): void {
  let keys = told.get(owner);
  if (!keys) told.set(owner, (keys = new Set()));
  if (keys.has(key)) return;
  keys.add(key);
  log.error(message);
}

const ROUTE_TAIL = new RegExp(`(${ROUTES.config}|${ROUTES.methods}(?:/[^/]+(?:/default)?)?)/?$`);

/** Whether a path below the mount point is one of the contract's routes (valid id or not). */
export function isRoutePath(subPath: string): boolean {
  const found = ROUTE_TAIL.exec(subPath);
  return found !== null && found.index === 0;
}

/**
 * The `basePath` a request's path evidently meant (it ends like a route, below another mount
 * point), said as a hint; `null` when the path does not end like a route or the mount is right.
 */
export function basePathHint(pathname: string, basePath: string): { key: string; message: string } | null {
  const found = ROUTE_TAIL.exec(pathname);
  if (!found) return null;
  const mount = pathname.slice(0, found.index);
  if (mount === basePath || !mount.startsWith('/')) return null;
  const route = found[1]!.startsWith(`${ROUTES.methods}/`) ? `${ROUTES.methods}/…` : found[1]!;
  return {
    key: `basePath:${mount}`,
    message: `The wallet handler got a request for ${mount}${route}, but its basePath is "${basePath}": set basePath: "${mount}" (the full path the handler is reached at).`,
  };
}

/**
 * What to say about a request for a path that is none of the handler's routes: the `basePath`
 * it was evidently meant to have, or that a handler mounted at the root (no `basePath`) is given
 * the app's own pages. `null` when neither.
 */
export function misroutedHint(pathname: string, basePath: string, request: Request): { key: string; message: string } | null {
  const mount = basePathHint(pathname, basePath);
  if (mount) return mount;
  // A page a browser navigates to (GET /, /about …): the app's routes are being sent to the handler.
  if (basePath === '' && request.method === 'GET' && (request.headers.get('Accept') ?? '').includes('text/html')) {
    return {
      key: 'root',
      message:
        'The wallet handler has no basePath and got a page request for a path that is none of its routes: it answers 404 to every app route sent to it. Set basePath to the path it is mounted at and send it only the requests below that path (toConnectMiddleware passes the others on).',
    };
  }
  return null;
}

/** Where a handler made by createWalletHandler keeps `tellMisrouted`, for the Node adapters. */
export const TELL_MISROUTED: unique symbol = Symbol('ecrypt-wallet.tellMisrouted');

/** Logs, once, the `basePath` hint for a path an adapter passes on instead of giving it to the handler. */
export function tellMisroutedOf(handler: unknown): (pathname: string) => void {
  const tell = typeof handler === 'function' ? (handler as { [TELL_MISROUTED]?: unknown })[TELL_MISROUTED] : undefined;
  return typeof tell === 'function' ? (tell as (pathname: string) => void) : () => {};
}

/** The message for a merchant hook that threw, when the context shows why. */
export function hookFailureHint(hook: string, platform: unknown, error: unknown): { key: string; message: string } | null {
  if (!(error instanceof TypeError)) return null;
  if (platform === undefined) {
    return {
      key: `context:${hook}`,
      message: `${hook} threw a TypeError and the handler was called without a context (its second argument): pass the platform's context, e.g. wallet(c.req.raw, c) in Hono, or read the session from the request alone.`,
    };
  }
  const req = typeof platform === 'object' && platform !== null ? (platform as { req?: unknown; request?: unknown }) : {};
  const frameworkRequest = req.req ?? req.request;
  if (
    typeof frameworkRequest === 'object' &&
    frameworkRequest !== null &&
    (frameworkRequest as { session?: unknown }).session === undefined
  ) {
    return {
      key: `session:${hook}`,
      message: `${hook} threw a TypeError and the request has no session (req.session is undefined): mount the session middleware before the wallet handler.`,
    };
  }
  return null;
}
