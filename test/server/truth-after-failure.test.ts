/**
 * A change whose gateway call failed with an unknown outcome (a 5xx, a timeout,
 * a dropped connection) before or after the gateway applied it: the handler
 * reads the wallet again and answers what is true. Through the real handler
 * against the real sandbox and its fault injection.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox, SandboxFault } from '../../src/sandbox/index.js';
import type { AuditEvent } from '../../src/server/index.js';
import { assertNoKeyLeaksAtEnd, card, createHarness, entry, TEST_CARDS, type Harness } from './helpers.js';

assertNoKeyLeaksAtEnd();

type Op = 'default' | 'remove';
type Failure = '500' | 'timeout' | 'dropped connection' | 'malformed answer';

const TIMEOUT_MS = 250;

/**
 * A harness whose gateway transport can hang once a change has been handled, which is what a
 * timeout after the gateway applied it looks like (the sandbox's latency comes before handling).
 */
function changeHarness(): {
  h: Harness;
  hangAfterHandling: (method: string) => void;
  failReadsAfterChange: () => void;
  events: AuditEvent[];
} {
  const late: { sandbox?: Sandbox } = {};
  let hangFor: string | null = null;
  let failReads: 'armed' | 'failing' | null = null;
  const events: AuditEvent[] = [];
  const h = createHarness({
    timeoutMs: TIMEOUT_MS,
    audit: event => void events.push(event),
    fetch: async (url, init) => {
      const method = init?.method ?? 'GET';
      if (method === 'GET' && failReads === 'failing') throw new TypeError('fetch failed');
      if (method !== 'GET' && failReads === 'armed') failReads = 'failing';
      const answer = await late.sandbox!.handle(new Request(url, init as RequestInit));
      if (method === hangFor) {
        hangFor = null;
        // The gateway did the work; its answer never arrives (the handler's timeout ends the wait).
        return new Promise<never>(() => {});
      }
      return answer;
    },
  });
  late.sandbox = h.backend.sandbox;
  return { h, hangAfterHandling: method => (hangFor = method), failReadsAfterChange: () => (failReads = 'armed'), events };
}

async function seedTwoCards(h: Harness) {
  const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number)]);
  const wallet = h.wallet(customerId);
  return { customerId, visa: entry(wallet, '4242').id, mastercard: entry(wallet, '4444').id };
}

function arm(h: Harness, hang: (method: string) => void, method: string, failure: Failure, afterHandling: boolean): void {
  const path = /^\/v1\/customers\/[^/]+\/wallet\/[^/]+$/;
  const faults: Record<Exclude<Failure, 'timeout'>, SandboxFault> = {
    '500': { status: 500 },
    'dropped connection': { dropConnection: true },
    'malformed answer': { malformedBody: true },
  };
  if (failure === 'timeout') {
    if (afterHandling) hang(method);
    else h.backend.sandbox.faults.add({ latencyMs: 600_000, method, path, times: 1 });
    return;
  }
  h.backend.sandbox.faults.add({ ...faults[failure], method, path, times: 1, ...(afterHandling ? { afterHandling: true } : {}) });
}

const CASES: { op: Op; failure: Failure; afterHandling: boolean }[] = [];
for (const op of ['default', 'remove'] as const)
  for (const failure of ['500', 'timeout', 'dropped connection', 'malformed answer'] as const)
    for (const afterHandling of [false, true]) CASES.push({ op, failure, afterHandling });

describe('a change whose outcome the gateway left unknown', () => {
  for (const { op, failure, afterHandling } of CASES) {
    const when = afterHandling ? 'after' : 'before';
    it(`${op === 'default' ? 'make default' : 'remove'}: a ${failure} ${when} the gateway applied it answers the gateway's state`, async () => {
      const { h, hangAfterHandling, events } = changeHarness();
      const { customerId, visa, mastercard } = await seedTwoCards(h);
      const method = op === 'default' ? 'PUT' : 'DELETE';
      const target = op === 'default' ? mastercard : visa;
      arm(h, hangAfterHandling, method, failure, afterHandling);

      const answer = await h.call(method, op === 'default' ? `/methods/${target}/default` : `/methods/${target}`);

      const truth = await h.call('GET', '/methods');
      assert.equal(truth.status, 200);
      const wallet = h.wallet(customerId);
      const applied = op === 'default' ? entry(wallet, '4444').default : !wallet.some(item => item.id === target);
      assert.equal(applied, afterHandling, `the sandbox ${afterHandling ? 'applied' : 'did not apply'} the change`);
      if (afterHandling) {
        assert.equal(answer.status, 200, answer.text);
        const { promoted, ...wallet } = answer.body;
        assert.deepEqual(wallet, truth.body, 'answered exactly as a success: the wallet as the gateway holds it');
        // Removing the default names the method the gateway promoted.
        if (op === 'remove') assert.equal(promoted, truth.body.methods[0].id);
        assert.deepEqual(
          events.map(event => [event.type, event.methodId]),
          [[op === 'default' ? 'default_changed' : 'method_removed', target]],
        );
      } else {
        assert.equal(answer.status, 502, answer.text);
        assert.equal(answer.body.error.code, 'change_failed');
        assert.deepEqual({ methods: answer.body.methods, limit: answer.body.limit }, truth.body, 'the wallet as the gateway holds it');
        assert.equal(events.length, 0, 'nothing changed, nothing audited');
      }
    });
  }

  for (const op of ['default', 'remove'] as const) {
    it(`${op === 'default' ? 'make default' : 'remove'}: answers gateway_error, with no wallet, when the wallet cannot be read again`, async () => {
      const { h, failReadsAfterChange, events } = changeHarness();
      const { visa, mastercard } = await seedTwoCards(h);
      const method = op === 'default' ? 'PUT' : 'DELETE';
      h.backend.sandbox.faults.add({ status: 500, method, afterHandling: true, times: 1 });
      failReadsAfterChange();

      const answer = await h.call(method, op === 'default' ? `/methods/${mastercard}/default` : `/methods/${visa}`);

      assert.equal(answer.status, 502);
      assert.equal(answer.body.error.code, 'gateway_error', 'the outcome is unknown');
      assert.equal(answer.body.methods, undefined);
      assert.equal(events.length, 0);
    });
  }

  it('answers gateway_timeout when the change timed out and the wallet cannot be read again', async () => {
    const { h, hangAfterHandling, failReadsAfterChange } = changeHarness();
    const { visa } = await seedTwoCards(h);
    hangAfterHandling('DELETE');
    failReadsAfterChange();
    const answer = await h.call('DELETE', `/methods/${visa}`);
    assert.equal(answer.status, 504);
    assert.equal(answer.body.error.code, 'gateway_timeout');
    assert.equal(answer.body.methods, undefined);
  });
});

describe('not_found on a change carries the wallet', () => {
  for (const op of ['default', 'remove'] as const) {
    it(`${op === 'default' ? 'make default' : 'remove'}: an id not in the wallet answers 404 with the wallet as it is`, async () => {
      const { h } = changeHarness();
      const { customerId } = await seedTwoCards(h);
      const other = await h.backend.seedShopper([card(TEST_CARDS.amex.number)]);
      const foreign = h.wallet(other)[0]!.id;
      h.backend.signIn(customerId);
      const method = op === 'default' ? 'PUT' : 'DELETE';
      const answer = await h.call(method, op === 'default' ? `/methods/${foreign}/default` : `/methods/${foreign}`);
      assert.equal(answer.status, 404);
      assert.equal(answer.body.error.code, 'not_found');
      const truth = await h.call('GET', '/methods');
      assert.deepEqual({ methods: answer.body.methods, limit: answer.body.limit }, truth.body);
      assert.equal(h.wallet(other).length, 1, 'the other wallet is untouched');
    });

    it(`${op === 'default' ? 'make default' : 'remove'}: a method gone at the gateway meanwhile answers 404 with the wallet read again`, async () => {
      const { h } = changeHarness();
      const { customerId, visa, mastercard } = await seedTwoCards(h);
      const method = op === 'default' ? 'PUT' : 'DELETE';
      // The gateway no longer knows the method by the time the change reaches it.
      h.backend.sandbox.faults.add({ status: 404, method, times: 1 });
      const answer = await h.call(method, op === 'default' ? `/methods/${mastercard}/default` : `/methods/${visa}`);
      assert.equal(answer.status, 404);
      assert.equal(answer.body.error.code, 'not_found');
      assert.deepEqual(
        answer.body.methods.map((item: { id: string }) => item.id).sort(),
        h
          .wallet(customerId)
          .map(item => item.id)
          .sort(),
      );
      assert.equal(answer.body.limit, 4);
    });
  }

  it('a shopper without a customer yet gets 404 with an empty wallet', async () => {
    const h = createHarness({
      createCustomer: { profileFor: () => ({ firstName: 'New', lastName: 'Shopper' }), onCreated: () => {} },
    });
    h.backend.signIn(null);
    const answer = await h.call('DELETE', '/methods/abcdef123456');
    assert.equal(answer.status, 404);
    assert.deepEqual({ methods: answer.body.methods, limit: answer.body.limit }, { methods: [], limit: 4 });
    assert.equal(h.backend.sandbox.requests.length, 0);
  });
});
