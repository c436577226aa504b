/**
 * One contract per store interface the handler uses, run against every
 * implementation (memory in `stores.test.ts`, Redis in `redis/stores.test.ts`).
 * Each suite is given a factory of "instances": handles that share one state,
 * as several server instances share one Redis (for the memory stores, the same
 * object every time), so atomicity is checked across instances, not only
 * within one.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KeyedLock } from '../../src/server/keyed-lock.js';
import type { IdempotencyRecord, IdempotencyStore, RateLimitStore, SaveNoteStore } from '../../src/server/stores.js';

/** Handles onto one shared state: `instance(i)` is the i-th server instance's view. */
export interface Shared<T> {
  instance(index: number): T;
}

/** Makes a fresh shared state for each test (Redis: a new key prefix). */
export type Fresh<T> = () => Shared<T> | Promise<Shared<T>>;

const NOW = Date.UTC(2026, 10, 23, 12);
let unique = 0;
const key = (name: string) => `${name}-${++unique}-${crypto.randomUUID()}`;

export function rateLimitContract(name: string, fresh: Fresh<RateLimitStore>): void {
  describe(`RateLimitStore: ${name}`, () => {
    it('counts hits per key in a window that ends windowMs after its first hit', async () => {
      const store = (await fresh()).instance(0);
      const k = key('rl');
      assert.deepEqual(await store.hit(k, 60_000, NOW), { count: 1, resetAt: NOW + 60_000 });
      assert.deepEqual(await store.hit(k, 60_000, NOW + 10), { count: 2, resetAt: NOW + 60_000 });
      assert.deepEqual(await store.hit(k, 60_000, NOW + 59_999), { count: 3, resetAt: NOW + 60_000 });
    });

    it('keeps keys apart', async () => {
      const store = (await fresh()).instance(0);
      const [a, b] = [key('rl-a'), key('rl-b')];
      await store.hit(a, 60_000, NOW);
      await store.hit(a, 60_000, NOW);
      assert.equal((await store.hit(b, 60_000, NOW)).count, 1);
    });

    it('starts a new window once the old one has ended', async () => {
      const store = (await fresh()).instance(0);
      const k = key('rl');
      await store.hit(k, 1_000, NOW);
      await store.hit(k, 1_000, NOW);
      assert.deepEqual(await store.hit(k, 1_000, NOW + 1_000), { count: 1, resetAt: NOW + 2_000 });
    });

    it('counts simultaneous hits from several instances once each', async () => {
      const shared = await fresh();
      const k = key('rl');
      const hits = await Promise.all(Array.from({ length: 30 }, (_, i) => shared.instance(i % 3).hit(k, 60_000, NOW)));
      assert.deepEqual(
        hits.map(hit => hit.count).sort((x, y) => x - y),
        Array.from({ length: 30 }, (_, i) => i + 1),
      );
      assert.ok(hits.every(hit => hit.resetAt === NOW + 60_000));
    });
  });
}

const pending = (print: string, expiresAt = NOW + 60_000): IdempotencyRecord => ({ fingerprint: print, state: 'pending', expiresAt });
const done = (print: string, expiresAt = NOW + 3_600_000): IdempotencyRecord => ({
  fingerprint: print,
  state: 'done',
  response: { status: 201, body: '{"method":{"id":"pm_1"}}' },
  expiresAt,
});

export function idempotencyContract(name: string, fresh: Fresh<IdempotencyStore>): void {
  describe(`IdempotencyStore: ${name}`, () => {
    it('claims a free key (null) and answers the holder to a second claim', async () => {
      const store = (await fresh()).instance(0);
      const k = key('idem');
      assert.equal(await store.claim(k, pending('a'), NOW), null);
      assert.deepEqual(await store.claim(k, pending('b'), NOW + 1), pending('a'));
      assert.deepEqual(await store.get(k, NOW + 1), pending('a'));
    });

    it('lets exactly one of many simultaneous claims from several instances win', async () => {
      const shared = await fresh();
      const k = key('idem');
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => shared.instance(i % 3).claim(k, pending(`p${i}`), NOW)));
      const winners = answers.map((answer, i) => (answer === null ? i : -1)).filter(i => i >= 0);
      assert.equal(winners.length, 1);
      for (const answer of answers) if (answer) assert.equal(answer.fingerprint, `p${winners[0]}`);
    });

    it('replaces a pending record with the done one, seen by every instance', async () => {
      const shared = await fresh();
      const k = key('idem');
      await shared.instance(0).claim(k, pending('a'), NOW);
      await shared.instance(0).put(k, done('a'));
      assert.deepEqual(await shared.instance(1).get(k, NOW + 5), done('a'));
      assert.deepEqual(await shared.instance(2).claim(k, pending('a'), NOW + 5), done('a'));
    });

    it('forgets a released key, so the next claim wins', async () => {
      const shared = await fresh();
      const k = key('idem');
      await shared.instance(0).claim(k, pending('a'), NOW);
      await shared.instance(0).release(k, pending('a'));
      assert.equal(await shared.instance(1).get(k, NOW), null);
      assert.equal(await shared.instance(1).claim(k, pending('b'), NOW), null);
    });

    it('a release after the claim lapsed leaves the newer claim (or its answer) of another instance', async () => {
      const shared = await fresh();
      const k = key('idem');
      const first = pending('a', NOW + 1_000);
      await shared.instance(0).claim(k, first, NOW);
      // The first claim lapsed, and another instance claimed the key for the same body.
      const second = pending('a', NOW + 6_000);
      assert.equal(await shared.instance(1).claim(k, second, NOW + 1_000), null);
      await shared.instance(0).release(k, first);
      assert.deepEqual(await shared.instance(2).get(k, NOW + 1_001), second);
      assert.deepEqual(await shared.instance(2).claim(k, pending('a', NOW + 7_000), NOW + 1_001), second);
      // Nor does it forget the answer the newer claim finished with.
      await shared.instance(1).put(k, done('a'));
      await shared.instance(0).release(k, first);
      assert.deepEqual(await shared.instance(2).get(k, NOW + 1_001), done('a'));
      // The newer claim's own release still forgets it.
      const third = key('idem');
      await shared.instance(1).claim(third, second, NOW + 1_000);
      await shared.instance(1).release(third, second);
      assert.equal(await shared.instance(2).get(third, NOW + 1_001), null);
    });

    it('forgets a record at its expiresAt: get answers null and a claim wins', async () => {
      const store = (await fresh()).instance(0);
      const k = key('idem');
      await store.claim(k, pending('a', NOW + 1_000), NOW);
      assert.deepEqual(await store.get(k, NOW + 999), pending('a', NOW + 1_000));
      assert.equal(await store.get(k, NOW + 1_000), null);
      assert.equal(await store.claim(k, pending('b', NOW + 5_000), NOW + 1_000), null);
      assert.deepEqual(await store.get(k, NOW + 1_001), pending('b', NOW + 5_000));
    });

    it('answers null for a key never seen', async () => {
      const store = (await fresh()).instance(0);
      assert.equal(await store.get(key('idem'), NOW), null);
    });
  });
}

export function saveNoteContract(name: string, fresh: Fresh<SaveNoteStore>): void {
  describe(`SaveNoteStore: ${name}`, () => {
    it('knows a noted key on every instance until it expires', async () => {
      const shared = await fresh();
      const k = key('note');
      assert.equal(await shared.instance(1).has(k, NOW), false);
      await shared.instance(0).note(k, NOW + 1_000);
      assert.equal(await shared.instance(1).has(k, NOW + 999), true);
      assert.equal(await shared.instance(2).has(k, NOW + 1_000), false);
    });

    it('keeps keys apart', async () => {
      const store = (await fresh()).instance(0);
      await store.note(key('note'), NOW + 1_000);
      assert.equal(await store.has(key('note'), NOW), false);
    });
  });
}

/** A promise with its resolve function, to hold a task until the test lets it go. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>(resolve => (open = resolve));
  return { opened, open };
}

export function lockContract(name: string, fresh: Fresh<KeyedLock>): void {
  describe(`KeyedLock: ${name}`, () => {
    it('runs the tasks of one key one at a time, across instances', async () => {
      const shared = await fresh();
      const k = key('lock');
      let inside = 0;
      let most = 0;
      const order: number[] = [];
      await Promise.all(
        Array.from({ length: 9 }, (_, i) =>
          shared.instance(i % 3).run(k, async () => {
            inside += 1;
            most = Math.max(most, inside);
            // Several turns of the event loop inside the section, so an overlap would show.
            for (let turn = 0; turn < 5; turn++) await new Promise(resolve => setImmediate(resolve));
            order.push(i);
            inside -= 1;
          }),
        ),
      );
      assert.equal(most, 1);
      assert.equal(order.length, 9);
    });

    it('does not hold up other keys', async () => {
      const lock = (await fresh()).instance(0);
      const held = gate();
      const entered = gate();
      const first = lock.run(key('lock-a'), async () => {
        entered.open();
        await held.opened;
        return 'a';
      });
      await entered.opened;
      // Were it queued behind the held task, this would never settle (the test's timeout would fail it).
      assert.equal(await lock.run(key('lock-b'), async () => 'b'), 'b');
      held.open();
      assert.equal(await first, 'a');
    });

    it("answers the task's outcome, and a failed task does not block the next", async () => {
      const shared = await fresh();
      const k = key('lock');
      await assert.rejects(
        shared.instance(0).run(k, async () => {
          throw new Error('task failed');
        }),
        /task failed/,
      );
      assert.equal(await shared.instance(1).run(k, async () => 42), 42);
    });

    it('hands the task a signal that stays unaborted while it holds the lock', async () => {
      const lock = (await fresh()).instance(0);
      const aborted = await lock.run(key('lock'), async signal => {
        await new Promise(resolve => setImmediate(resolve));
        return signal.aborted;
      });
      assert.equal(aborted, false);
    });
  });
}
