/** Shared helpers for the sandbox tests: a fixed clock and a terse way to call the handler. */
import {
  createSandbox,
  DEFAULT_SANDBOX_KEYS,
  TEST_BANK_ACCOUNTS,
  TEST_CARDS,
  type Sandbox,
  type SandboxOptions,
} from '../../src/sandbox/index.js';

/** 23 November 2026, 12:00 UTC. */
export const NOW = Date.UTC(2026, 10, 23, 12);
export const BASE = 'https://sandbox.test';
export const PRIVATE = DEFAULT_SANDBOX_KEYS.privateKey;
export const PUBLIC = DEFAULT_SANDBOX_KEYS.publicKey;

export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response members
  body: any;
}

export interface CallOptions {
  key?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

export function clock(start = NOW): { now: () => number; set(ms: number): void; advance(ms: number): void } {
  let current = start;
  return {
    now: () => current,
    set: ms => (current = ms),
    advance: ms => (current += ms),
  };
}

export function makeSandbox(options: SandboxOptions = {}): Sandbox {
  return createSandbox({ now: () => NOW, ...options });
}

/** Calls the handler; the private key unless told otherwise, JSON body when given. */
export async function call(sandbox: Sandbox, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers = new Headers(options.headers);
  const key = options.key === undefined ? PRIVATE : options.key;
  if (key !== null) headers.set('x-api-key', key);
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const response = await sandbox.handle(new Request(BASE + path, { method, headers, body }));
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

export function card(number: string = TEST_CARDS.visa.number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { creditCard: { accountNumber: number, expires: '1235', ...extra } };
}

export function bank(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    check: {
      accountNumber: TEST_BANK_ACCOUNTS.checking.accountNumber,
      routingNumber: TEST_BANK_ACCOUNTS.checking.routingNumber,
      accountType: 0,
      ...extra,
    },
  };
}

export async function tokenFor(sandbox: Sandbox, body: Record<string, unknown> = card()): Promise<string> {
  const answer = await call(sandbox, 'POST', '/v1/tokens', { key: PUBLIC, body });
  if (answer.status !== 200) throw new Error(`tokenize failed: ${JSON.stringify(answer.body)}`);
  return answer.body.token as string;
}

export async function newCustomer(
  sandbox: Sandbox,
  fields: Record<string, unknown> = { firstName: 'Ada', lastName: 'Lovelace' },
): Promise<string> {
  const answer = await call(sandbox, 'POST', '/v1/customers', { body: fields });
  if (answer.status !== 200) throw new Error(`customer failed: ${JSON.stringify(answer.body)}`);
  return answer.body.customer.id as string;
}

/** Tokenizes and saves; returns the wallet entry. */
export async function addMethod(
  sandbox: Sandbox,
  customerId: string,
  body: Record<string, unknown> = card(),
  extra: Record<string, unknown> = {},
): Promise<Answer> {
  const token = await tokenFor(sandbox, body);
  return call(sandbox, 'POST', `/v1/customers/${customerId}/wallet`, { body: { token, ...extra } });
}

/** Asserts the documented error envelope with one error of `type`, optionally on `field`. */
export function assertError(answer: Answer, status: number, type: string, field?: string): void {
  const detail = JSON.stringify(answer.body);
  if (answer.status !== status) throw new Error(`expected status ${status}, got ${answer.status}: ${detail}`);
  if (typeof answer.body?.requestId !== 'string' || answer.body.requestId === '') throw new Error(`no requestId: ${detail}`);
  const errors = answer.body.errors as { type: string; message: string; field?: string }[];
  if (!Array.isArray(errors) || errors.length === 0) throw new Error(`no errors array: ${detail}`);
  if (!errors.every(e => e.type === type && typeof e.message === 'string' && e.message.length > 0))
    throw new Error(`expected type ${type}: ${detail}`);
  if (field !== undefined && !errors.some(e => e.field === field)) throw new Error(`expected field ${field}: ${detail}`);
}
