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

/**
 * Normalises configured origins (`https://shop.example`, no path) for exact
 * comparison. Only http: and https: origins are accepted: anything else
 * (`localhost:3000` parses as the scheme `localhost:`, `file:` URLs, ...) has
 * the opaque origin `"null"`, which would match `Origin: null`, the header a
 * sandboxed iframe on any site sends.
 */
export function normalizeOrigins(origins: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const origin of origins) {
    const notAnOrigin = () =>
      new TypeError(
        `allowedOrigins holds an entry that is not an http(s) origin such as "https://shop.example": ${JSON.stringify(String(origin).slice(0, 100))}`,
      );
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw notAnOrigin();
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin === 'null' || url.host === '') throw notAnOrigin();
    out.add(url.origin);
  }
  return out;
}

/** Whether `origin` (an `Origin` header) is one the merchant listed. `null` (an opaque origin) never is. */
export function isAllowedOrigin(origin: string | null, allowedOrigins: ReadonlySet<string>): origin is string {
  return origin !== null && origin !== '' && origin !== 'null' && allowedOrigins.has(origin);
}

/** Throws 403 `forbidden` when a state-changing request comes from another site. */
export function assertSameSite(request: Request, allowedOrigins: ReadonlySet<string>): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.get('Origin');
  // Only a listed http(s) origin passes before Sec-Fetch-Site is looked at; `Origin: null` never does.
  if (isAllowedOrigin(origin, allowedOrigins)) return;
  const site = request.headers.get('Sec-Fetch-Site');
  if (site !== null && site !== '') {
    if (site === 'same-origin' || site === 'none') return;
    throw forbidden();
  }
  if (origin === null || origin === '') return;
  if (origin === 'null') throw forbidden();
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
