/**
 * Normalising gateway answers (normalize.ts): an unreadable creation time is a gateway error.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoKeyLeaksAtEnd, card, createHarness, rewritingFetch, TEST_CARDS, type Harness } from './helpers.js';

assertNoKeyLeaksAtEnd();

const WALLET_PATH = /^\/v1\/customers\/[^/]+\/wallet$/;

describe('unreadable creation times', () => {
  for (const created of [1e300, -1e20, 'yesterday', '42']) {
    it(`answers 502 gateway_error for created = ${JSON.stringify(created)}`, async () => {
      const h: Harness = createHarness({
        fetch: rewritingFetch(
          () => h,
          (path, method, _status, body) => {
            if (method === 'GET' && WALLET_PATH.test(path))
              return { ...body, wallet: (body.wallet as Record<string, unknown>[]).map(item => ({ ...item, created })) };
          },
        ),
      });
      await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
      const answer = await h.call('GET', '/methods');
      assert.equal(answer.status, 502);
      assert.equal(answer.body.error.code, 'gateway_error');
    });
  }
});
