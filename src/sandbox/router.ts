/**
 * Maps a gateway request to its route after the key checks of ecrypt-api.md section 1:
 * no or unknown key 401, the public key anywhere but `/v1/tokens` 403. Turns thrown
 * `SandboxError`s into the documented envelope, and applies idempotency to POSTs.
 */
import type { Ctx, RouteCtx } from './context.js';
import { deleteCustomer, getCustomer, listCustomers, postCustomer } from './customers.js';
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN } from './decisions.js';
import { errorBody, fail, SandboxError } from './errors.js';
import { jsonResponse, ok, parseJsonBody, type Json } from './http.js';
import { createToken } from './tokens.js';
import { postSale } from './transactions.js';
import { deleteWalletEntry, getWalletEntry, listWallet, postWallet, putWalletEntry } from './wallet.js';

type Handler = (ctx: RouteCtx, body: Json) => Promise<Response>;

interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  pattern: RegExp;
  /** `token` routes accept the public key; everything else needs the private key. */
  scope: 'token' | 'private';
  body: boolean;
  handler: Handler;
}

const CUSTOMERS = /^\/v1\/customers$/;
const CUSTOMER = /^\/v1\/customers\/(?<customerId>[^/]+)$/;
const WALLET = /^\/v1\/customers\/(?<customerId>[^/]+)\/wallet$/;
const WALLET_ENTRY = /^\/v1\/customers\/(?<customerId>[^/]+)\/wallet\/(?<walletId>[^/]+)$/;

const ROUTES: Route[] = [
  {
    method: 'POST',
    pattern: /^\/v1\/tokens$/,
    scope: 'token',
    body: true,
    handler: async (ctx, body) => ok({ ...createToken(ctx, body) }),
  },
  { method: 'POST', pattern: CUSTOMERS, scope: 'private', body: true, handler: postCustomer },
  { method: 'GET', pattern: CUSTOMERS, scope: 'private', body: false, handler: listCustomers },
  { method: 'GET', pattern: CUSTOMER, scope: 'private', body: false, handler: getCustomer },
  { method: 'DELETE', pattern: CUSTOMER, scope: 'private', body: false, handler: deleteCustomer },
  { method: 'POST', pattern: WALLET, scope: 'private', body: true, handler: postWallet },
  { method: 'GET', pattern: WALLET, scope: 'private', body: false, handler: listWallet },
  { method: 'GET', pattern: WALLET_ENTRY, scope: 'private', body: false, handler: getWalletEntry },
  { method: 'PUT', pattern: WALLET_ENTRY, scope: 'private', body: true, handler: putWalletEntry },
  { method: 'DELETE', pattern: WALLET_ENTRY, scope: 'private', body: false, handler: deleteWalletEntry },
  { method: 'POST', pattern: /^\/v1\/transactions\/sale$/, scope: 'private', body: true, handler: postSale },
];

export interface Keys {
  publicKey: string;
  privateKey: string;
}

function errorResponse(requestId: string, error: SandboxError): Response {
  return jsonResponse(error.status, errorBody(requestId, error.errors, error.extra));
}

function findRoute(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match) return { route, params: { ...match.groups } };
  }
  return undefined;
}

/** Answers one gateway request (not a preflight, not an admin route). Never throws a SandboxError. */
export async function dispatch(ctx: Ctx, request: Request, url: URL, path: string, keys: Keys): Promise<Response> {
  try {
    const key = request.headers.get('x-api-key');
    // The key is never echoed back: error messages may end up in logs.
    if (key === null || key === '') throw fail('AUTHENTICATION', 'The x-api-key header is missing.');
    if (key !== keys.publicKey && key !== keys.privateKey) throw fail('AUTHENTICATION', 'The API key is not valid for this environment.');

    const found = findRoute(request.method.toUpperCase(), path);
    // [assumed] A known path with another method is 404 too: 405 is not in the documented set.
    if (!found) throw fail('NOT_FOUND', `No route for ${request.method.toUpperCase()} ${path}.`);
    const { route, params } = found;
    if (route.scope === 'private' && key === keys.publicKey) {
      throw fail('PERMISSION', 'The public key may only create tokens; this endpoint needs the private key.');
    }

    const text = route.body ? await request.text() : '';
    const run = async (): Promise<Response> => {
      try {
        const body = route.body ? parseJsonBody(request.headers.get('content-type'), text) : {};
        return await route.handler({ ...ctx, request, url, params }, body);
      } catch (error) {
        if (error instanceof SandboxError) return errorResponse(ctx.requestId, error);
        throw error;
      }
    };
    const idempotencyKey = request.headers.get(IDEMPOTENCY_HEADER);
    if (route.method !== 'POST' || idempotencyKey === null) return await run();
    return await idempotent(ctx, idempotencyKey, `${route.method} ${path}\n${text}`, run);
  } catch (error) {
    if (error instanceof SandboxError) return errorResponse(ctx.requestId, error);
    throw error;
  }
}

/**
 * [assumed] Idempotency: the first answer for a key is stored and replayed for the same
 * request; the same key with a different request is a 409 CONFLICT. Server faults are
 * not stored, so a retry after a 5xx runs again.
 */
async function idempotent(ctx: Ctx, key: string, fingerprint: string, run: () => Promise<Response>): Promise<Response> {
  if (!IDEMPOTENCY_KEY_PATTERN.test(key))
    throw fail('VALIDATION', 'Idempotency-Key must be 1-255 visible ASCII characters.', 'Idempotency-Key');
  const previous = ctx.store.idempotency.get(key);
  if (previous) {
    if (previous.fingerprint !== fingerprint)
      throw fail('CONFLICT', 'This Idempotency-Key was already used for a different request.', 'Idempotency-Key');
    return new Response(previous.body, { status: previous.status, headers: { ...previous.headers, 'idempotent-replayed': 'true' } });
  }
  const response = await run();
  if (response.status >= 500) return response;
  const body = await response.text();
  const headers = Object.fromEntries(response.headers.entries());
  ctx.store.idempotency.set(key, { fingerprint, status: response.status, body, headers });
  return new Response(body, { status: response.status, headers });
}
