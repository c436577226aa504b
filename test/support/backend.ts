/**
 * An in-process merchant backend for tests, in Node and in the browser test
 * page alike (Web APIs only): the real wallet handler in front of the real
 * sandbox, with a fetch that routes gateway URLs to the sandbox and endpoint
 * URLs to the handler, and a signed-in shopper the test controls.
 */
import { createSandbox, type Sandbox, type SandboxOptions, type SeedMethod } from '../../src/sandbox/index.js';
import { createWalletHandler, type WalletHandler } from '../../src/server/handler.js';
import type { WalletHandlerOptions } from '../../src/server/options.js';

/** A request as it reached the merchant endpoint, with its body read as text. */
export interface RecordedRequest {
  method: string;
  url: string;
  /** The path, e.g. `/api/wallet/methods`. */
  pathname: string;
  headers: Headers;
  /** The body as text; `''` when there was none. */
  body: string;
}

export interface TestBackendOptions {
  /** Where the handler is mounted. Default `/api/wallet`. */
  endpoint?: string;
  /** The gateway's base URL as the handler and `/config` see it. Default `https://gateway.sandbox.test`. */
  gatewayUrl?: string;
  /** Overrides for the handler (keys, gateway URL, base path and fetch are set by the backend unless given). */
  handlerOptions?: Partial<WalletHandlerOptions>;
  /** Options for the sandbox. */
  sandboxOptions?: SandboxOptions;
  /**
   * The clock (epoch ms) of both the sandbox and the handler, unless `sandboxOptions.now` or
   * `handlerOptions.now` say otherwise. Default the real clock; tests pass a fixed one so that
   * card expiries and "expiring soon" never depend on today's date.
   */
  now?: () => number;
}

export interface TestBackend {
  sandbox: Sandbox;
  handler: WalletHandler;
  /** Routes `gatewayUrl…` to the sandbox and `…{endpoint}…` to the handler; anything else rejects. */
  fetch: typeof globalThis.fetch;
  /** Replaces `globalThis.fetch` with `fetch`; call the returned function to restore it. */
  install(): () => void;
  /** Sets (or with `null` clears) the signed-in shopper's eCrypt customer id. */
  signIn(customerId: string | null): void;
  /** The signed-in shopper's customer id, or `null`. */
  readonly customerId: string | null;
  /** Creates a customer with these methods in the sandbox, signs them in and answers the id. */
  seedShopper(methods?: SeedMethod[]): Promise<string>;
  /** Every request that reached the merchant endpoint, in order. */
  requests: RecordedRequest[];
  /** The endpoint's full URL for a route (`/methods`), resolved against the page (or `http://localhost`). */
  url(route?: string): string;
}

function pageBase(): string {
  const location = (globalThis as { location?: { href?: string } }).location;
  return location?.href && /^https?:/.test(location.href) ? location.href : 'http://localhost/';
}

// Enough for any real request; an endless test stream must not hang the log.
const RECORD_LIMIT = 64 * 1024;

async function readCapped(request: Request): Promise<string> {
  const reader = request.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
    if (text.length >= RECORD_LIMIT) {
      // Not awaited: cancelling one branch of a teed (cloned) body settles only once both branches are cancelled.
      void reader.cancel().catch(() => {});
      return text.slice(0, RECORD_LIMIT);
    }
  }
}

let shopperCount = 0;

export function createTestBackend(options: TestBackendOptions = {}): TestBackend {
  const endpoint = (options.endpoint ?? '/api/wallet').replace(/\/+$/, '');
  const gatewayUrl = (options.gatewayUrl ?? 'https://gateway.sandbox.test').replace(/\/+$/, '');
  const now = options.now;
  const sandbox = createSandbox({ ...(now ? { now } : {}), ...options.sandboxOptions });
  let signedIn: string | null = null;
  const requests: RecordedRequest[] = [];

  const toSandbox = (input: RequestInfo | URL, init?: RequestInit) => sandbox.handle(new Request(input, init));

  const handler = createWalletHandler({
    privateKey: sandbox.privateKey,
    publicKey: sandbox.publicKey,
    gatewayUrl,
    basePath: endpoint,
    customerFor: () => signedIn,
    fetch: toSandbox,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    ...(now ? { now } : {}),
    ...options.handlerOptions,
  });

  const originalFetch = globalThis.fetch;
  const routed = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input instanceof Request ? input : new URL(String(input), pageBase()), init);
    if (request.url.startsWith(`${gatewayUrl}/`)) return sandbox.handle(request);
    const url = new URL(request.url);
    if (url.pathname === endpoint || url.pathname.startsWith(`${endpoint}/`)) {
      const body = request.body ? await readCapped(request.clone()) : '';
      requests.push({ method: request.method, url: request.url, pathname: url.pathname, headers: new Headers(request.headers), body });
      return handler(request);
    }
    throw new TypeError(`test backend: no route for ${request.method} ${request.url}`);
  };

  return {
    sandbox,
    handler,
    fetch: routed as typeof globalThis.fetch,
    install() {
      const previous = globalThis.fetch;
      globalThis.fetch = routed as typeof globalThis.fetch;
      return () => {
        globalThis.fetch = previous === routed ? originalFetch : previous;
      };
    },
    signIn(customerId) {
      signedIn = customerId;
    },
    get customerId() {
      return signedIn;
    },
    async seedShopper(methods = []) {
      shopperCount += 1;
      const [id] = await sandbox.seed({
        customers: [
          { firstName: 'Test', lastName: `Shopper${shopperCount}`, emailAddress: `shopper${shopperCount}@example.test`, methods },
        ],
      });
      if (!id) throw new Error('test backend: the sandbox did not create the shopper.');
      signedIn = id;
      return id;
    },
    requests,
    url(route = '') {
      return new URL(endpoint + route, pageBase()).href;
    },
  };
}
