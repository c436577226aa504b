/**
 * A local, in-memory eCrypt gateway following `shared/ecrypt-api.md`, as a fetch-standard
 * handler: `sandbox.handle(request)` works in Node, in edge runtimes and in the browser.
 * It is strict on purpose: the demo's default gateway and the ground truth for tests.
 */
import { handleAdmin } from './admin.js';
import type { Ctx } from './context.js';
import { normaliseOrigins, preflight, withCors } from './cors.js';
import { CORS_PATH } from './decisions.js';
import { errorBody } from './errors.js';
import { delay, DroppedConnectionError, FaultRegistry, faultResponse, type SandboxFault } from './faults.js';
import { jsonResponse } from './http.js';
import { dispatch } from './router.js';
import { seed as seedData, type SeedData } from './seed.js';
import { Store, toWalletEntry, type WalletEntry } from './store.js';
import { DEFAULT_SANDBOX_KEYS } from './test-data.js';

export interface SandboxOptions {
  /** The key that may only create tokens. Default `pk_sandbox_public_demo`. */
  publicKey?: string;
  /** The key for everything. Default `sk_sandbox_private_demo`. */
  privateKey?: string;
  /** Origins whose browsers may call `/v1/tokens` (CORS). Default: none. */
  allowedOrigins?: string[];
  /** The clock, in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Enables `/__sandbox/faults` and `/__sandbox/reset`. Default false. */
  adminRoutes?: boolean;
  /** Extension: the id source for tokens, customers, wallet entries and request ids; must return UUIDs. Default `crypto.randomUUID`. */
  newId?: () => string;
  /** Extension: a path prefix the gateway is mounted under (`/ecrypt` makes `/ecrypt/v1/tokens` the tokens route). Default ''. */
  basePath?: string;
}

export interface SandboxRequestLogEntry {
  method: string;
  /** The gateway path (below `basePath`), without the query. */
  path: string;
  /** 0 when the connection was dropped or the caller aborted. */
  status: number;
}

export interface Sandbox {
  /** The fetch-standard handler. Rejects only as `fetch` would: a dropped-connection fault or the caller's abort. */
  handle(request: Request): Promise<Response>;
  readonly publicKey: string;
  readonly privateKey: string;
  faults: { add(fault: SandboxFault): void; clear(): void; list(): SandboxFault[] };
  /** Creates customers with saved methods, bypassing HTTP; resolves to their ids in order. */
  seed(data: SeedData): Promise<string[]>;
  state: {
    /** Customer ids in creation order. */
    customerIds(): string[];
    /** A customer's wallet as the list endpoint shows it; [] for an unknown customer. */
    wallet(customerId: string): WalletEntry[];
  };
  /** Every gateway request answered (admin routes excluded); never bodies. */
  requests: SandboxRequestLogEntry[];
  /** Forgets all customers, wallets, tokens, transactions, idempotency keys, faults and the request log. */
  reset(): void;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const publicKey = options.publicKey ?? DEFAULT_SANDBOX_KEYS.publicKey;
  const privateKey = options.privateKey ?? DEFAULT_SANDBOX_KEYS.privateKey;
  if (!publicKey || !privateKey) throw new TypeError('createSandbox: keys must not be empty.');
  if (publicKey === privateKey) throw new TypeError('createSandbox: the public and private keys must differ.');
  const allowed = normaliseOrigins(options.allowedOrigins ?? []);
  const now = options.now ?? (() => Date.now());
  const newId = options.newId ?? (() => crypto.randomUUID());
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const store = new Store();
  const faults = new FaultRegistry();
  const requests: SandboxRequestLogEntry[] = [];

  const context = (requestId: string): Ctx => ({ store, now, newId, requestId });

  const reset = (): void => {
    store.clear();
    faults.clear();
    // Emptied in place: tests may hold a reference to the array.
    requests.length = 0;
  };

  /** Faults, then the preflight or the route, then CORS decoration. */
  async function answer(request: Request, url: URL, path: string, requestId: string): Promise<Response> {
    const method = request.method.toUpperCase();
    const fault = faults.take(method, path);
    if (fault?.latencyMs) await delay(fault.latencyMs, request.signal);
    const replaces = fault !== undefined && (fault.dropConnection === true || fault.status !== undefined || fault.malformedBody === true);
    if (fault && replaces && !fault.afterHandling) {
      if (fault.dropConnection) throw new DroppedConnectionError();
      return withCors(faultResponse(fault, requestId), request, path, allowed);
    }

    let response: Response;
    if (method === 'OPTIONS') {
      response =
        path === CORS_PATH
          ? preflight(request, allowed, requestId)
          : jsonResponse(404, errorBody(requestId, [{ type: 'NOT_FOUND', message: `No route for OPTIONS ${path}.` }]));
    } else {
      response = await dispatch(context(requestId), request, url, path, { publicKey, privateKey });
    }

    if (fault && replaces && fault.afterHandling) {
      if (fault.dropConnection) throw new DroppedConnectionError();
      response = faultResponse(fault, requestId);
    }
    return method === 'OPTIONS' ? response : withCors(response, request, path, allowed);
  }

  async function handle(request: Request): Promise<Response> {
    const requestId = newId();
    const url = new URL(request.url);
    const underBase = basePath === '' || url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
    const path = underBase ? url.pathname.slice(basePath.length) || '/' : url.pathname;

    if (underBase && path.startsWith('/__sandbox/')) {
      if (options.adminRoutes) return handleAdmin(request, path, requestId, { faults, reset, allowedOrigins: allowed });
      return jsonResponse(404, errorBody(requestId, [{ type: 'NOT_FOUND', message: 'Admin routes are disabled.' }]));
    }

    const entry: SandboxRequestLogEntry = { method: request.method.toUpperCase(), path, status: 0 };
    try {
      const response = underBase
        ? await answer(request, url, path, requestId)
        : jsonResponse(404, errorBody(requestId, [{ type: 'NOT_FOUND', message: `No route for ${url.pathname}.` }]));
      entry.status = response.status;
      return response;
    } catch (error) {
      // Network-like failures propagate as fetch would report them; anything else is our bug, answered as a 500.
      if (error instanceof DroppedConnectionError || request.signal.aborted) throw error;
      console.error('[ecrypt sandbox] unexpected error', error);
      entry.status = 500;
      return jsonResponse(500, errorBody(requestId, [{ type: 'SERVER', message: 'The sandbox failed unexpectedly.' }]));
    } finally {
      requests.push(entry);
    }
  }

  return {
    handle,
    publicKey,
    privateKey,
    faults: {
      add: fault => faults.add(fault),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    seed: async data => seedData(() => context(newId()), data),
    state: {
      customerIds: () =>
        store
          .customersNewestFirst()
          .reverse()
          .map(c => c.id),
      wallet: customerId => store.walletOf(customerId).map(toWalletEntry),
    },
    requests,
    reset,
  };
}

/** A `fetch`-shaped function over the sandbox, for code that takes an injectable fetch. */
export function sandboxFetch(sandbox: Pick<Sandbox, 'handle'>): (input: RequestInfo | URL, init?: RequestInit) => Promise<Response> {
  return (input, init) => sandbox.handle(new Request(input, init));
}

export type { SandboxFault } from './faults.js';
export { DroppedConnectionError } from './faults.js';
export type { SeedCustomer, SeedData, SeedMethod } from './seed.js';
export type { WalletEntry } from './store.js';
export type { TestBankAccount, TestBehaviour, TestCard } from './test-data.js';
export { TEST_CARDS, TEST_BANK_ACCOUNTS, DEFAULT_SANDBOX_KEYS, TEST_EXPIRES, TEST_ROUTING_NUMBERS } from './test-data.js';
