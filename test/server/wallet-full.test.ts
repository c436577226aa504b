/**
 * When a save is refused as `wallet_full`: only on evidence the documented
 * gateway API gives (the wallet, read again, holds the limit), never because an
 * error lacks the sandbox's `field` extension. The gateway here is the real
 * sandbox behind a fetch that strips what the documentation does not promise.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { GatewayFetch } from '../../src/server/gateway-client.js';
import { assertNoKeyLeaksAtEnd, card, createHarness, PRIVATE_KEY, TEST_CARDS, type Harness } from './helpers.js';

assertNoKeyLeaksAtEnd();

const WALLET_PATH = /^\/v1\/customers\/[^/]+\/wallet$/;

/** The documented error envelope only: `{ requestId, errors: [{ type, message }] }`, with a message that says nothing recognisable. */
function documentedOnly(
  getHarness: () => Harness,
  before?: (url: string, init: Parameters<GatewayFetch>[1]) => Promise<void>,
): GatewayFetch {
  return async (url, init) => {
    await before?.(url, init);
    const response = await getHarness().backend.sandbox.handle(new Request(url, init));
    if (response.ok) return response;
    const body = (await response.json()) as { requestId?: string; errors?: { type?: string }[] };
    const errors = (body.errors ?? []).map(item => ({ type: item.type, message: 'The request is invalid.' }));
    return new Response(JSON.stringify({ requestId: body.requestId, errors }), { status: response.status, headers: response.headers });
  };
}

describe('wallet_full from documented evidence only', () => {
  it('answers invalid_request, not wallet_full, to a field error without `field` on a wallet of 3', async () => {
    const h: Harness = createHarness({ fetch: documentedOnly(() => h) });
    const customerId = await h.backend.seedShopper([
      card(TEST_CARDS.visa.number),
      card(TEST_CARDS.mastercard.number),
      card(TEST_CARDS.amex.number),
    ]);
    const answer = await h.call('POST', '/methods', {
      body: { token: await h.token({ accountNumber: TEST_CARDS.discover.number }), billingAddress: { postalCode: '12345678901' } },
    });
    assert.equal(answer.status, 400, JSON.stringify(answer.body));
    assert.equal(answer.body.error.code, 'invalid_request');
    assert.equal(h.wallet(customerId).length, 3);
  });

  it('answers wallet_full when the wallet, read again after the refusal, holds the limit', async () => {
    let otherTab: string | null = null;
    const h: Harness = createHarness({
      fetch: documentedOnly(
        () => h,
        async (url, init) => {
          // Another client fills the wallet between this save's read and its save.
          if (otherTab && init.method === 'POST' && WALLET_PATH.test(new URL(url).pathname)) {
            const token = otherTab;
            otherTab = null;
            const saved = await h.backend.sandbox.handle(
              new Request(url, {
                method: 'POST',
                headers: { 'x-api-key': PRIVATE_KEY, 'Content-Type': 'application/json' },
                body: JSON.stringify({ token }),
              }),
            );
            assert.equal(saved.status, 200);
          }
        },
      ),
    });
    const customerId = await h.backend.seedShopper([
      card(TEST_CARDS.visa.number),
      card(TEST_CARDS.mastercard.number),
      card(TEST_CARDS.amex.number),
    ]);
    otherTab = await h.token({ accountNumber: TEST_CARDS.discover.number });
    const answer = await h.call('POST', '/methods', { body: { token: await h.token({ accountNumber: TEST_CARDS.visaAlt.number }) } });
    assert.equal(answer.status, 409, JSON.stringify(answer.body));
    assert.equal(answer.body.error.code, 'wallet_full');
    assert.equal(h.wallet(customerId).length, 4);
  });
});
