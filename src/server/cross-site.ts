/**
 * Cross-site request protection for state changes, modelled on Go's
 * `http.CrossOriginProtection`: browsers label every request with
 * `Sec-Fetch-Site` (and `Origin` on non-GET requests), so a page on another
 * site cannot make the shopper's browser change the wallet with the shopper's
 * cookie. Requests without either header do not come from a browser that could
 * carry the shopper's session, so they pass (server-to-server, curl, tests).
 */
import { WalletError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Normalises configured origins (`https://shop.example`, no path) for exact comparison. */
export function normalizeOrigins(origins: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const origin of origins) {
    try {
      out.add(new URL(origin).origin);
    } catch {
      throw new TypeError(`allowedOrigins holds an entry that is not an origin: ${JSON.stringify(origin)}`);
    }
  }
  return out;
}

/** Throws 403 `forbidden` when a state-changing request comes from another site. */
export function assertSameSite(request: Request, allowedOrigins: ReadonlySet<string>): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.get('Origin');
  if (origin !== null && allowedOrigins.has(origin)) return;
  const site = request.headers.get('Sec-Fetch-Site');
  if (site !== null && site !== '') {
    if (site === 'same-origin' || site === 'none') return;
    throw forbidden();
  }
  if (origin === null || origin === '') return;
  // Older browsers without Sec-Fetch-*: the Origin's host must be the one the request was sent to.
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    // `Origin: null` (sandboxed iframes, some redirects) is never same-origin.
    throw forbidden();
  }
  if (originHost !== hostOf(request)) throw forbidden();
}

function hostOf(request: Request): string {
  // The Host header is what the browser addressed; request.url may be rebuilt by an adapter.
  return request.headers.get('Host') ?? new URL(request.url).host;
}

function forbidden(): WalletError {
  return new WalletError('forbidden', 'Cross-site requests may not change the wallet.');
}
