/**
 * [assumed] CORS for `/v1/tokens` only: the browser creates tokens with the public key
 * from the merchant's page; every other endpoint is server-to-server and gets no CORS
 * headers at all, so a browser can never read a wallet straight from the gateway.
 */
import { CORS_ALLOW_HEADERS, CORS_ALLOW_METHODS, CORS_MAX_AGE_SECONDS, CORS_PATH } from './decisions.js';
import { errorBody } from './errors.js';
import { jsonResponse } from './http.js';

/**
 * The configured origins as browsers send them (`scheme://host[:port]`, no trailing slash).
 * Only http(s) origins are accepted: anything else (`null`, `localhost:3000`, a file URL, a
 * path) throws a TypeError, so an opaque `Origin: null` can never be let through.
 */
export function normaliseOrigins(origins: readonly string[]): Set<string> {
  return new Set(origins.map(normaliseOrigin));
}

function normaliseOrigin(origin: string): string {
  const trimmed = typeof origin === 'string' ? origin.trim().replace(/\/+$/, '') : '';
  let url: URL | undefined;
  try {
    url = /^https?:\/\//i.test(trimmed) ? new URL(trimmed) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin.toLowerCase() !== trimmed.toLowerCase()) {
    // The value is the developer's own configuration, not a secret: naming it helps.
    throw new TypeError(
      `allowedOrigins: ${JSON.stringify(origin)} is not an http(s) origin such as "https://shop.example" or "http://localhost:3000".`,
    );
  }
  return url.origin;
}

function allowedOrigin(request: Request, allowed: Set<string>): string | undefined {
  const origin = request.headers.get('origin');
  // "null" (sandboxed frames, file pages, some redirects) is never an allowed origin.
  return origin !== null && origin !== 'null' && allowed.has(origin) ? origin : undefined;
}

/** Answers `OPTIONS /v1/tokens`: 200 with CORS headers for an allowed origin asking for POST, else 403 without them. */
export function preflight(request: Request, allowed: Set<string>, requestId: string): Response {
  const origin = allowedOrigin(request, allowed);
  const wanted = request.headers.get('access-control-request-method');
  if (origin === undefined || (wanted !== null && wanted.toUpperCase() !== CORS_ALLOW_METHODS)) {
    return jsonResponse(
      403,
      errorBody(requestId, [{ type: 'PERMISSION', message: 'This origin may not call the gateway from a browser.' }]),
      {
        vary: 'Origin',
      },
    );
  }
  // A body with the request id keeps "every answer carries requestId" true even for preflights.
  return jsonResponse(
    200,
    { requestId },
    {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': CORS_ALLOW_METHODS,
      'access-control-allow-headers': CORS_ALLOW_HEADERS,
      'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
      vary: 'Origin',
    },
  );
}

/** Adds the CORS headers to a `/v1/tokens` answer (errors and injected faults too, so the browser can read them). */
export function withCors(response: Response, request: Request, path: string, allowed: Set<string>): Response {
  if (path !== CORS_PATH) return response;
  const headers = new Headers(response.headers);
  headers.set('vary', 'Origin');
  const origin = allowedOrigin(request, allowed);
  if (origin !== undefined) headers.set('access-control-allow-origin', origin);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
