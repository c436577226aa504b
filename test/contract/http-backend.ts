/**
 * A merchant backend as a merchant runs one, over real HTTP: the project's handler behind
 * `toNodeListener` on a free port, cookie sessions, lazy customer creation, and the
 * standalone sandbox as its gateway on another port. `wrap` puts a deliberately wrong
 * backend in front of the handler, for proving that the conformance kit catches it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandboxServer, type StandaloneServer } from '../../src/sandbox/standalone.js';
import { createWalletHandler, toNodeListener, type Logger, type WalletHandlerOptions } from '../../src/server/index.js';

export const PRIVATE_KEY = `sk_test_contract_${crypto.randomUUID()}`;
export const PUBLIC_KEY = `pk_test_contract_${crypto.randomUUID()}`;

type FetchHandler = (request: Request) => Promise<Response>;

interface Account {
  id: string;
  email: string;
  customerId: string | null;
}

export interface HttpBackend {
  /** The endpoint URL, e.g. `http://127.0.0.1:41234/api/wallet`. */
  endpoint: string;
  gateway: StandaloneServer;
  /** Signs in a shopper who has a gateway customer with an empty wallet; answers their Cookie header. */
  shopper(): Promise<string>;
  /** Signs in a shopper without a gateway customer; answers their Cookie header. */
  newShopper(): string;
  /** The gateway customers created through lazy creation, per account id. */
  created: Map<string, string[]>;
  logs: string[];
  close(): Promise<void>;
}

export interface HttpBackendOptions {
  wrap?: (handler: FetchHandler) => FetchHandler;
  handlerOptions?: Partial<WalletHandlerOptions>;
}

/** A Request like `request` with other headers (the body passed on as it is). */
export function withHeaders(request: Request, change: (headers: Headers) => void): Request {
  const headers = new Headers(request.headers);
  change(headers);
  const init: RequestInit & { duplex?: 'half' } = { headers, duplex: 'half' };
  return new Request(request, init);
}

export async function startHttpBackend(options: HttpBackendOptions = {}): Promise<HttpBackend> {
  const gateway = await startSandboxServer({ port: 0, publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY });
  const accounts = new Map<string, Account>();
  const created = new Map<string, string[]>();
  const logs: string[] = [];
  const logger: Logger = {
    info: () => {},
    warn: (message, fields) => logs.push(`warn ${message} ${JSON.stringify(fields ?? {})}`),
    error: (message, fields) => logs.push(`error ${message} ${JSON.stringify(fields ?? {})}`),
  };
  const accountOf = (request: Request): Account | undefined => {
    const sid = /(?:^|;\s*)sid=([^;]+)/.exec(request.headers.get('Cookie') ?? '')?.[1];
    return sid === undefined ? undefined : accounts.get(sid);
  };
  const handler = createWalletHandler({
    privateKey: PRIVATE_KEY,
    publicKey: PUBLIC_KEY,
    gatewayUrl: gateway.url,
    basePath: '/api/wallet',
    logger,
    customerFor: request => accountOf(request)?.customerId ?? null,
    createCustomer: {
      profileFor: request => {
        const account = accountOf(request);
        return account ? { merchantIdentifier: account.id, emailAddress: account.email } : null;
      },
      onCreated: (request, customerId) => {
        const account = accountOf(request);
        if (!account) return;
        account.customerId = customerId;
        created.set(account.id, [...(created.get(account.id) ?? []), customerId]);
      },
    },
    ...options.handlerOptions,
  });
  const served: FetchHandler = options.wrap ? options.wrap(request => handler(request)) : request => handler(request);
  const server: Server = createServer(toNodeListener(served));
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  function signIn(customerId: string | null): string {
    const sid = crypto.randomUUID();
    const id = `acct-${crypto.randomUUID()}`;
    accounts.set(sid, { id, email: `${id}@example.test`, customerId });
    return `theme=dark; sid=${sid}`;
  }

  return {
    endpoint: `http://127.0.0.1:${port}/api/wallet`,
    gateway,
    created,
    logs,
    async shopper() {
      const [customerId] = await gateway.sandbox.seed({ customers: [{ firstName: 'Contract', lastName: 'Shopper' }] });
      return signIn(customerId ?? null);
    },
    newShopper: () => signIn(null),
    async close() {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
      await gateway.close();
    },
  };
}
