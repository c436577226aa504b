/**
 * The wallet contract's conformance kit: runs the contract of `docs/contract.md`
 * (and `docs/openapi.yaml`) against a running backend, in any language, over HTTP,
 * as the elements and a browser would, and says which rules hold. `cli.ts` is its
 * command line (`npx ecrypt-wallet-contract`).
 *
 * It changes the test shopper's wallet (saves up to 9 methods, at most 4 at a
 * time, and removes them again), so point it at a test shopper on a backend
 * that talks to a test gateway (the eCrypt sandbox or `npm run sandbox`).
 */
import { createEndpointClient, type EndpointClient, type Exchange, type Fetch } from './client.js';

export type { Exchange, Fetch } from './client.js';

export interface ContractOptions {
  /** The endpoint URL, as the element's `endpoint` resolves, e.g. `http://localhost:8000/api/wallet`. */
  endpoint: string;
  /** The `Cookie` header of a signed-in test shopper (whose wallet is empty, or see `clear`). */
  cookie: string;
  /**
   * The `Cookie` header of a signed-in shopper who has no gateway customer yet, for the lazy
   * creation checks (skipped without it). Use a fresh one per run: the run creates the customer.
   */
  newShopperCookie?: string;
  /** The origin of the page the elements are on. Default: the endpoint's origin. */
  origin?: string;
  /** Remove the methods the test shopper already has before starting. Default `false` (a non-empty wallet stops the run). */
  clear?: boolean;
  /** Card expiry for the test cards, `MMYY`. Default `1235`. */
  expires?: string;
  /** The fetch to use. Default `globalThis.fetch`. */
  fetch?: Fetch;
}

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  /** Why it failed, or why it did not run. */
  detail?: string;
}

export interface ContractReport {
  /** Every check that ran passed (skipped ones aside). */
  passed: boolean;
  results: CheckResult[];
  /** Every request to the endpoint and its answer, in order (never a card number: those go only to the gateway). */
  exchanges: Exchange[];
}

/**
 * Test cards every eCrypt test environment (and the project's sandbox) approves, with distinct
 * last four digits so that none is a duplicate of another.
 */
const TEST_CARD_NUMBERS = [
  '4242424242424242',
  '5555555555554444',
  '4111111111111111',
  '6011111111111117',
  '378282246310005',
  '4000056655665556',
  '2223003122003222',
  '5200828282828210',
];

/** The test card the gateway's test environment declines when it is saved (`402`). */
const DECLINED_TEST_CARD = '4000000000000002';

/** The one status of each error code (docs/contract.md, "Errors"). */
const ERROR_STATUS: Record<string, number[]> = {
  unauthenticated: [401],
  forbidden: [403],
  not_found: [404],
  wallet_full: [409],
  duplicate: [409],
  remove_blocked: [409],
  expired: [409],
  idempotency_conflict: [409],
  invalid_request: [400, 405],
  declined: [402],
  rate_limited: [429],
  change_failed: [502],
  gateway_error: [502],
  gateway_timeout: [504],
  store_unavailable: [503],
  internal_error: [500],
};

class CheckFailure extends Error {}

/** Thrown by a check that found it cannot tell (the gateway does not behave as the check needs). */
class CheckSkipped extends Error {}

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailure(message);
}

/** An exchange in one line for a failure message: never more than the start of the answer. */
function shown(exchange: Exchange): string {
  const text = exchange.text.length > 300 ? `${exchange.text.slice(0, 300)}…` : exchange.text;
  return `${exchange.method} ${exchange.path} answered ${exchange.status} ${text}`;
}

function expectStatus(exchange: Exchange, status: number, code?: string): void {
  const body = exchange.body as { error?: { code?: unknown } } | undefined;
  const hint =
    exchange.status === 429 ? " (the backend rate-limited the kit: raise the test shopper's limits or wait for the window to end)" : '';
  expect(exchange.status === status, `expected ${status}${code ? ` ${code}` : ''}: ${shown(exchange)}${hint}`);
  if (code) expect(body?.error?.code === code, `expected error code "${code}": ${shown(exchange)}`);
}

interface Method {
  id: string;
  isDefault: boolean;
  createdAt: string;
  last4: string;
}

function methodsOf(exchange: Exchange): Method[] {
  const body = exchange.body as { methods?: unknown; limit?: unknown } | undefined;
  expect(Array.isArray(body?.methods), `expected a wallet ({ methods, limit }): ${shown(exchange)}`);
  expect(body?.limit === 4, `expected "limit": 4: ${shown(exchange)}`);
  const methods = body.methods as Method[];
  for (const method of methods) {
    expect(typeof method?.id === 'string' && /^[0-9A-Za-z-]{8,64}$/.test(method.id), `a method without a valid id: ${shown(exchange)}`);
    expect(typeof method.isDefault === 'boolean', `method ${method.id} has no boolean isDefault: ${shown(exchange)}`);
    expect(typeof method.createdAt === 'string' && !Number.isNaN(Date.parse(method.createdAt)), `method ${method.id} has no ISO createdAt`);
  }
  return methods;
}

/** Default first, then newest first; exactly one default in a non-empty wallet. */
function expectOrdered(methods: Method[], where: string): void {
  if (methods.length === 0) return;
  const defaults = methods.filter(method => method.isDefault);
  expect(defaults.length === 1, `${where}: expected exactly one default, found ${defaults.length}`);
  expect(methods[0]!.isDefault, `${where}: the default must come first`);
  for (let i = 2; i < methods.length; i++) {
    expect(
      Date.parse(methods[i - 1]!.createdAt) >= Date.parse(methods[i]!.createdAt),
      `${where}: after the default, methods must be newest first by createdAt`,
    );
  }
}

/** Runs every check against the endpoint and answers the report. Never throws for a failing backend. */
export async function runContract(options: ContractOptions): Promise<ContractReport> {
  const fetch: Fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const endpointUrl = new URL(options.endpoint);
  const client: EndpointClient = createEndpointClient(options.endpoint, options.origin ?? endpointUrl.origin, fetch);
  const cookie = options.cookie;
  const expires = options.expires ?? '1235';
  const results: CheckResult[] = [];
  let config: { publicKey: string; gatewayUrl: string } | undefined;
  let cardIndex = 0;

  async function check(id: string, title: string, run: () => Promise<void>, needs: string | null = null): Promise<boolean> {
    if (needs !== null) {
      results.push({ id, title, status: 'skip', detail: needs });
      return false;
    }
    try {
      await run();
      results.push({ id, title, status: 'pass' });
      return true;
    } catch (error) {
      if (error instanceof CheckSkipped) {
        results.push({ id, title, status: 'skip', detail: error.message });
        return false;
      }
      const detail =
        error instanceof CheckFailure
          ? error.message
          : `the check could not run: ${error instanceof Error ? error.message : String(error)}`;
      results.push({ id, title, status: 'fail', detail });
      return false;
    }
  }

  /** A fresh token for a test card, from the gateway, with the public key (as the browser gets one). */
  async function token(number = TEST_CARD_NUMBERS[cardIndex++ % TEST_CARD_NUMBERS.length]!): Promise<string> {
    expect(config, 'no /config to tokenise with');
    const response = await fetch(`${config.gatewayUrl}/v1/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-api-key': config.publicKey },
      body: JSON.stringify({ creditCard: { accountNumber: number, expires } }),
    });
    const text = await response.text();
    let parsed: { token?: unknown } | undefined;
    try {
      parsed = JSON.parse(text) as { token?: unknown };
    } catch {
      parsed = undefined;
    }
    // The gateway's answer is not shown: it could echo what was sent.
    expect(
      response.ok && typeof parsed?.token === 'string',
      `the gateway did not tokenise a test card (${response.status}) with the publicKey from /config`,
    );
    return parsed.token;
  }

  const list = async (shopper = cookie): Promise<Method[]> => {
    const exchange = await client.call('GET', '/methods', { cookie: shopper });
    expectStatus(exchange, 200);
    return methodsOf(exchange);
  };
  const save = (body: unknown, key: string | null, shopper: string | null = cookie, extra: Record<string, string> = {}) =>
    client.call('POST', '/methods', { cookie: shopper, json: body, headers: key === null ? extra : { 'Idempotency-Key': key, ...extra } });
  const newKey = (): string => crypto.randomUUID();

  // 1. Public facts.
  const configured = await check('config', 'GET /config answers { publicKey, gatewayUrl, limit: 4, kinds } without a session', async () => {
    const exchange = await client.call('GET', '/config', { cookie: null });
    expectStatus(exchange, 200);
    const body = exchange.body as { publicKey?: unknown; gatewayUrl?: unknown; limit?: unknown; kinds?: unknown } | undefined;
    expect(typeof body?.publicKey === 'string' && body.publicKey !== '', `no publicKey: ${shown(exchange)}`);
    expect(
      typeof body.gatewayUrl === 'string' && /^https?:\/\//.test(body.gatewayUrl),
      `gatewayUrl is not an http(s) URL: ${shown(exchange)}`,
    );
    expect(!/\/v1\/?$/.test(body.gatewayUrl), 'gatewayUrl must be the base without /v1');
    expect(body.limit === 4, `expected "limit": 4: ${shown(exchange)}`);
    expect(
      Array.isArray(body.kinds) && body.kinds.every(kind => kind === 'card' || kind === 'bank'),
      `kinds must list "card" and/or "bank"`,
    );
    config = { publicKey: body.publicKey, gatewayUrl: body.gatewayUrl.replace(/\/+$/, '') };
  });

  // 2. Requests refused before anything else.
  await check('unauthenticated', 'without a session, GET and POST /methods answer 401 unauthenticated', async () => {
    expectStatus(await client.call('GET', '/methods', { cookie: null }), 401, 'unauthenticated');
    expectStatus(await save({ token: crypto.randomUUID() }, newKey(), null), 401, 'unauthenticated');
  });
  await check('routes', 'an unknown route and a malformed id answer 404 not_found', async () => {
    expectStatus(await client.call('GET', '/nothing-here', { cookie }), 404, 'not_found');
    expectStatus(await client.call('DELETE', '/methods/short', { cookie }), 404, 'not_found');
    expectStatus(await client.call('PUT', '/methods/not%20an%20id!/default', { cookie }), 404, 'not_found');
  });
  await check('method-not-allowed', 'a method a route does not take answers 405 invalid_request with Allow', async () => {
    const patch = await client.call('PATCH', '/methods', { cookie, json: {} });
    expectStatus(patch, 405, 'invalid_request');
    const allow = (patch.headers['allow'] ?? '').toUpperCase();
    expect(
      allow.includes('GET') && allow.includes('POST'),
      `Allow must name GET and POST for /methods: got "${patch.headers['allow'] ?? ''}"`,
    );
    expectStatus(await client.call('DELETE', '/config', { cookie }), 405, 'invalid_request');
  });

  // 3. A clean wallet to work on.
  const ready = await check('empty-wallet', "GET /methods answers the test shopper's wallet, empty to start with", async () => {
    let methods = await list();
    if (methods.length > 0 && options.clear) {
      for (const method of methods) expectStatus(await client.call('DELETE', `/methods/${method.id}`, { cookie }), 200);
      methods = await list();
    }
    expect(methods.length === 0, `the test shopper's wallet holds ${methods.length} methods: empty it first (or pass --clear)`);
  });
  const needsWallet = ready ? null : 'needs an empty wallet for the test shopper';
  const needsTokens = configured ? needsWallet : 'needs /config to tokenise test cards';

  await check(
    'invalid-body',
    'POST /methods refuses a wrong content type, a body that is not JSON, an unknown key, a bad token and a bad Idempotency-Key with 400 invalid_request',
    async () => {
      const uuid = crypto.randomUUID();
      expectStatus(
        await client.call('POST', '/methods', { cookie, raw: JSON.stringify({ token: uuid }), contentType: 'text/plain' }),
        400,
        'invalid_request',
      );
      expectStatus(
        await client.call('POST', '/methods', { cookie, raw: '{"token":', contentType: 'application/json' }),
        400,
        'invalid_request',
      );
      const unknown = await save({ token: uuid, customerId: 'cus_someone_else' }, newKey());
      expectStatus(unknown, 400, 'invalid_request');
      expect(
        (unknown.body as { error: { field?: unknown } }).error.field === 'customerId',
        `an unknown key must be named in "field": ${shown(unknown)}`,
      );
      const badToken = await save({ token: 'not-a-token' }, newKey());
      expectStatus(badToken, 400, 'invalid_request');
      expect(
        (badToken.body as { error: { field?: unknown } }).error.field === 'token',
        `a bad token must be named in "field": ${shown(badToken)}`,
      );
      const longKey = await save({ token: uuid }, 'k'.repeat(256));
      expectStatus(longKey, 400, 'invalid_request');
      expect(
        (longKey.body as { error: { field?: unknown } }).error.field === 'Idempotency-Key',
        `a bad key must be named in "field": ${shown(longKey)}`,
      );
      expect((await list()).length === 0, 'a refused save stored a method');
    },
    needsWallet,
  );

  const attacker = 'https://attacker.example';
  await check(
    'cross-site-save',
    'a save from another site (Sec-Fetch-Site cross-site or same-site, a foreign Origin, Origin: null) answers 403 forbidden and stores nothing',
    async () => {
      const body = { token: await token(TEST_CARD_NUMBERS[0]) };
      const variants: Record<string, string>[] = [
        { Origin: attacker, 'Sec-Fetch-Site': 'cross-site' },
        { Origin: `${endpointUrl.protocol}//sub.${endpointUrl.host}`, 'Sec-Fetch-Site': 'same-site' },
        { Origin: attacker },
        { Origin: 'null' },
      ];
      for (const headers of variants) {
        const exchange = await client.call('POST', '/methods', {
          cookie,
          json: body,
          bare: true,
          headers: { ...headers, 'Idempotency-Key': newKey() },
        });
        expectStatus(exchange, 403, 'forbidden');
      }
      expect((await list()).length === 0, 'a refused cross-site save stored a method');
    },
    needsTokens,
  );

  // 4. Saving, idempotency, duplicates, the limit.
  let first: Method | undefined;
  const added = await check(
    'add',
    'POST /methods saves a token: 201 { method, methods, limit }, the first method the default',
    async () => {
      const exchange = await save({ token: await token(TEST_CARD_NUMBERS[0]) }, newKey());
      expectStatus(exchange, 201);
      const body = exchange.body as { method?: Method };
      expect(body.method && typeof body.method.id === 'string', `no "method" in the answer: ${shown(exchange)}`);
      const methods = methodsOf(exchange);
      expect(methods.length === 1 && methods[0]!.id === body.method.id, `"methods" must hold the saved method alone: ${shown(exchange)}`);
      expect(body.method.isDefault && methods[0]!.isDefault, 'the first method of a wallet must be the default');
      expect(body.method.last4 === TEST_CARD_NUMBERS[0]!.slice(-4), 'last4 must be the last four digits of the card');
      first = body.method;
    },
    needsTokens,
  );
  cardIndex = 1;
  const needsAdd = added ? null : 'needs a working save';

  await check(
    'idempotent-replay',
    'the same Idempotency-Key and body again answers the first answer byte for byte, with Idempotent-Replayed: true, and stores nothing',
    async () => {
      const key = newKey();
      const body = { token: await token(), makeDefault: false };
      const one = await save(body, key);
      expectStatus(one, 201);
      const two = await save(body, key);
      expect(
        two.status === one.status && two.text === one.text,
        `the replay differs from the first answer: first ${shown(one)}; replay ${shown(two)}`,
      );
      expect(two.headers['idempotent-replayed'] === 'true', 'the replay must carry Idempotent-Replayed: true');
      expect((await list()).length === 2, 'a replayed save stored the method again');
    },
    needsAdd,
  );

  await check(
    'idempotency-conflict',
    'the same Idempotency-Key with another body answers 409 idempotency_conflict and stores nothing',
    async () => {
      const key = newKey();
      const one = await save({ token: await token() }, key);
      expectStatus(one, 201);
      const other = await save({ token: await token() }, key);
      expectStatus(other, 409, 'idempotency_conflict');
      expect((await list()).length === 3, 'a save with a reused key and another body stored a method');
    },
    needsAdd,
  );

  await check(
    'duplicate',
    'saving a card the wallet already holds answers 409 duplicate with existingMethodId and stores nothing',
    async () => {
      const exchange = await save({ token: await token(TEST_CARD_NUMBERS[0]) }, newKey());
      expectStatus(exchange, 409, 'duplicate');
      const existing = (exchange.body as { error: { existingMethodId?: unknown } }).error.existingMethodId;
      expect(existing === first?.id, `existingMethodId must be the saved method's id: ${shown(exchange)}`);
      expect((await list()).length === 3, 'the duplicate was kept in the wallet');
    },
    needsAdd,
  );

  await check(
    'declined',
    'a card the gateway declines answers 402 declined and stores nothing',
    async () => {
      const exchange = await save({ token: await token(DECLINED_TEST_CARD) }, newKey());
      if (exchange.status === 201) {
        // Not every test gateway declines this card: take it out again and say so.
        const saved = (exchange.body as { method?: Method }).method;
        if (saved) await client.call('DELETE', `/methods/${saved.id}`, { cookie });
        throw new CheckSkipped('the gateway saved its declining test card (4000 0000 0000 0002): its test environment does not decline it');
      }
      expectStatus(exchange, 402, 'declined');
      expect((await list()).length === 3, 'a declined card was stored');
    },
    needsAdd,
  );

  await check(
    'pending-replay',
    'two saves with one Idempotency-Key sent at once get one answer and store one method',
    async () => {
      const key = newKey();
      const body = { token: await token() };
      const [one, two] = await Promise.all([save(body, key), save(body, key)]);
      expectStatus(one, 201);
      expect(
        two.status === one.status && two.text === one.text,
        `the second request must get the first one's answer: first ${shown(one)}; second ${shown(two)}`,
      );
      expect((await list()).length === 4, 'a save sent twice at once stored two methods');
    },
    needsAdd,
  );

  await check(
    'wallet-full',
    "a fifth save answers 409 wallet_full and stores nothing; the wallet is in the contract's order",
    async () => {
      const methods = await list();
      expect(methods.length === 4, `the checks before must have left 4 methods, found ${methods.length}`);
      expectOrdered(methods, 'GET /methods');
      expectStatus(await save({ token: await token() }, newKey()), 409, 'wallet_full');
      expect((await list()).length === 4, 'a fifth method was stored');
    },
    needsAdd,
  );

  // 5. Changes.
  await check(
    'make-default',
    'PUT /methods/{id}/default makes it the default and answers the wallet, default first',
    async () => {
      const methods = await list();
      const target = methods.find(method => !method.isDefault);
      expect(target, 'needs a method that is not the default');
      const exchange = await client.call('PUT', `/methods/${target.id}/default`, { cookie });
      expectStatus(exchange, 200);
      const after = methodsOf(exchange);
      expectOrdered(after, `PUT /methods/{id}/default`);
      expect(after[0]!.id === target.id, 'the method made the default must be the default, first');
    },
    needsAdd,
  );

  await check(
    'cross-site-change',
    'a make-default or a removal from another site answers 403 forbidden and changes nothing',
    async () => {
      const before = await list();
      const target = before.find(method => !method.isDefault);
      expect(target, 'needs a method that is not the default');
      const headers = { Origin: attacker, 'Sec-Fetch-Site': 'cross-site' };
      expectStatus(await client.call('PUT', `/methods/${target.id}/default`, { cookie, bare: true, headers }), 403, 'forbidden');
      expectStatus(await client.call('DELETE', `/methods/${target.id}`, { cookie, bare: true, headers }), 403, 'forbidden');
      const after = await list();
      expect(JSON.stringify(after) === JSON.stringify(before), 'a cross-site change changed the wallet');
    },
    needsAdd,
  );

  await check(
    'not-found',
    "an id not in the shopper's wallet answers 404 not_found with the wallet beside the error, for make-default and removal",
    async () => {
      const stranger = crypto.randomUUID();
      for (const [method, path] of [
        ['PUT', `/methods/${stranger}/default`],
        ['DELETE', `/methods/${stranger}`],
      ] as const) {
        const exchange = await client.call(method, path, { cookie });
        expectStatus(exchange, 404, 'not_found');
        expect(methodsOf(exchange).length === 4, `the wallet beside the 404 must be the shopper's: ${shown(exchange)}`);
      }
    },
    needsAdd,
  );

  await check(
    'remove',
    'DELETE /methods/{id} removes a method; removing the default answers promoted, the new default; the last removal empties the wallet',
    async () => {
      let methods = await list();
      const other = methods.find(method => !method.isDefault);
      expect(other, 'needs a method that is not the default');
      const plain = await client.call('DELETE', `/methods/${other.id}`, { cookie });
      expectStatus(plain, 200);
      methods = methodsOf(plain);
      expect(!methods.some(method => method.id === other.id), 'the removed method is still in the answer');
      expect(
        (plain.body as { promoted?: unknown }).promoted === undefined,
        'promoted must be absent when the removed method was not the default',
      );
      while (methods.length > 0) {
        const target = methods[0]!;
        const exchange = await client.call('DELETE', `/methods/${target.id}`, { cookie });
        expectStatus(exchange, 200);
        const after = methodsOf(exchange);
        expectOrdered(after, 'DELETE /methods/{id}');
        const promoted = (exchange.body as { promoted?: unknown }).promoted;
        if (after.length > 0)
          expect(promoted === after[0]!.id, `removing the default must answer promoted, the new default's id: ${shown(exchange)}`);
        else expect(promoted === undefined, 'promoted must be absent after the last removal');
        methods = after;
      }
      expect((await list()).length === 0, 'the wallet is not empty after removing every method');
    },
    needsAdd,
  );

  // 6. A shopper without a gateway customer yet.
  const fresh = options.newShopperCookie;
  const needsFresh = fresh === undefined ? 'needs --new-shopper-cookie (a signed-in shopper without a gateway customer)' : needsTokens;
  await check(
    'lazy-customer',
    'a shopper without a gateway customer gets an empty wallet and a 404 for changes; first saves sent at once create one customer that holds both',
    async () => {
      const shopper = fresh!;
      expect((await list(shopper)).length === 0, 'a shopper without a customer must get an empty wallet');
      const change = await client.call('PUT', `/methods/${crypto.randomUUID()}/default`, { cookie: shopper });
      expectStatus(change, 404, 'not_found');
      const [one, two] = await Promise.all([
        save({ token: await token(TEST_CARD_NUMBERS[0]) }, newKey(), shopper),
        save({ token: await token(TEST_CARD_NUMBERS[1]) }, newKey(), shopper),
      ]);
      expectStatus(one, 201);
      expectStatus(two, 201);
      const methods = await list(shopper);
      expect(
        methods.length === 2,
        `two first saves sent at once left ${methods.length} methods in the wallet: each must not create a customer of its own`,
      );
      for (const method of methods) expectStatus(await client.call('DELETE', `/methods/${method.id}`, { cookie: shopper }), 200);
    },
    needsFresh,
  );

  // 7. Rules every answer follows.
  const needsAnswers = client.exchanges.length > 0 ? null : 'needs answers from the endpoint';
  await check(
    'no-store',
    'every answer carries Cache-Control: no-store',
    async () => {
      const missing = client.exchanges.filter(exchange => !/no-store/i.test(exchange.headers['cache-control'] ?? ''));
      expect(
        missing.length === 0,
        `no Cache-Control: no-store on ${missing.map(exchange => `${exchange.method} ${exchange.path} (${exchange.status})`).join(', ')}`,
      );
    },
    needsAnswers,
  );
  await check(
    'json',
    'every answer is JSON (Content-Type: application/json)',
    async () => {
      const other = client.exchanges.filter(
        exchange => !/^application\/json/i.test(exchange.headers['content-type'] ?? '') || exchange.body === undefined,
      );
      expect(
        other.length === 0,
        `not JSON: ${other.map(exchange => `${exchange.method} ${exchange.path} (${exchange.status})`).join(', ')}`,
      );
    },
    needsAnswers,
  );
  await check(
    'error-shape',
    'every error is { error: { code, message } } with the status its code has',
    async () => {
      const isError = (item: Exchange) =>
        item.status >= 400 || (typeof item.body === 'object' && item.body !== null && 'error' in item.body);
      for (const exchange of client.exchanges.filter(isError)) {
        const error = (exchange.body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
        expect(typeof error?.code === 'string' && typeof error.message === 'string', `not an error body: ${shown(exchange)}`);
        const statuses = ERROR_STATUS[error.code];
        expect(statuses, `an unknown error code "${error.code}": ${shown(exchange)}`);
        expect(statuses.includes(exchange.status), `"${error.code}" must answer ${statuses.join(' or ')}: ${shown(exchange)}`);
      }
    },
    needsAnswers,
  );

  return { passed: results.every(result => result.status !== 'fail'), results, exchanges: client.exchanges };
}
