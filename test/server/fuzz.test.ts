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
  /** With `customer: 'none'`, which lazily created customer `customerFor` answers, or null for none yet. */
  lazy: number | null;
  canRemove: 'allow' | 'refuse' | 'throw';
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

    // Each request's hooks follow its own plan, so concurrent requests keep their failures apart.
    const plans = new Map<Request, { plan: HookPlan; threw: boolean }>();
    const lazyCustomers: string[] = [];
    let auditCalls = 0;
    const planOf = (request: Request) => {
      const entry = plans.get(request);
      if (!entry) throw new Error('a hook was called with a request the test did not send');
      return entry;
    };
    const fail = (request: Request, what: string): never => {
      planOf(request).threw = true;
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
      customerFor: async request => {
        const { plan } = planOf(request);
        if (plan.customer === 'throw') fail(request, 'customerFor');
        if (plan.customer === 'reject') {
          await Promise.resolve();
          fail(request, 'customerFor');
        }
        if (plan.customer === 'none')
          return plan.lazy !== null && lazyCustomers.length > 0 ? lazyCustomers[plan.lazy % lazyCustomers.length] : null;
        return plan.customer === 'a' ? customerA : customerB;
      },
      canRemove: (_method, request) => {
        if (planOf(request).plan.canRemove === 'throw') fail(request, 'canRemove');
        return planOf(request).plan.canRemove === 'allow'
          ? true
          : { allowed: false, reason: `Card ${TEST_CARDS.visa.number} pays a subscription.` };
      },
      // Errors thrown by audit are logged, never answered: they do not excuse a 5xx. It gets no request, so it fails by turns.
      audit: () => {
        auditCalls += 1;
        if (auditCalls % 7 === 0) throw new Error(`audit store down ${PRIVATE_KEY}`);
      },
      createCustomer: {
        profileFor: request => {
          const { plan } = planOf(request);
          if (plan.profile === 'throw') fail(request, 'profileFor');
          return plan.profile === 'none' ? null : { firstName: 'Lazy', lastName: 'Shopper', emailAddress: 'lazy@example.test' };
        },
        onCreated: (request, customerId) => {
          lazyCustomers.push(customerId);
          if (planOf(request).plan.onCreated === 'throw') fail(request, 'onCreated');
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

    const newPlan = (): HookPlan => ({
      customer: random.pick(['a', 'a', 'a', 'b', 'b', 'none', 'none', 'throw', 'reject'] as const),
      lazy: random.chance(0.5) ? random.int(1000) : null,
      canRemove: random.pick(['allow', 'allow', 'allow', 'refuse', 'throw'] as const),
      profile: random.pick(['ok', 'ok', 'none', 'throw'] as const),
      onCreated: random.chance(0.1) ? 'throw' : 'ok',
    });
    const pool = { base: BASE, origin: ORIGIN, methodIds: () => methodIds, token: () => random.pick(tokens) };

    /** Sends one request and checks its answer; `upstreamFailed` says whether an injected gateway fault may excuse a 502/504. */
    async function send(index: number, request: FuzzRequest, upstreamFailed: () => boolean): Promise<void> {
      const plan = newPlan();
      const sent = new Request(`${ORIGIN}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
      const state = { plan, threw: false };
      plans.set(sent, state);
      const report = (problem: string) =>
        problems.push({
          index,
          request: `${request.method} ${request.path.slice(0, 200)} ${JSON.stringify(request.headers).slice(0, 300)} body ${(request.body ?? '').slice(0, 200)} hooks ${JSON.stringify(plan)}`,
          problem,
        });
      try {
        let response: Response;
        try {
          response = await handler(sent);
        } catch (error) {
          report(`the handler rejected: ${error instanceof Error ? error.stack : String(error)}`);
          return;
        }
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500) {
          const excused = (response.status === 500 && state.threw) || ([502, 504].includes(response.status) && upstreamFailed());
          if (!excused) report(`unexpected ${response.status}: ${text.slice(0, 300)}`);
        }
        if (leaks(text)) report(`answer leaks: ${text.slice(0, 300)}`);
        for (const [name, value] of response.headers) if (leaks(`${name}: ${value}`)) report(`header leaks: ${name}: ${value}`);
      } finally {
        plans.delete(sent);
      }
    }

    /** The gateway's invariants, after every request or burst: at most 4 methods, exactly one default when not empty. */
    function checkWallets(index: number): void {
      for (const id of sandbox.state.customerIds()) {
        const entries = sandbox.state.wallet(id);
        const defaults = entries.filter(entry => entry.default).length;
        if (entries.length > 4) problems.push({ index, request: id, problem: `${entries.length} methods` });
        if (entries.length > 0 && defaults !== 1) problems.push({ index, request: id, problem: `${defaults} defaults` });
      }
    }

    let index = 0;
    let refreshAt = 0;
    while (index < RUNS && problems.length < 20) {
      sandbox.faults.clear();
      if (index >= refreshAt) {
        refreshAt += 250;
        methodIds = allMethodIds();
        tokens.push(await tokenize(), await tokenize());
      }
      clock += random.int(6) * 60_000;
      const logged = logLines.length;
      if (random.chance(0.05)) {
        // A burst of concurrent requests (double clicks, two tabs, a script): no injected faults, so no 502 is excused.
        const burst = Array.from({ length: Math.min(8, RUNS - index) }, () => fuzzRequest(random, pool));
        await Promise.all(burst.map((request, i) => send(index + i, request, () => false)));
        index += burst.length;
      } else {
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
        const gatewayCalls = sandbox.requests.length;
        // A fault that was used up (or counted down) answered at least one gateway call; a malformed body logs as 200.
        const upstreamFailed = () =>
          (injected !== '' && JSON.stringify(sandbox.faults.list()) !== injected) ||
          sandbox.requests.slice(gatewayCalls).some(entry => entry.status === 0 || entry.status >= 429);
        await send(index, fuzzRequest(random, pool), upstreamFailed);
        index += 1;
      }
      for (const line of logLines.slice(logged)) {
        if (leaks(line)) problems.push({ index, request: 'log', problem: `log line leaks: ${line.slice(0, 300)}` });
      }
      checkWallets(index);
    }

    // Let anything a request left running settle before looking for unhandled rejections.
    await new Promise(resolve => setImmediate(resolve));
    sandbox.faults.clear();
    checkWallets(-1);
    console.log(`fuzz: statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    assert.deepEqual(unhandled, [], 'no unhandled rejection or exception');
    assert.deepEqual(problems, [], `seed ${SEED}: replay with FUZZ_SEED=${SEED}`);
    // The run reached every kind of answer it is meant to exercise, not only refusals.
    for (const status of [200, 201, 400, 401, 403, 404, 409]) assert.ok(statuses.has(status), `no ${status} in the run`);
  });
});
