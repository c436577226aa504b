/**
 * What every server recipe test shares: the standalone sandbox as the gateway over HTTP, a
 * merchant's accounts behind a session cookie (each account with its eCrypt customer id, or
 * none yet), and the conformance kit run against the recipe's endpoint.
 */
import assert from 'node:assert/strict';
import { runContract } from '../../../src/contract-kit/index.js';
import { startSandboxServer, type StandaloneServer } from '../../../src/sandbox/standalone.js';
import type { CreateCustomerOptions } from '../../../src/server/index.js';

export const PRIVATE_KEY = `sk_test_recipe_${crypto.randomUUID()}`;
export const PUBLIC_KEY = `pk_test_recipe_${crypto.randomUUID()}`;

export interface Account {
  id: string;
  email: string;
  customerId: string | null;
}

/** The merchant's own accounts and sessions, as a session middleware would find them. */
export class Accounts {
  readonly #bySession = new Map<string, Account>();
  constructor(readonly gateway: StandaloneServer) {}

  /** The account signed in with this `Cookie` header, if any. */
  fromCookie(cookie: string | null | undefined): Account | undefined {
    const sid = /(?:^|;\s*)sid=([^;]+)/.exec(cookie ?? '')?.[1];
    return sid === undefined ? undefined : this.#bySession.get(sid);
  }

  #signIn(customerId: string | null): string {
    const sid = crypto.randomUUID();
    const id = `acct-${crypto.randomUUID()}`;
    this.#bySession.set(sid, { id, email: `${id}@example.test`, customerId });
    return `sid=${sid}`;
  }

  /** A shopper with a gateway customer and an empty wallet; answers their Cookie header. */
  async shopper(): Promise<string> {
    const [customerId] = await this.gateway.sandbox.seed({ customers: [{ firstName: 'Recipe', lastName: 'Shopper' }] });
    return this.#signIn(customerId ?? null);
  }

  /** A shopper without a gateway customer yet; answers their Cookie header. */
  newShopper(): string {
    return this.#signIn(null);
  }
}

/** Lazy creation for an account found by `accountOf`, recording the id on it. */
export function lazyCreation<Context>(
  accountOf: (request: Request, context: Context) => Account | undefined,
): CreateCustomerOptions<Context> {
  return {
    profileFor: (request, context) => {
      const account = accountOf(request, context);
      return account ? { merchantIdentifier: account.id, emailAddress: account.email } : null;
    },
    onCreated: (request, customerId, context) => {
      const account = accountOf(request, context);
      if (account) account.customerId = customerId;
    },
  };
}

export async function startGateway(): Promise<StandaloneServer> {
  return startSandboxServer({ port: 0, publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY });
}

/** Runs the conformance kit against the endpoint and asserts that every check passed, none skipped. */
export async function assertPassesContract(endpoint: string, accounts: Accounts): Promise<void> {
  const report = await runContract({ endpoint, cookie: await accounts.shopper(), newShopperCookie: accounts.newShopper() });
  assert.deepEqual(
    report.results.filter(result => result.status !== 'pass'),
    [],
  );
}
