/**
 * Cross-site protection (cross-site.ts): the allowed-origins configuration and `Origin: null`,
 * through the real handler in front of the real sandbox.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertSameSite } from '../../src/server/cross-site.js';
import { assertNoKeyLeaksAtEnd, card, createHarness, entry, TEST_CARDS } from './helpers.js';

assertNoKeyLeaksAtEnd();

describe('allowedOrigins and Origin: null', () => {
  for (const bad of ['localhost:3000', 'shop.example:443', 'file:///srv/shop/index.html', 'ftp://shop.example', 'null']) {
    it(`refuses the configuration entry ${JSON.stringify(bad)} with a clear error`, () => {
      assert.throws(
        () => createHarness({ allowedOrigins: [bad] }),
        (error: Error) => error instanceof TypeError && /allowedOrigins .*http\(s\) origin/.test(error.message),
      );
    });
  }

  it('never lets Origin: null through, nor gives it CORS headers, even with allowed origins configured', async () => {
    const h = createHarness({ allowedOrigins: ['https://checkout.example', 'http://localhost:3000'] });
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number)]);
    const target = entry(h.wallet(customerId), '4444').id;
    for (const headers of <Record<string, string>[]>[
      { Origin: 'null', 'Sec-Fetch-Site': 'cross-site' },
      { Origin: 'null' },
      { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
    ]) {
      const answer = await h.call('PUT', `/methods/${target}/default`, { headers });
      assert.equal(answer.status, 403, JSON.stringify(headers));
      assert.equal(answer.headers.get('Access-Control-Allow-Origin'), null);
    }
    const preflight = await h.backend.fetch(h.backend.url(`/methods/${target}/default`), {
      method: 'OPTIONS',
      headers: { Origin: 'null', 'Access-Control-Request-Method': 'PUT' },
    });
    assert.equal(preflight.headers.get('Access-Control-Allow-Origin'), null);
    assert.equal(
      h
        .wallet(customerId)
        .find(m => m.default)
        ?.accountNumber.endsWith('4242'),
      true,
    );
  });

  it('refuses Origin: null in the check even if "null" were in the allowed set', () => {
    const request = new Request('http://localhost/api/wallet/methods', {
      method: 'POST',
      headers: { Origin: 'null', 'Sec-Fetch-Site': 'cross-site' },
    });
    assert.throws(() => assertSameSite(request, new Set(['null'])), { code: 'forbidden' });
    const noFetchMeta = new Request('http://localhost/api/wallet/methods', { method: 'POST', headers: { Origin: 'null' } });
    assert.throws(() => assertSameSite(noFetchMeta, new Set(['null'])), { code: 'forbidden' });
  });
});
