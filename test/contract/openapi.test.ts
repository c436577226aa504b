/**
 * `docs/openapi.yaml` is a valid OpenAPI 3.1 document, and the handler's answers match it:
 * those the conformance kit provokes are checked in kit.test.ts; here, the ones only a
 * merchant's policy, a clock or a failing gateway lead to.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { ERROR_STATUS } from '../../src/protocol/index.js';
import { card, clock, createHarness, entry, TEST_CARDS, type Answer } from '../server/helpers.js';
import { assertDocumented, openapi } from './openapi.js';

function documented(method: string, route: string, answer: Answer): void {
  assertDocumented(method, route.split('?')[0]!, answer.status, answer.headers, answer.body);
}

describe('docs/openapi.yaml', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(new URL('../../docs/openapi.yaml', import.meta.url).pathname);
    assert.deepEqual(result, { valid: true });
    assert.equal((openapi as unknown as { openapi: string }).openapi, '3.1.0');
  });

  it('names every error code of the protocol module, no more', () => {
    const schemas = (openapi.components as unknown as { schemas: { ErrorCode: { enum: string[] } } }).schemas;
    assert.deepEqual([...schemas.ErrorCode.enum].sort(), Object.keys(ERROR_STATUS).sort());
  });

  it('answers each error code with the status the protocol module gives it, and names every code somewhere', () => {
    type Schema = { allOf?: Schema[]; properties?: { error?: { properties?: { code?: { const?: string; enum?: string[] } } } } };
    type Response = { $ref?: string; content?: { 'application/json'?: { schema: Schema } } };
    const doc = openapi as unknown as {
      paths: Record<string, Record<string, { responses?: Record<string, Response> }>>;
      components: { responses: Record<string, Response> };
    };
    const resolveResponse = (response: Response): Response =>
      response.$ref ? resolveResponse(doc.components.responses[response.$ref.split('/').pop()!]!) : response;
    const codesOf = (schema: Schema | undefined): string[] => {
      if (!schema) return [];
      const code = schema.properties?.error?.properties?.code;
      return [...(code?.const ? [code.const] : []), ...(code?.enum ?? []), ...(schema.allOf ?? []).flatMap(codesOf)];
    };
    const seen = new Map<string, Set<number>>();
    const note = (status: number, response: Response) => {
      for (const code of codesOf(resolveResponse(response).content?.['application/json']?.schema))
        seen.set(code, (seen.get(code) ?? new Set()).add(status));
    };
    for (const operations of Object.values(doc.paths)) {
      for (const operation of Object.values(operations)) {
        for (const [status, response] of Object.entries(operation.responses ?? {})) note(Number(status), response);
      }
    }
    // Unknown routes have no path of their own.
    note(404, doc.components.responses.NotFound!);
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      const statuses = [...(seen.get(code) ?? [])].sort();
      // A method a route does not take is invalid_request with 405 (docs/contract.md, "Errors").
      assert.deepEqual(statuses, code === 'invalid_request' ? [400, 405] : [status], `${code} is answered with ${statuses.join(', ')}`);
    }
  });

  it('refuses an answer that differs from it', () => {
    const headers = { 'cache-control': 'no-store' };
    assert.throws(() => assertDocumented('GET', '/methods', 200, headers, { methods: [{ id: 'x' }], limit: 4 }), /does not match/);
    assert.throws(() => assertDocumented('GET', '/methods', 418, headers, {}), /not documented/);
    assert.throws(
      () => assertDocumented('GET', '/methods', 200, { 'cache-control': 'private' }, { methods: [], limit: 4 }),
      /Cache-Control must be no-store/,
    );
    assert.throws(() => assertDocumented('GET', '/methods', 200, {}, { methods: [], limit: 4 }), /no Cache-Control header/);
    assert.throws(() => assertDocumented('DELETE', '/methods/abcdefgh-1', 409, headers, { error: { code: 'wallet_full', message: 'm' } }));
  });
});

describe("the handler's answers match docs/openapi.yaml", () => {
  it('removal policy, remove_blocked and the wallet it marks', async () => {
    const h = createHarness({
      canRemove: method => (method.last4 === '4444' ? { allowed: false, reason: 'Pays for a subscription.' } : true),
    });
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number)]);
    const list = await h.call('GET', '/methods');
    documented('GET', '/methods', list);
    assert.equal(list.body.methods.find((method: { last4: string }) => method.last4 === '4444').removable, false);
    const route = `/methods/${entry(h.wallet(customerId), '4444').id}`;
    const refused = await h.call('DELETE', route);
    assert.equal(refused.body.error.code, 'remove_blocked');
    documented('DELETE', route, refused);
  });

  it('expired, on making an expired card the default', async () => {
    const time = clock();
    const h = createHarness({ now: time.now });
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number, { expires: '1126' })]);
    time.advance(Date.UTC(2026, 11, 1, 12) - time.now());
    const route = `/methods/${entry(h.wallet(customerId), '4444').id}/default`;
    const answer = await h.call('PUT', route);
    assert.equal(answer.body.error.code, 'expired');
    documented('PUT', route, answer);
  });

  it('a replacing save, declined, and rate_limited with Retry-After', async () => {
    const h = createHarness({ rateLimit: { adds: 2 } });
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number)]);
    const old = entry(h.wallet(customerId), '4242').id;
    const replaced = await h.call('POST', '/methods', {
      body: { token: await h.token({ accountNumber: TEST_CARDS.mastercard.number }), replaces: old },
    });
    assert.equal(replaced.status, 201, replaced.text);
    assert.equal(replaced.body.replaced.removed, true);
    documented('POST', '/methods', replaced);
    const declined = await h.addCard(TEST_CARDS.declined.number);
    assert.equal(declined.body.error.code, 'declined');
    documented('POST', '/methods', declined);
    const limited = await h.addCard(TEST_CARDS.visaAlt.number);
    assert.equal(limited.body.error.code, 'rate_limited');
    documented('POST', '/methods', limited);
  });

  it('CORS preflights: 204 for a listed origin, 405 for any other', async () => {
    const h = createHarness({ allowedOrigins: ['https://checkout.example'] });
    const listed = await h.call('OPTIONS', '/methods', {
      headers: { Origin: 'https://checkout.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(listed.status, 204);
    documented('OPTIONS', '/methods', listed);
    const other = await h.call('OPTIONS', '/config', { headers: { Origin: 'https://elsewhere.example' } });
    assert.equal(other.status, 405);
    documented('OPTIONS', '/config', other);
  });

  it('change_failed and gateway_error after a failing gateway', async () => {
    const h = createHarness();
    const customerId = await h.backend.seedShopper([card(TEST_CARDS.visa.number), card(TEST_CARDS.mastercard.number)]);
    const route = `/methods/${entry(h.wallet(customerId), '4444').id}/default`;
    h.backend.sandbox.faults.add({ method: 'PUT', status: 500, times: 1 });
    const failed = await h.call('PUT', route);
    assert.equal(failed.body.error.code, 'change_failed');
    documented('PUT', route, failed);
    h.backend.sandbox.faults.add({ status: 503 });
    const unread = await h.call('GET', '/methods');
    assert.equal(unread.body.error.code, 'gateway_error');
    documented('GET', '/methods', unread);
  });
});
