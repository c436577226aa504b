import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addMethod, assertError, call, clock, makeSandbox, newCustomer } from './helpers.js';

describe('customers', () => {
  it('creates a customer with every documented field and gets it back as a one-element array', async () => {
    const sandbox = makeSandbox();
    const fields = {
      firstName: 'Ada',
      lastName: "O'Brien-Lovelace",
      company: 'Analytical Engines & Co.',
      merchantIdentifier: 'cust_42',
      phoneNumber: '+1 (415) 555-0100',
      emailAddress: 'ada@example.com',
      shippingAddress: {
        name: 'Ada',
        line1: '1 Main St.',
        line2: 'Apt #2',
        city: 'Springfield',
        state: 'IL',
        postalCode: '62701',
        country: 'US',
      },
      metadata: { tier: 'gold' },
    };
    const created = await call(sandbox, 'POST', '/v1/customers', { body: fields });
    assert.equal(created.status, 200);
    assert.equal(typeof created.body.requestId, 'string');
    const id = created.body.customer.id as string;
    assert.match(id, /^[0-9A-Za-z-]{8,64}$/);
    assert.deepEqual(created.body.customer, { id, ...fields, created: '2026-11-23T12:00:00.000Z' });

    const got = await call(sandbox, 'GET', `/v1/customers/${id}`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.body.customers, [created.body.customer]);
  });

  it('accepts the guide snake_case spelling', async () => {
    const answer = await call(makeSandbox(), 'POST', '/v1/customers', {
      body: { first_name: 'Ada', email_address: 'a@b.co', shipping_address: { postal_code: '10001' } },
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.customer.firstName, 'Ada');
    assert.equal(answer.body.customer.shippingAddress.postalCode, '10001');
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ['a name over 100 characters', { firstName: 'A'.repeat(101) }, 'firstName'],
    ['non-ASCII letters', { lastName: 'Lovelacé' }, 'lastName'],
    ['angle brackets', { company: '<b>Co</b>' }, 'company'],
    ['a number where a string is due', { phoneNumber: 4155550100 }, 'phoneNumber'],
    ['a malformed email', { emailAddress: 'not-an-email' }, 'emailAddress'],
    ['a bad shipping postal code', { shippingAddress: { postalCode: '!' } }, 'shippingAddress.postalCode'],
    ['an unknown shipping field', { shippingAddress: { street: 'x' } }, 'shippingAddress.street'],
    ['a non-string metadata value', { metadata: { n: 1 } }, 'metadata.n'],
    ['an unknown field', { nickname: 'x' }, 'nickname'],
  ];
  for (const [label, body, field] of invalid) {
    it(`refuses ${label} with 400 on ${field}`, async () => {
      const sandbox = makeSandbox();
      assertError(await call(sandbox, 'POST', '/v1/customers', { body }), 400, 'VALIDATION', field);
      assert.deepEqual(sandbox.state.customerIds(), []);
    });
  }

  it('accepts exactly 100 characters', async () => {
    assert.equal((await call(makeSandbox(), 'POST', '/v1/customers', { body: { firstName: 'A'.repeat(100) } })).status, 200);
  });

  it('lists newest first with Size defaulting to 100', async () => {
    const time = clock();
    const sandbox = makeSandbox({ now: time.now });
    const ids: string[] = [];
    for (let i = 0; i < 102; i++) ids.push(await newCustomer(sandbox, { firstName: `C${i}` }));
    const first = await call(sandbox, 'GET', '/v1/customers');
    assert.equal(first.status, 200);
    assert.equal(first.body.customers.length, 100);
    assert.deepEqual(
      first.body.customers.map((c: { id: string }) => c.id),
      [...ids].reverse().slice(0, 100),
      'newest first even with identical timestamps',
    );
    const second = await call(sandbox, 'GET', '/v1/customers?Page=2');
    assert.deepEqual(
      second.body.customers.map((c: { id: string }) => c.id),
      [ids[1], ids[0]],
    );
  });

  it('pages with Page and Size (and their lower-case spelling)', async () => {
    const sandbox = makeSandbox();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await newCustomer(sandbox, { firstName: `C${i}` }));
    const page2 = await call(sandbox, 'GET', '/v1/customers?Page=2&Size=2');
    assert.deepEqual(
      page2.body.customers.map((c: { id: string }) => c.id),
      [ids[2], ids[1]],
    );
    const lower = await call(sandbox, 'GET', '/v1/customers?page=3&size=2');
    assert.deepEqual(
      lower.body.customers.map((c: { id: string }) => c.id),
      [ids[0]],
    );
    const beyond = await call(sandbox, 'GET', '/v1/customers?Page=9&Size=2');
    assert.deepEqual(beyond.body.customers, []);
  });

  for (const query of ['Size=101', 'Size=0', 'Page=0', 'Size=abc', 'Page=-1']) {
    it(`refuses ${query} with 400`, async () => {
      assertError(await call(makeSandbox(), 'GET', `/v1/customers?${query}`), 400, 'VALIDATION', query.split('=')[0]);
    });
  }

  it('deletes a customer with its wallet; later calls answer 404', async () => {
    const sandbox = makeSandbox();
    const id = await newCustomer(sandbox);
    const keep = await newCustomer(sandbox);
    await addMethod(sandbox, id);
    await addMethod(sandbox, keep);
    const deleted = await call(sandbox, 'DELETE', `/v1/customers/${id}`);
    assert.equal(deleted.status, 200);
    assert.equal(typeof deleted.body.requestId, 'string');
    assert.deepEqual(sandbox.state.customerIds(), [keep]);
    assert.deepEqual(sandbox.state.wallet(id), []);
    assert.equal(sandbox.state.wallet(keep).length, 1);
    assertError(await call(sandbox, 'GET', `/v1/customers/${id}`), 404, 'NOT_FOUND');
    assertError(await call(sandbox, 'GET', `/v1/customers/${id}/wallet`), 404, 'NOT_FOUND');
    assertError(await call(sandbox, 'DELETE', `/v1/customers/${id}`), 404, 'NOT_FOUND');
  });

  it('answers 404 for an unknown, well-formed id', async () => {
    assertError(await call(makeSandbox(), 'GET', '/v1/customers/0000000000000000'), 404, 'NOT_FOUND');
  });

  for (const bad of ['short', 'a'.repeat(65), 'has_underscore', 'dot.dot.dot', '%2E%2E%2Fadmin1']) {
    it(`validates the path id "${bad}" before lookup (400)`, async () => {
      assertError(await call(makeSandbox(), 'GET', `/v1/customers/${bad}`), 400, 'VALIDATION', 'customerId');
    });
  }
});
