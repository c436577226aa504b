/**
 * Sandbox wallet invariants under random operation sequences, through its real
 * HTTP API: never more than 4 methods, exactly one default when the wallet is not
 * empty, a token that saved once never saves again, a replayed idempotency key never
 * stores twice, and one customer's operations never touch another's wallet.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TEST_CARDS } from '../../src/sandbox/index.js';
import { bank, call, card, makeSandbox, newCustomer, tokenFor } from './helpers.js';

// A fixed seed so a run replays exactly; FC_SEED and FC_RUNS explore further.
const seed = Number(process.env.FC_SEED ?? 20261203);
const numRuns = Number(process.env.FC_RUNS ?? 150);

const METHODS = [card(), card(TEST_CARDS.mastercard.number), card(TEST_CARDS.declined.number), bank()];

type Op =
  | { op: 'tokenize'; method: number }
  | { op: 'save'; customer: number; token: number; makeDefault: boolean | undefined; key: number | null }
  | { op: 'makeDefault'; customer: number; entry: number }
  | { op: 'remove'; customer: number; entry: number }
  | { op: 'removeUnknown'; customer: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('tokenize' as const), method: fc.nat(METHODS.length - 1) }),
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('save' as const),
      customer: fc.nat(1),
      token: fc.nat(),
      makeDefault: fc.constantFrom(true, false, undefined),
      key: fc.option(fc.nat(3)),
    }),
  },
  fc.record({ op: fc.constant('makeDefault' as const), customer: fc.nat(1), entry: fc.nat() }),
  fc.record({ op: fc.constant('remove' as const), customer: fc.nat(1), entry: fc.nat() }),
  fc.record({ op: fc.constant('removeUnknown' as const), customer: fc.nat(1) }),
);

interface Entry {
  id: string;
  default: boolean;
}

describe('sandbox wallet (properties)', () => {
  it('keeps its invariants under any sequence of operations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async ops => {
        const sandbox = makeSandbox();
        const customers = [await newCustomer(sandbox), await newCustomer(sandbox)];
        const tokens: string[] = [await tokenFor(sandbox)];
        const saved = new Set<string>();
        // Idempotency key -> the entry id its first successful save answered.
        const keyed = new Map<string, string>();

        const wallet = async (customer: string): Promise<Entry[]> => {
          const answer = await call(sandbox, 'GET', `/v1/customers/${customer}/wallet`);
          assert.equal(answer.status, 200);
          return answer.body.wallet as Entry[];
        };
        const check = async (): Promise<Entry[][]> => {
          const all = [await wallet(customers[0]!), await wallet(customers[1]!)];
          for (const entries of all) {
            assert.ok(entries.length <= 4, `${entries.length} methods`);
            if (entries.length > 0) assert.equal(entries.filter(e => e.default).length, 1, JSON.stringify(entries));
            assert.equal(new Set(entries.map(e => e.id)).size, entries.length);
          }
          return all;
        };

        let before = await check();
        for (const step of ops) {
          const customer = step.op === 'tokenize' ? '' : customers[step.customer]!;
          const other = step.op === 'tokenize' ? -1 : 1 - step.customer;
          if (step.op === 'tokenize') {
            tokens.push(await tokenFor(sandbox, METHODS[step.method]));
          } else if (step.op === 'save') {
            const token = tokens[step.token % tokens.length]!;
            const key = step.key === null ? undefined : `key-${step.customer}-${step.key}-${token}`;
            const body = { token, ...(step.makeDefault === undefined ? {} : { default: step.makeDefault }) };
            const answer = await call(sandbox, 'POST', `/v1/customers/${customer}/wallet`, {
              body,
              headers: key ? { 'Idempotency-Key': key } : {},
            });
            const replay = key !== undefined && keyed.has(key);
            if (answer.status < 300) {
              const id = answer.body.wallet.id as string;
              if (replay) assert.equal(id, keyed.get(key), 'a replayed key answers the first save');
              else assert.ok(!saved.has(token), `token ${token} saved twice`);
              saved.add(token);
              if (key) keyed.set(key, id);
            }
            const after = await check();
            if (replay) assert.deepEqual(after[step.customer]!.length, before[step.customer]!.length, 'a replay stores nothing');
          } else if (step.op === 'makeDefault' || step.op === 'remove') {
            // An id from either wallet: one of the other customer's is a 404 and changes nothing.
            const pool = [...before[0]!, ...before[1]!];
            const target = pool.length > 0 ? pool[step.entry % pool.length]!.id : '00000000-0000-4000-8000-000000000000';
            const answer =
              step.op === 'remove'
                ? await call(sandbox, 'DELETE', `/v1/customers/${customer}/wallet/${target}`)
                : await call(sandbox, 'PUT', `/v1/customers/${customer}/wallet/${target}`, { body: { default: true } });
            const own = before[step.customer]!.some(e => e.id === target);
            assert.equal(answer.status < 300, own, `${step.op} of ${own ? 'an own' : 'a foreign'} id answered ${answer.status}`);
            const after = await check();
            if (own && step.op === 'makeDefault') assert.equal(after[step.customer]!.find(e => e.default)?.id, target);
            if (own && step.op === 'remove') assert.ok(!after[step.customer]!.some(e => e.id === target));
          } else {
            const answer = await call(sandbox, 'DELETE', `/v1/customers/${customer}/wallet/00000000-0000-4000-8000-000000000000`);
            assert.equal(answer.status, 404);
          }
          const after = await check();
          if (other >= 0) assert.deepEqual(after[other], before[other], "another customer's wallet is untouched");
          before = after;
        }
      }),
      { seed, numRuns },
    );
  });
});
