import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createSandbox,
  DEFAULT_SANDBOX_KEYS,
  sandboxFetch,
  TEST_BANK_ACCOUNTS,
  TEST_CARDS,
  TEST_ROUTING_NUMBERS,
} from '../../src/sandbox/index.js';
import { abaValid, luhnValid } from '../../src/sandbox/validation.js';
import { addMethod, assertError, BASE, bank, call, card, makeSandbox, newCustomer, PRIVATE, PUBLIC } from './helpers.js';

describe('test data', () => {
  it('has the documented default keys', () => {
    assert.deepEqual(DEFAULT_SANDBOX_KEYS, { publicKey: 'pk_sandbox_public_demo', privateKey: 'sk_sandbox_private_demo' });
    const sandbox = createSandbox();
    assert.equal(sandbox.publicKey, DEFAULT_SANDBOX_KEYS.publicKey);
    assert.equal(sandbox.privateKey, DEFAULT_SANDBOX_KEYS.privateKey);
  });

  it('lists the required card numbers', () => {
    const numbers: string[] = Object.values(TEST_CARDS).map(c => c.number);
    for (const required of [
      '4242424242424242',
      '4111111111111111',
      '5555555555554444',
      '2223003122003222',
      '378282246310005',
      '6011111111111117',
    ]) {
      assert.ok(numbers.includes(required), required);
    }
  });

  for (const [name, entry] of Object.entries(TEST_CARDS)) {
    it(`card ${name} is Luhn-valid and tokenizes as ${entry.network} ${entry.type}`, async () => {
      assert.ok(luhnValid(entry.number));
      const answer = await call(makeSandbox(), 'POST', '/v1/tokens', { key: PUBLIC, body: card(entry.number) });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.metadata.network, entry.network);
      assert.equal(answer.body.metadata.type, entry.type);
    });
  }

  it('has routing numbers with valid ABA checksums, and the checksum catches one changed digit', () => {
    for (const routing of [...TEST_ROUTING_NUMBERS, ...Object.values(TEST_BANK_ACCOUNTS).map(a => a.routingNumber)]) {
      assert.ok(abaValid(routing), routing);
      assert.ok(!abaValid(routing.slice(0, 8) + String((Number(routing[8]) + 1) % 10)), `${routing} with another last digit`);
    }
  });

  it('Luhn catches a changed digit', () => {
    assert.ok(!luhnValid('4242424242424243'));
  });
});

describe('seed, state, requests, reset', () => {
  it('seeds customers with methods through the real validation and returns ids in order', async () => {
    const sandbox = makeSandbox();
    const ids = await sandbox.seed({
      customers: [
        {
          id: 'demo-customer-1',
          firstName: 'Ada',
          lastName: 'Lovelace',
          emailAddress: 'ada@example.com',
          methods: [
            { card: { accountNumber: TEST_CARDS.visa.number, expires: '1235' } },
            { card: { accountNumber: TEST_CARDS.amex.number, expires: '0630', verificationValue: '1234' }, default: true },
            {
              bank: {
                accountNumber: TEST_BANK_ACCOUNTS.checking.accountNumber,
                routingNumber: TEST_BANK_ACCOUNTS.checking.routingNumber,
                accountType: 0,
              },
            },
          ],
        },
        { firstName: 'Bob', lastName: 'Empty', emailAddress: 'bob@example.com' },
      ],
    });
    assert.equal(ids.length, 2);
    assert.equal(ids[0], 'demo-customer-1');
    assert.deepEqual(sandbox.state.customerIds(), ids);
    const wallet = sandbox.state.wallet('demo-customer-1');
    assert.deepEqual(
      wallet.map(w => [w.network, w.default]),
      [
        ['ach', false],
        ['american express', true],
        ['visa', false],
      ],
    );
    assert.deepEqual(sandbox.requests, [], 'seeding is not gateway traffic');
    const listed = await call(sandbox, 'GET', '/v1/customers/demo-customer-1/wallet');
    assert.deepEqual(listed.body.wallet, wallet);
  });

  it('throws a message naming the bad seed entry', async () => {
    const sandbox = makeSandbox();
    await assert.rejects(
      sandbox.seed({ customers: [{ firstName: 'Ada', methods: [{ card: { accountNumber: '4242424242424241', expires: '1235' } }] }] }),
      /customers\[0\]\.methods\[0\].*creditCard\.accountNumber/,
    );
    await assert.rejects(sandbox.seed({ customers: [{ id: 'bad id', firstName: 'X' }] }), /customers\[0\]/);
    await assert.rejects(
      sandbox.seed({
        customers: [{ firstName: 'D', methods: [{ card: { accountNumber: TEST_CARDS.declined.number, expires: '1235' } }] }],
      }),
      /declined/,
    );
  });

  it('logs method, path and status of every gateway request, never bodies', async () => {
    const sandbox = makeSandbox();
    await call(sandbox, 'POST', '/v1/tokens', { key: PUBLIC, body: card() });
    await call(sandbox, 'GET', '/v1/customers?Page=1');
    await call(sandbox, 'GET', '/v1/customers', { key: null });
    assert.deepEqual(sandbox.requests, [
      { method: 'POST', path: '/v1/tokens', status: 200 },
      { method: 'GET', path: '/v1/customers', status: 200 },
      { method: 'GET', path: '/v1/customers', status: 401 },
    ]);
    assert.ok(!JSON.stringify(sandbox.requests).includes('4242'));
  });

  it('reset forgets everything but keeps the log array and the keys', async () => {
    const sandbox = makeSandbox();
    const log = sandbox.requests;
    await newCustomer(sandbox);
    sandbox.faults.add({ status: 500, path: '/nowhere' });
    sandbox.reset();
    assert.deepEqual(sandbox.state.customerIds(), []);
    assert.deepEqual(sandbox.faults.list(), []);
    assert.equal(sandbox.requests, log);
    assert.equal(log.length, 0);
    assert.equal((await call(sandbox, 'GET', '/v1/customers')).status, 200);
  });

  it('uses the injected clock and id source', async () => {
    let n = 0;
    const sandbox = createSandbox({
      now: () => Date.UTC(2030, 0, 2),
      newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    });
    const created = await call(sandbox, 'POST', '/v1/customers', { body: { firstName: 'Ada' } });
    assert.equal(created.body.requestId, '00000000-0000-4000-8000-000000000001');
    assert.equal(created.body.customer.id, '00000000-0000-4000-8000-000000000002');
    assert.equal(created.body.customer.created, '2030-01-02T00:00:00.000Z');
  });

  it('serves under a basePath, and sandboxFetch adapts it to a fetch-shaped function', async () => {
    const sandbox = createSandbox({ basePath: '/ecrypt/' });
    const fetchLike = sandboxFetch(sandbox);
    const response = await fetchLike(`${BASE}/ecrypt/v1/customers`, { headers: { 'x-api-key': PRIVATE } });
    assert.equal(response.status, 200);
    assert.equal((await fetchLike(`${BASE}/v1/customers`, { headers: { 'x-api-key': PRIVATE } })).status, 404);
    assert.deepEqual(sandbox.requests[0], { method: 'GET', path: '/v1/customers', status: 200 });
  });
});

describe('idempotency (assumed)', () => {
  it('replays the first answer for the same key and request, 409 CONFLICT for a different request', async () => {
    const sandbox = makeSandbox();
    const headers = { 'idempotency-key': 'add-1' };
    const first = await call(sandbox, 'POST', '/v1/customers', { body: { firstName: 'Ada' }, headers });
    const again = await call(sandbox, 'POST', '/v1/customers', { body: { firstName: 'Ada' }, headers });
    assert.deepEqual(again.body, first.body);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(sandbox.state.customerIds().length, 1);
    assertError(await call(sandbox, 'POST', '/v1/customers', { body: { firstName: 'Bob' }, headers }), 409, 'CONFLICT');
  });

  it('does not store server faults, so a retry after a 5xx runs again', async () => {
    const sandbox = makeSandbox();
    sandbox.faults.add({ status: 503, times: 1, afterHandling: false });
    const headers = { 'idempotency-key': 'token-1' };
    assert.equal((await call(sandbox, 'POST', '/v1/tokens', { key: PUBLIC, body: bank(), headers })).status, 503);
    assert.equal((await call(sandbox, 'POST', '/v1/tokens', { key: PUBLIC, body: bank(), headers })).status, 200);
  });

  it('refuses a malformed key', async () => {
    assertError(
      await call(makeSandbox(), 'POST', '/v1/customers', { body: {}, headers: { 'idempotency-key': 'has space' } }),
      400,
      'VALIDATION',
      'Idempotency-Key',
    );
  });
});

describe('request ids', () => {
  it('every successful read and update answers with a requestId', async () => {
    const sandbox = makeSandbox();
    const customer = await newCustomer(sandbox);
    const entry = (await addMethod(sandbox, customer)).body.wallet.id as string;
    const routes: [string, string, unknown?][] = [
      ['GET', '/v1/customers'],
      ['GET', `/v1/customers/${customer}`],
      ['GET', `/v1/customers/${customer}/wallet`],
      ['GET', `/v1/customers/${customer}/wallet/${entry}`],
      ['PUT', `/v1/customers/${customer}/wallet/${entry}`, { default: true }],
    ];
    for (const [method, path, body] of routes) {
      const answer = await call(sandbox, method, path, body === undefined ? {} : { body });
      assert.equal(answer.status, 200, `${method} ${path}: ${JSON.stringify(answer.body)}`);
      assert.equal(typeof answer.body.requestId, 'string', `${method} ${path} has a requestId`);
    }
  });
});
