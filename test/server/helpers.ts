/**
 * Shared harness for the server tests: the real handler in front of the real
 * sandbox (through `test/support/backend.ts`), a distinctive private key, and
 * a capture of every answer body and log line, so each test file can assert
 * at its end that the key appears in none of them.
 */
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_CARDS, TEST_EXPIRES } from '../../src/sandbox/index.js';
import type { Logger } from '../../src/server/index.js';
import type { GatewayFetch } from '../../src/server/gateway-client.js';
import type { WalletHandlerOptions } from '../../src/server/options.js';
import { createTestBackend, type TestBackend } from '../support/backend.js';

/** Random per run, so finding it anywhere can only mean a leak. */
export const PRIVATE_KEY = `sk_test_private_${crypto.randomUUID()}`;
export const PUBLIC_KEY = `pk_test_public_${crypto.randomUUID()}`;
export const GATEWAY = 'https://gateway.sandbox.test';
export const ENDPOINT = '/api/wallet';
/**
 * 23 November 2026, 12:00 UTC: the clock of the sandbox (and, unless a test gives its own, of
 * the handler), so tokenization's expiry check and every date the handler computes are the same
 * whatever day the suite runs. Seeded and tokenized cards expire `TEST_EXPIRES` (12/2035), years
 * after it.
 */
export const NOW = Date.UTC(2026, 10, 23, 12);

const captured = { bodies: [] as string[], logs: [] as string[] };

/** Remembers a body that left the handler (or the gateway) for the leak check. */
export function captureBody(text: string): void {
  captured.bodies.push(text);
}

/** A logger that keeps every line, fields included, as text. */
export const captureLogger: Logger = {
  info: (message, fields) => captured.logs.push(`info ${message} ${JSON.stringify(fields ?? {})}`),
  warn: (message, fields) => captured.logs.push(`warn ${message} ${JSON.stringify(fields ?? {})}`),
  error: (message, fields) => captured.logs.push(`error ${message} ${JSON.stringify(fields ?? {})}`),
};

/** Registers the end-of-file check: the private key is in no captured body and no log line. */
export function assertNoKeyLeaksAtEnd(): void {
  after(() => {
    assert.ok(captured.bodies.length > 0, 'the suite captured answer bodies');
    assert.ok(captured.logs.length > 0, 'the suite captured log lines');
    const leakedBody = captured.bodies.find(body => body.includes(PRIVATE_KEY));
    const leakedLog = captured.logs.find(line => line.includes(PRIVATE_KEY));
    assert.equal(leakedBody, undefined, 'the private key appeared in an answer body');
    assert.equal(leakedLog, undefined, 'the private key appeared in a log line');
  });
}

/** A settable clock for rate limits and audit timestamps. */
export function clock(start = NOW) {
  let current = start;
  return { now: () => current, advance: (ms: number) => (current += ms) };
}

export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary members of JSON answers
  body: any;
  text: string;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as-is instead of JSON (`body` ignored). */
  raw?: BodyInit;
  headers?: Record<string, string>;
}

export interface Harness {
  backend: TestBackend;
  /** Calls the merchant endpoint through the backend's fetch; checks `Cache-Control: no-store` on every answer. */
  call(method: string, route: string, options?: CallOptions): Promise<Answer>;
  /** Tokenizes a card (or bank account) at the sandbox with the public key, as the browser does. */
  token(
    card?: { accountNumber: string; expires?: string } | { bank: { accountNumber: string; routingNumber: string; accountType: 0 | 1 } },
  ): Promise<string>;
  /** Tokenizes and saves a card; answers the 201 (or error) answer. */
  addCard(number?: string, options?: { expires?: string; makeDefault?: boolean; key?: string }): Promise<Answer>;
  /** The signed-in customer's wallet as the sandbox holds it. */
  wallet(customerId?: string): ReturnType<TestBackend['sandbox']['state']['wallet']>;
  /** Gateway requests that changed something (POST/PUT/DELETE below /v1/customers). */
  gatewayWrites(): { method: string; path: string; status: number }[];
}

export function createHarness(handlerOptions: Partial<WalletHandlerOptions> = {}): Harness {
  const backend = createTestBackend({
    endpoint: ENDPOINT,
    gatewayUrl: GATEWAY,
    // A test's own clock (rate limits) drives the sandbox too; otherwise both stand at NOW.
    now: handlerOptions.now ?? (() => NOW),
    sandboxOptions: { privateKey: PRIVATE_KEY, publicKey: PUBLIC_KEY },
    handlerOptions: { logger: captureLogger, retry: { attempts: 3, baseDelayMs: 1 }, ...handlerOptions },
  });

  async function call(method: string, route: string, options: CallOptions = {}): Promise<Answer> {
    const headers = new Headers(options.headers);
    let body: BodyInit | undefined = options.raw;
    if (body === undefined && options.body !== undefined) {
      body = JSON.stringify(options.body);
      if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    }
    const init: RequestInit & { duplex?: 'half' } = { method, headers, body };
    if (body instanceof ReadableStream) init.duplex = 'half';
    const response = await backend.fetch(backend.url(route), init);
    const text = await response.text();
    captureBody(text);
    assert.equal(response.headers.get('Cache-Control'), 'no-store', `${method} ${route} answers with Cache-Control: no-store`);
    let parsed: unknown = undefined;
    if (text !== '') parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed, text };
  }

  async function token(input: Parameters<Harness['token']>[0] = { accountNumber: TEST_CARDS.visa.number }): Promise<string> {
    const payload =
      'bank' in input
        ? { check: input.bank }
        : { creditCard: { accountNumber: input.accountNumber, expires: input.expires ?? TEST_EXPIRES } };
    const response = await backend.fetch(`${GATEWAY}/v1/tokens`, {
      method: 'POST',
      headers: { 'x-api-key': PUBLIC_KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify(payload),
    });
    const text = await response.text();
    captureBody(text);
    assert.equal(response.status, 200, `tokenization answered ${response.status}: ${text}`);
    return (JSON.parse(text) as { token: string }).token;
  }

  return {
    backend,
    call,
    token,
    async addCard(number = TEST_CARDS.visa.number, options = {}) {
      const body = {
        token: await token({ accountNumber: number, expires: options.expires ?? TEST_EXPIRES }),
        ...(options.makeDefault === undefined ? {} : { makeDefault: options.makeDefault }),
      };
      return call('POST', '/methods', { body, headers: options.key ? { 'Idempotency-Key': options.key } : {} });
    },
    wallet(customerId = backend.customerId ?? '') {
      return backend.sandbox.state.wallet(customerId);
    },
    gatewayWrites() {
      return backend.sandbox.requests.filter(entry => entry.method !== 'GET' && entry.path.startsWith('/v1/customers'));
    },
  };
}

/** The sandbox wallet entry whose masked number ends in `last4` (the sandbox lists newest first). */
export function entry<T extends { accountNumber: string }>(wallet: T[], last4: string): T {
  const found = wallet.find(item => item.accountNumber.endsWith(last4));
  assert.ok(found, `a wallet entry ending in ${last4}`);
  return found;
}

/** Seed shorthand: a card method for `seedShopper`. */
export function card(number: string, options: { expires?: string; default?: boolean } = {}) {
  return {
    card: { accountNumber: number, expires: options.expires ?? TEST_EXPIRES },
    ...(options.default === undefined ? {} : { default: options.default }),
  };
}

/** A gateway fetch that sends to the harness's sandbox and lets the test rewrite the answer body. */
export function rewritingFetch(
  getHarness: () => Harness,
  rewrite: (path: string, method: string, status: number, body: Record<string, unknown>) => Record<string, unknown> | void,
): GatewayFetch {
  return async (url, init) => {
    const response = await getHarness().backend.sandbox.handle(new Request(url, init));
    const text = await response.text();
    const body = JSON.parse(text) as Record<string, unknown>;
    const changed = rewrite(new URL(url).pathname, init.method, response.status, body) ?? body;
    return new Response(JSON.stringify(changed), { status: response.status, headers: response.headers });
  };
}

export { TEST_CARDS, TEST_EXPIRES };
