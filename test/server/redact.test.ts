/**
 * Redaction of upstream text (redact.ts): what a gateway message may carry into an answer.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sanitizeUpstreamText } from '../../src/server/redact.js';
import { assertNoKeyLeaksAtEnd, createHarness, rewritingFetch, type Harness } from './helpers.js';

assertNoKeyLeaksAtEnd();

const WALLET_PATH = /^\/v1\/customers\/[^/]+\/wallet$/;

describe('redaction of upstream text', () => {
  const UUID = '9b2f1c3e-0000-4000-8000-000000000001';
  const AT = '2026-11-23T12:00:00.000Z';

  it('removes a bank-account-length number from a gateway message, keeping ids and timestamps', async () => {
    const h: Harness = createHarness({
      fetch: rewritingFetch(
        () => h,
        (path, method, status, body) => {
          if (method === 'POST' && WALLET_PATH.test(path) && status === 400) {
            return {
              ...body,
              errors: [{ type: 'VALIDATION', field: 'token', message: `Account 123456789 was refused (request ${UUID} at ${AT}).` }],
            };
          }
        },
      ),
    });
    await h.backend.seedShopper([]);
    const answer = await h.call('POST', '/methods', { body: { token: crypto.randomUUID() } });
    assert.equal(answer.status, 400);
    const message: string = answer.body.error.message;
    assert.ok(!message.includes('123456789 '), message);
    assert.match(message, /\[redacted\]/);
    assert.ok(message.includes(UUID), message);
    assert.ok(message.includes(AT), message);
  });

  it('sanitizeUpstreamText: 7-20 digit runs go; UUIDs, dates and short numbers stay', () => {
    const clean = (text: string) => sanitizeUpstreamText(text, t => t)!;
    assert.equal(clean('acct 1234567 and 4242 4242 4242 4242'), 'acct [redacted] and [redacted]');
    assert.equal(clean('acct 000-123-456789.'), 'acct [redacted].');
    assert.equal(clean(`id ${UUID} at ${AT}, at 2026-11-23 12:00`), `id ${UUID} at ${AT}, at 2026-11-23 12:00`);
    assert.equal(clean('id 12345678-1234-1234-1234-123456789012'), 'id 12345678-1234-1234-1234-123456789012');
    assert.equal(clean('max 123456 characters, req_123456789012'), 'max 123456 characters, req_123456789012');
  });

  it('sanitizeUpstreamText: digit runs go wherever they stand and however long; only UUIDs, ISO dates/timestamps and req_ ids stay', () => {
    const clean = (text: string) => sanitizeUpstreamText(text, t => t)!;
    assert.equal(clean('pan-4111111111111111 rejected'), 'pan-[redacted] rejected');
    assert.equal(clean('pan_4111111111111111'), 'pan_[redacted]');
    assert.equal(clean('card4111111111111111x'), 'card[redacted]x');
    assert.equal(clean('acct 123456789012345678901234'), 'acct [redacted]');
    assert.equal(clean('4111 1111 1111 1111-'), '[redacted]-');
    assert.equal(clean('4111-1111-1111-1111 bad'), '[redacted] bad');
    assert.equal(clean('4111-11-11-1111111'), '[redacted]');
    assert.equal(clean(`${UUID}-4111111111111111`), `${UUID}-[redacted]`);
    assert.equal(clean('req_abc-4111111111111111'), 'req_abc-[redacted]');
    // A date that runs straight on into more digits is not told apart from a number: it goes too.
    assert.equal(clean('on 2026-11-23 4111111111111111'), 'on [redacted]');
    assert.equal(clean('on 2026-11-23, 4111111111111111'), 'on 2026-11-23, [redacted]');
    assert.equal(
      clean(`id ${UUID} req_123456789012 at ${AT} and 2026-11-23T12:00:00+01:00 on 2026-11-23`),
      `id ${UUID} req_123456789012 at ${AT} and 2026-11-23T12:00:00+01:00 on 2026-11-23`,
    );
    assert.equal(clean('max 123456 characters'), 'max 123456 characters');
  });

  it('sanitizeUpstreamText: a card-length digit run does not survive inside a req_ id', () => {
    const clean = (text: string) => sanitizeUpstreamText(text, t => t)!;
    assert.equal(clean('req_4111111111111111'), 'req_[redacted]');
    assert.equal(clean('request req_ab4111111111111111cd failed'), 'request req_ab[redacted]cd failed');
    assert.equal(clean('req_1234567890123456789012'), 'req_[redacted]');
    assert.equal(clean('req_123456789012 req_01HXYZ123'), 'req_123456789012 req_01HXYZ123');
  });
});
