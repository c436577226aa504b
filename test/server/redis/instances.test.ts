/**
 * The race scenarios of the single-process concurrency tests, driven across
 * three server processes that share one Redis and one sandbox behind a
 * round-robin proxy: consecutive requests land on different processes, so only
 * the shared stores and lock keep them apart.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_CARDS } from '../../../src/sandbox/index.js';
import { assertDocumented, assertNoDuplicates, startCluster, type Cluster } from './cluster.js';
import { redisServerOrExplain } from './redis-server.js';

const server = await redisServerOrExplain('Redis multi-instance suite');
const ROUNDS = 5;
const CARDS = [TEST_CARDS.visa, TEST_CARDS.visaAlt, TEST_CARDS.mastercard, TEST_CARDS.amex, TEST_CARDS.discover].map(card => card.number);
const ADDS = 3;

if (server === null) {
  it('Redis multi-instance suite (needs redis-server or REDIS_URL; see the message above)', { skip: 'no Redis' }, () => {});
} else {
  describe('three instances sharing one Redis', { timeout: 120_000 }, () => {
    let cluster: Cluster;
    before(async () => {
      cluster = await startCluster({ redisUrl: server.url, adds: ADDS });
    });
    after(() => cluster.close());

    it('stores the same card saved from two tabs once; the other tab gets 409 duplicate naming it', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const customer = await cluster.seed();
        const [a, b] = await Promise.all([cluster.token(TEST_CARDS.visa.number), cluster.token(TEST_CARDS.visa.number)]);
        const answers = await Promise.all([
          cluster.call('POST', '/methods', { body: { token: a }, key: `tab-a-${round}`, customer }),
          cluster.call('POST', '/methods', { body: { token: b }, key: `tab-b-${round}`, customer }),
        ]);
        answers.forEach(answer => assertDocumented(answer, `round ${round}`));
        const saved = answers.find(answer => answer.status === 201);
        const refused = answers.find(answer => answer.status === 409);
        assert.ok(saved && refused, `round ${round}: ${answers.map(answer => answer.status).join(',')}`);
        assert.equal(refused.body.error.code, 'duplicate');
        assert.equal(refused.body.error.existingMethodId, saved.body.method.id);
        const wallet = cluster.sandbox.state.wallet(customer);
        assert.equal(wallet.length, 1, `round ${round}`);
        assert.equal(wallet[0]!.default, true);
      }
    });

    it('saves a double submit (one Idempotency-Key, three instances) once and answers each the same method', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const customer = await cluster.seed();
        const token = await cluster.token(TEST_CARDS.mastercard.number);
        const answers = await Promise.all(
          [0, 1, 2].map(() => cluster.call('POST', '/methods', { body: { token }, key: `double-${round}`, customer })),
        );
        answers.forEach(answer => assertDocumented(answer, `round ${round}`));
        assert.deepEqual(
          answers.map(answer => answer.status),
          [201, 201, 201],
          `round ${round}: ${JSON.stringify(answers.map(answer => answer.body))}`,
        );
        assert.equal(new Set(answers.map(answer => answer.body.method.id)).size, 1, 'the same method in every answer');
        assert.equal(answers.filter(answer => answer.headers.get('Idempotent-Replayed') === 'true').length, 2, 'two replays');
        assert.equal(cluster.sandbox.state.wallet(customer).length, 1, `round ${round}`);
      }
    });

    it("creates one customer for a new shopper's parallel first saves, holding every method answered 201", async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const shopper = `new-shopper-${round}-${crypto.randomUUID()}`;
        const customersBefore = cluster.sandbox.state.customerIds().length;
        const tokens = await Promise.all(CARDS.slice(0, 4).map(number => cluster.token(number)));
        const answers = await Promise.all(
          tokens.map((token, i) => cluster.call('POST', '/methods', { body: { token }, key: `first-${round}-${i}`, shopper })),
        );
        answers.forEach(answer => assertDocumented(answer, `round ${round}`));
        const statuses = answers.map(answer => answer.status);
        assert.ok(
          statuses.every(status => status === 201 || status === 429),
          `round ${round}: ${statuses.join(',')}`,
        );
        const saved = answers.filter(answer => answer.status === 201);
        assert.ok(saved.length >= 1 && saved.length <= ADDS, `round ${round}: at most ${ADDS} saved: ${statuses.join(',')}`);
        const customers = cluster.sandbox.state.customerIds().slice(customersBefore);
        assert.equal(customers.length, 1, `round ${round}: one gateway customer`);
        const wallet = cluster.sandbox.state.wallet(customers[0]!);
        assert.deepEqual(wallet.map(entry => entry.id).sort(), saved.map(answer => answer.body.method.id as string).sort());
        assertNoDuplicates(wallet, `round ${round}`);
        assert.equal(wallet.filter(entry => entry.default).length, 1, 'one default');
      }
    });

    it('counts the rate limit once across instances: parallel saves past the limit are refused on every instance', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const customer = await cluster.seed();
        const tokens = await Promise.all(CARDS.map(number => cluster.token(number)));
        const answers = await Promise.all(
          tokens.map((token, i) => cluster.call('POST', '/methods', { body: { token }, key: `limit-${round}-${i}`, customer })),
        );
        answers.forEach(answer => assertDocumented(answer, `round ${round}`));
        const statuses = answers.map(answer => answer.status).sort();
        assert.deepEqual(statuses, [201, 201, 201, 429, 429], `round ${round}`);
        assert.equal(cluster.sandbox.state.wallet(customer).length, ADDS);
      }
    });

    it('settles a removal racing a make-default of the same method: gone, with exactly one default left', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const customer = await cluster.seed([TEST_CARDS.visa.number, TEST_CARDS.mastercard.number]);
        const wallet = cluster.sandbox.state.wallet(customer);
        const other = wallet.find(entry => !entry.default)!;
        const answers = await Promise.all([
          cluster.call('DELETE', `/methods/${other.id}`, { customer }),
          cluster.call('PUT', `/methods/${other.id}/default`, { customer }),
        ]);
        answers.forEach(answer => assertDocumented(answer, `round ${round}`));
        assert.equal(answers[0]!.status, 200, `round ${round}: the removal: ${JSON.stringify(answers[0]!.body)}`);
        assert.ok([200, 404].includes(answers[1]!.status), `round ${round}: the default: ${JSON.stringify(answers[1]!.body)}`);
        const after = cluster.sandbox.state.wallet(customer);
        assert.deepEqual(
          after.map(entry => entry.id),
          wallet.filter(entry => entry.id !== other.id).map(entry => entry.id),
        );
        assert.equal(after.filter(entry => entry.default).length, 1, `round ${round}: one default`);
      }
    });
  });
}
