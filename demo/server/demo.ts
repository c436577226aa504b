/**
 * The whole demo in one process: the shop's pages (Vite, from `demo/`), the
 * merchant backend from `src/server` mounted at `/api/wallet` with the shop's own
 * cookie session, the shop's sign-in, order and fault-panel routes, and, unless
 * real eCrypt keys are set, the sandbox gateway on its own port (another origin,
 * so browser tokenization is cross-origin exactly as against eCrypt).
 *
 * `startDemo()` is what `npm start` runs and what the end-to-end tests start and stop.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createLogger, createServer as createViteServer, type Logger as ViteLogger, type ViteDevServer } from 'vite';
import type { Sandbox } from '../../src/sandbox/index.js';
import { createSandbox } from '../../src/sandbox/index.js';
import { startSandboxServer, type StandaloneServer } from '../../src/sandbox/standalone.js';
import { createWalletHandler, type Logger } from '../../src/server/index.js';
import { toNodeListener, toRequest, writeResponse } from '../../src/server/node.js';
import { createFaultPanel, DEMO_GATEWAY_TIMEOUT_MS } from './faults.js';
import { liveGatewayFromEnv, type LiveGateway } from './gateway.js';
import { errorJson, isCrossSite, json, readFields, redirect, unreadableBody, wantsJson } from './http.js';
import { demoLayout, pageFor } from './layout.js';
import { createOrders } from './orders.js';
import { createSessions } from './session.js';
import {
  DEMO_SHOPPERS,
  displayName,
  findShopper,
  removalDecision,
  sandboxCustomerId,
  SEED_CLOCK_SHIFT_MS,
  seedCustomers,
  type DemoShopper,
} from './shoppers.js';

export const WALLET_ENDPOINT = '/api/wallet';

export interface StartDemoOptions {
  /** The demo site's port; 0 picks a free one. Default 0. */
  port?: number;
  /** The sandbox gateway's port; 0 picks a free one. Default 0. */
  sandboxPort?: number;
  /** The interface both servers listen on. Default 127.0.0.1. */
  host?: string;
  /** Where log lines go. Default `console.log`. */
  log?: (line: string) => void;
  /** Read for `ECRYPT_PRIVATE_KEY`, `ECRYPT_PUBLIC_KEY`, `ECRYPT_BASE_URL`. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Reload the pages when their files change. Default false. */
  hmr?: boolean;
}

export interface RunningDemo {
  /** The address to open, e.g. `http://localhost:5173`. */
  url: string;
  /** `sandbox` (embedded, no keys) or `ecrypt` (real gateway from the environment). */
  mode: 'sandbox' | 'ecrypt';
  /** The gateway base URL the backend and the browser use. */
  gatewayUrl: string;
  /** The embedded sandbox, in sandbox mode. */
  sandbox: Sandbox | null;
  shoppers: readonly DemoShopper[];
  close(): Promise<void>;
}

const DEMO_ROOT = fileURLToPath(new URL('..', import.meta.url));

function viteLogger(log: (line: string) => void): ViteLogger {
  const logger = createLogger('info', { allowClearScreen: false });
  const forward = (msg: string) => log(msg);
  return { ...logger, info: forward, warn: forward, warnOnce: forward, error: forward, clearScreen: () => {} };
}

function listen(server: ReturnType<typeof createHttpServer>, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startDemo(options: StartDemoOptions = {}): Promise<RunningDemo> {
  const {
    port = 0,
    sandboxPort = 0,
    host = '127.0.0.1',
    log = (line: string) => console.log(line),
    env = process.env,
    hmr = false,
  } = options;
  const live = liveGatewayFromEnv(env);
  const sessions = createSessions();
  const customers = new Map<string, string>();

  // The port has to open first (the sandbox's CORS origins name it), so the one request listener is in
  // place before it does: a request that arrives while the rest starts waits for the routes, never for nothing.
  type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  let routesReady!: (route: Route) => void;
  let routesFailed!: (error: unknown) => void;
  const routes = new Promise<Route>((resolve, reject) => {
    routesReady = resolve;
    routesFailed = reject;
  });
  // A start-up failure is thrown to the caller; the waiting requests answer 500 and nothing else needs it.
  routes.catch(() => {});
  const httpServer = createHttpServer((req, res) => {
    routes
      .then(route => route(req, res))
      .catch((error: unknown) => {
        log(`[demo] ${req.method} ${req.url} failed: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('The demo server failed.');
      });
  });
  const boundPort = await listen(httpServer, port, host);
  const url = `http://localhost:${boundPort}`;
  const origins = [url, `http://127.0.0.1:${boundPort}`];

  let standalone: StandaloneServer | null = null;
  let vite: ViteDevServer | null = null;
  try {
    let gateway: LiveGateway;
    if (live) {
      gateway = live;
    } else {
      // Seeding runs on a clock set back, so last month's card could be saved while it was valid.
      let shift = -SEED_CLOCK_SHIFT_MS;
      const sandbox = createSandbox({ allowedOrigins: origins, adminRoutes: true, now: () => Date.now() + shift });
      const ids = await sandbox.seed({ customers: seedCustomers(new Date()) });
      shift = 0;
      DEMO_SHOPPERS.forEach((shopper, i) => customers.set(shopper.id, ids[i] ?? sandboxCustomerId(shopper)));
      standalone = await startSandboxServer({ sandbox, port: sandboxPort, host });
      gateway = { baseUrl: standalone.url, publicKey: sandbox.publicKey, privateKey: sandbox.privateKey };
    }

    const shopperOf = (request: Request) => sessions.shopperOf(request.headers.get('Cookie'));
    const handlerLog: Logger = {
      info: () => {},
      warn: (message, fields) => log(`[wallet] ${message} ${JSON.stringify(fields ?? {})}`),
      error: (message, fields) => log(`[wallet] ${message} ${JSON.stringify(fields ?? {})}`),
    };
    const wallet = createWalletHandler({
      privateKey: gateway.privateKey,
      publicKey: gateway.publicKey,
      gatewayUrl: gateway.baseUrl,
      basePath: WALLET_ENDPOINT,
      timeoutMs: DEMO_GATEWAY_TIMEOUT_MS,
      logger: handlerLog,
      // The shop's own rule: a card that pays for a subscription cannot be removed (shown in the wallet before anyone tries).
      canRemove: (method, request) => removalDecision(shopperOf(request), method),
      // The shop's session says who is signed in; the browser never names a customer.
      customerFor: request => {
        const shopper = shopperOf(request);
        return shopper ? (customers.get(shopper.id) ?? null) : null;
      },
      // With real eCrypt the shoppers have no customer yet: one is created on their first save.
      createCustomer: {
        profileFor: request => {
          const shopper = shopperOf(request);
          return shopper
            ? { firstName: shopper.firstName, lastName: shopper.lastName, emailAddress: shopper.email, merchantIdentifier: shopper.id }
            : null;
        },
        onCreated: (request, customerId) => {
          const shopper = shopperOf(request);
          if (shopper) customers.set(shopper.id, customerId);
        },
      },
    });
    const walletListener = toNodeListener(wallet);
    const orders = createOrders({
      gateway,
      customerIdOf: shopper => customers.get(shopper.id) ?? null,
      timeoutMs: DEMO_GATEWAY_TIMEOUT_MS * 2,
    });
    const faults = standalone ? createFaultPanel(standalone.url) : null;

    const sessionJson = (shopper: DemoShopper | undefined) => ({
      shopper: shopper ? { id: shopper.id, name: displayName(shopper), email: shopper.email } : null,
      shoppers: DEMO_SHOPPERS.map(s => ({ id: s.id, name: displayName(s), email: s.email, summary: s.summary })),
      gateway: live ? 'ecrypt' : 'sandbox',
      faults: faults !== null,
    });

    async function api(request: Request, path: string): Promise<Response> {
      const shopper = shopperOf(request);
      if (path === '/api/session' && request.method === 'GET') return json(200, sessionJson(shopper));
      if (path === '/api/session' && request.method === 'POST') {
        if (isCrossSite(request)) return errorJson(403, 'forbidden', 'Cross-site sign-in is refused.');
        let fields: Record<string, string>;
        try {
          fields = await readFields(request);
        } catch (error) {
          return unreadableBody(error, 'The sign-in form');
        }
        const chosen = findShopper(fields.shopper);
        if (!chosen) return errorJson(400, 'invalid_request', 'Choose one of the demo shoppers.');
        const cookie = sessions.signIn(chosen);
        const next = pageFor(fields.next ?? '')?.path;
        return wantsJson(request)
          ? json(200, sessionJson(chosen), { 'Set-Cookie': cookie })
          : redirect(next && next !== '/' ? next : '/account', { 'Set-Cookie': cookie });
      }
      if (path === '/api/session/end' && request.method === 'POST') {
        if (isCrossSite(request)) return errorJson(403, 'forbidden', 'Cross-site sign-out is refused.');
        const cookie = sessions.signOut(request.headers.get('Cookie'));
        return wantsJson(request) ? json(200, sessionJson(undefined), { 'Set-Cookie': cookie }) : redirect('/', { 'Set-Cookie': cookie });
      }
      if (path === '/api/orders' && request.method === 'POST') return orders.place(request, shopper);
      const order = /^\/api\/orders\/([0-9a-f-]{36})$/.exec(path);
      if (order && request.method === 'GET') return orders.get(order[1] ?? '', shopper);
      if (path === '/api/demo/faults' && faults) return faults.handle(request);
      return errorJson(404, 'not_found', 'No such route.');
    }

    vite = await createViteServer({
      configFile: false,
      root: DEMO_ROOT,
      appType: 'mpa',
      cacheDir: fileURLToPath(new URL('../../node_modules/.vite/demo', import.meta.url)),
      customLogger: viteLogger(log),
      plugins: [demoLayout({ faultPanel: faults !== null })],
      // The Vite client always connects its socket; without `hmr` nothing is watched, so nothing is ever pushed.
      server: { middlewareMode: true, hmr: { server: httpServer }, ...(hmr ? {} : { watch: null }) },
      optimizeDeps: { entries: ['*.html'] },
    });
    const middlewares = vite.middlewares;

    const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
      const { pathname, search } = new URL(req.url ?? '/', 'http://demo.invalid');
      if (pathname === WALLET_ENDPOINT || pathname.startsWith(`${WALLET_ENDPOINT}/`)) return walletListener(req, res);
      if (pathname.startsWith('/api/')) return writeResponse(await api(toRequest(req), pathname), res);
      const page = pageFor(pathname);
      if (page) {
        if (page.private && !sessions.shopperOf(req.headers.cookie)) {
          return writeResponse(redirect(`/?next=${encodeURIComponent(page.path)}`), res);
        }
        req.url = `${page.file}${search}`;
      }
      middlewares(req, res, () => {
        res.statusCode = 404;
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end('Not found.');
      });
    };
    routesReady(route);

    const runningVite = vite;
    const runningSandbox = standalone;
    return {
      url,
      mode: live ? 'ecrypt' : 'sandbox',
      gatewayUrl: gateway.baseUrl,
      sandbox: runningSandbox?.sandbox ?? null,
      shoppers: DEMO_SHOPPERS,
      async close() {
        await runningVite.close();
        httpServer.closeAllConnections();
        await new Promise<void>(resolve => httpServer.close(() => resolve()));
        await runningSandbox?.close();
      },
    };
  } catch (error) {
    routesFailed(error);
    await vite?.close();
    httpServer.closeAllConnections();
    httpServer.close();
    await standalone?.close();
    throw error;
  }
}
