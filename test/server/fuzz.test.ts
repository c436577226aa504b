/**
 * The merchant handler under hostile input, in process: at least 10,000 generated
 * requests (see fuzz/requests.ts) against the real handler and sandbox, with merchant
 * hooks that sometimes throw and a gateway that sometimes fails. Nothing crashes or
 * rejects, no 5xx comes without a failing hook or gateway behind it, no answer, header
 * or log line carries the private key or a run of 12 or more digits, and the sandbox's
 * wallets keep their invariants afterwards.
 *
 * The seed is fixed and printed; `FUZZ_SEED=n` replays a run, `FUZZ_RUNS=n` runs longer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSandbox, TEST_CARDS, type SandboxFault } from '../../src/sandbox/index.js';
import { createWalletHandler, type WalletHandler } from '../../src/server/handler.js';
import type { LogFields } from '../../src/server/logger.js';
import { Random } from './fuzz/random.js';
import { fuzzRequest, type FuzzRequest } from './fuzz/requests.js';

const SEED = Number(process.env.FUZZ_SEED ?? 16_2026);
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const GATEWAY = 'https://gateway.fuzz.test';
const ORIGIN = 'https://shop.fuzz.test';
const BASE = '/api/wallet';
const PRIVATE_KEY = 'sk_fuzz_private_Zq7xv';
const PUBLIC_KEY = 'pk_fuzz_public';
const LONG_DIGITS = /\d{12,}/;

/** Hex ids with a letter every few characters: gateway ids never carry a digit run of their own. */
function idSource(): () => string {
  let n = 0;
  return () => {
    n += 1;
    const hex = n.toString(16).padStart(8, '0');
    return `${hex}-abcd-4ef0-8abc-${hex.slice(0, 4)}a${hex.slice(4)}bcd`;
  };
}

/** What the merchant's hooks do on the next request. */
interface HookPlan {
  customer: 'a' | 'b' | 'none' | 'throw' | 'reject';
  canRemove: 'allow' | 'refuse' | 'throw';
  audit: 'ok' | 'throw';
  profile: 'ok' | 'none' | 'throw';
  onCreated: 'ok' | 'throw';
}

interface Problem {
  index: number;
  request: string;
  problem: string;
}

describe('handler fuzz', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  before(() => {
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
  });
  after(() => {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
  });

  it(`holds ${RUNS} generated requests (seed ${SEED})`, { timeout: 600_000 }, async () => {
    console.log(`fuzz: seed ${SEED}, ${RUNS} requests (replay with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS})`);
    const random = new Random(SEED);
    let clock = Date.UTC(2026, 10, 23, 12);
    const now = () => clock;
    const sandbox = createSandbox({ publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY, now, newId: idSource() });
    const [customerA, customerB] = await sandbox.seed({
      customers: [
        { firstName: 'Fuzz', lastName: 'A', methods: [{ card: { accountNumber: TEST_CARDS.visa.number, expires: '1235' } }] },
        {
          firstName: 'Fuzz',
          lastName: 'B',
          methods: [TEST_CARDS.visa.number, TEST_CARDS.mastercard.number, TEST_CARDS.visaAlt.number, TEST_CARDS.visaDebit.number].map(
            accountNumber => ({ card: { accountNumber, expires: '1235' } }),
          ),
        },
      ],
    });
    assert.ok(customerA && customerB);

    let plan: HookPlan = { customer: 'a', canRemove: 'allow', audit: 'ok', profile: 'ok', onCreated: 'ok' };
    let hookThrew = false;
    const lazyCustomers: string[] = [];
    const fail = (what: string): never => {
      hookThrew = true;
      throw new Error(`merchant hook ${what} failed (${PRIVATE_KEY} ${TEST_CARDS.visa.number})`);
    };
    const logLines: string[] = [];
    const record =
      (level: string) =>
      (message: string, fields?: LogFields): void => {
        logLines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
      };

    const handler: WalletHandler = createWalletHandler({
      privateKey: PRIVATE_KEY,
      publicKey: PUBLIC_KEY,
      gatewayUrl: GATEWAY,
      basePath: BASE,
      allowedOrigins: [ORIGIN],
      now,
      timeoutMs: 200,
      retry: { attempts: 2, baseDelayMs: 1 },
      fetch: (input, init) => sandbox.handle(new Request(input, init)),
      logger: { info: record('info'), warn: record('warn'), error: record('error') },
      customerFor: async () => {
        if (plan.customer === 'throw') fail('customerFor');
        if (plan.customer === 'reject') {
          await Promise.resolve();
          fail('customerFor');
        }
        if (plan.customer === 'none') return lazyCustomers.length > 0 && random.chance(0.5) ? random.pick(lazyCustomers) : null;
        return plan.customer === 'a' ? customerA : customerB;
      },
      canRemove: () => {
        if (plan.canRemove === 'throw') fail('canRemove');
        return plan.canRemove === 'allow' ? true : { allowed: false, reason: `Card ${TEST_CARDS.visa.number} pays a subscription.` };
      },
      audit: () => {
        // Errors thrown by audit are logged, never answered: they do not excuse a 5xx.
        if (plan.audit === 'throw') throw new Error(`audit store down ${PRIVATE_KEY}`);
      },
      createCustomer: {
        profileFor: () => {
          if (plan.profile === 'throw') fail('profileFor');
          return plan.profile === 'none' ? null : { firstName: 'Lazy', lastName: 'Shopper', emailAddress: 'lazy@example.test' };
        },
        onCreated: (_request, customerId) => {
          lazyCustomers.push(customerId);
          if (plan.onCreated === 'throw') fail('onCreated');
        },
      },
    });

    const tokenize = async (): Promise<string> => {
      const number = random.pick([TEST_CARDS.visa.number, TEST_CARDS.mastercard.number, TEST_CARDS.declined.number]);
      const answer = await sandbox.handle(
        new Request(`${GATEWAY}/v1/tokens`, {
          method: 'POST',
          headers: { 'x-api-key': PUBLIC_KEY, 'content-type': 'application/json' },
          body: JSON.stringify({ creditCard: { accountNumber: number, expires: '1235' } }),
        }),
      );
      return ((await answer.json()) as { token: string }).token;
    };
    const tokens: string[] = [];
    for (let i = 0; i < 50; i++) tokens.push(await tokenize());
    const allMethodIds = () => sandbox.state.customerIds().flatMap(id => sandbox.state.wallet(id).map(entry => entry.id));
    let methodIds = allMethodIds();

    const problems: Problem[] = [];
    const statuses = new Map<number, number>();
    const leaks = (text: string) => text.includes(PRIVATE_KEY) || LONG_DIGITS.test(text);

    for (let index = 0; index < RUNS; index++) {
      sandbox.faults.clear();
      if (index % 250 === 0) {
        methodIds = allMethodIds();
        tokens.push(await tokenize(), await tokenize());
      }
      const request: FuzzRequest = fuzzRequest(random, {
        base: BASE,
        origin: ORIGIN,
        methodIds: () => methodIds,
        token: () => random.pick(tokens),
      });
      plan = {
        customer: random.pick(['a', 'a', 'a', 'b', 'b', 'none', 'none', 'throw', 'reject'] as const),
        canRemove: random.pick(['allow', 'allow', 'allow', 'refuse', 'throw'] as const),
        audit: random.chance(0.1) ? 'throw' : 'ok',
        profile: random.pick(['ok', 'ok', 'none', 'throw'] as const),
        onCreated: random.chance(0.1) ? 'throw' : 'ok',
      };
      hookThrew = false;
      // Sometimes the gateway fails: before or after doing the work, with an error, garbage or a lost connection.
      let injected = '';
      if (random.chance(0.06)) {
        const fault: SandboxFault = random.pick<SandboxFault>([
          { status: 503 },
          { status: 500, afterHandling: true },
          { malformedBody: true },
          { dropConnection: true },
          { dropConnection: true, afterHandling: true },
          { status: 429 },
        ]);
        sandbox.faults.add({ ...fault, times: 1 + random.int(3) });
        injected = JSON.stringify(sandbox.faults.list());
      }
      clock += random.int(6) * 60_000;
      const logged = logLines.length;
      const gatewayCalls = sandbox.requests.length;
      const describeRequest = () =>
        `${request.method} ${request.path.slice(0, 200)} ${JSON.stringify(request.headers).slice(0, 300)} body ${(request.body ?? '').slice(0, 200)} hooks ${JSON.stringify(plan)}`;
      const report = (problem: string) => problems.push({ index, request: describeRequest(), problem });

      let response: Response;
      try {
        response = await handler(
          new Request(`${ORIGIN}${request.path}`, { method: request.method, headers: request.headers, body: request.body }),
        );
      } catch (error) {
        report(`the handler rejected: ${error instanceof Error ? error.stack : String(error)}`);
        continue;
      }
      const text = await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      // A fault that was used up (or counted down) answered at least one gateway call; a malformed body logs as 200.
      const faultUsed = injected !== '' && JSON.stringify(sandbox.faults.list()) !== injected;
      const upstreamFailed = faultUsed || sandbox.requests.slice(gatewayCalls).some(entry => entry.status === 0 || entry.status >= 429);
      if (response.status >= 500) {
        const excused = (response.status === 500 && hookThrew) || ([502, 504].includes(response.status) && upstreamFailed);
        if (!excused) report(`unexpected ${response.status}: ${text.slice(0, 300)}`);
      }
      if (leaks(text)) report(`answer leaks: ${text.slice(0, 300)}`);
      for (const [name, value] of response.headers) if (leaks(`${name}: ${value}`)) report(`header leaks: ${name}: ${value}`);
      for (const line of logLines.slice(logged)) if (leaks(line)) report(`log line leaks: ${line.slice(0, 300)}`);
      if (problems.length >= 20) break;
    }

    // Let anything a request left running settle before looking for unhandled rejections.
    await new Promise(resolve => setImmediate(resolve));
    sandbox.faults.clear();
    const wallets = sandbox.state.customerIds().map(id => ({ id, entries: sandbox.state.wallet(id) }));
    for (const { id, entries } of wallets) {
      if (entries.length > 4) problems.push({ index: -1, request: id, problem: `${entries.length} methods` });
      if (entries.length > 0 && entries.filter(entry => entry.default).length !== 1)
        problems.push({ index: -1, request: id, problem: `${entries.filter(entry => entry.default).length} defaults` });
    }
    console.log(`fuzz: statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    assert.deepEqual(unhandled, [], 'no unhandled rejection or exception');
    assert.deepEqual(problems, [], `seed ${SEED}: replay with FUZZ_SEED=${SEED}`);
    // The run reached every kind of answer it is meant to exercise, not only refusals.
    for (const status of [200, 201, 400, 401, 403, 404, 409]) assert.ok(statuses.has(status), `no ${status} in the run`);
  });
});
