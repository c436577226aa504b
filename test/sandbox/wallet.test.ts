import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TEST_BANK_ACCOUNTS, TEST_CARDS } from '../../src/sandbox/index.js';
import { addMethod, assertError, bank, call, card, clock, makeSandbox, newCustomer, tokenFor } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function walletIds(sandbox: ReturnType<typeof makeSandbox>, customerId: string): Promise<{ id: string; default: boolean }[]> {
  const answer = await call(sandbox, 'GET', `/v1/customers/${customerId}/wallet`);
  assert.equal(answer.status, 200);
  return answer.body.wallet.map((w: { id: string; default: boolean }) => ({ id: w.id, default: w.default }));
}

describe('wallet: adding', () => {
  it('saves a card from a token with the documented entry shape (billingAddress in, address out)', async () => {
    const sandbox = makeSandbox();
    const customer = await newCustomer(sandbox);
    const token = await tokenFor(sandbox, card(TEST_CARDS.visa.number, { nameOnCard: 'Ada Lovelace' }));
    const billingAddress = { line1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' };
    const answer = await call(sandbox, 'POST', `/v1/customers/${customer}/wallet`, { body: { token, billingAddress } });
    assert.equal(answer.status, 200);
    assert.equal(typeof answer.body.requestId, 'string');
    const entry = answer.body.wallet;
    assert.match(entry.id, UUID);
    assert.deepEqual(entry, {
      id: entry.id,
      network: 'visa',
      accountNumber: '4***********4242',
      expiry: '1235',
      default: true,
      created: '2026-11-23T12:00:00.000Z',
      address: billingAddress,
      nameOnCard: 'Ada Lovelace',
    });
  });

  it('saves a bank account with empty expiry, network ach and accountType', async () => {
    const sandbox = makeSandbox();
    const customer = await newCustomer(sandbox);
    const answer = await addMethod(sandbox, customer, bank({ accountType: 1, name: 'Ada Lovelace' }));
    assert.equal(answer.status, 200);
    assert.deepEqual(
      { ...answer.body.wallet, id: 'x' },
      {
        id: 'x',
        network: 'ach',
        accountNumber: '********6789',
        expiry: '',
        default: true,
        created: '2026-11-23T12:00:00.000Z',
        address: null,
        accountType: 'savings',
        name: 'Ada Lovelace',
      },
    );
  });

  it('consumes the token: a second save answers 400 VALIDATION on token', async () => {
    const sandbox = makeSandbox();
    const customer = await newCustomer(sandbox);
    const other = await newCustomer(sandbox);
    const token = await tokenFor(sandbox);
    assert.equal((await call(sandbox, 'POST', `/v1/customers/${customer}/wallet`, { body: { token } })).status, 200);
    assertError(await call(sandbox, 'POST', `/v1/customers/${customer}/wallet`, { body: { token } }), 400, 'VALIDATION', 'token');
    assertError(await call(sandbox, 'POST', `/v1/customers/${other}/wallet`, { body: { token } }), 400, 'VALIDATION', 'token');
    assert.equal(sandbox.state.wallet(customer).length, 1);
  });

  it('accepts a token in upper case (UUIDs are case-insensitive)', async () => {
    const sandbox = makeSandbox();
    const customer = await newCustomer(sandbox);
    const token = await tokenFor(sandbox);
    assert.equal((await call(sandbox, 'POST', `/v1/customers/${customer}/wallet`, { body: { token: token.toUpperCase() } })).status, 200);
  });

  it('refuses a token that is not a UUID, an unknown UUID, both or neither of token and transactionId', async () => {
    const sandbox = makeSandbox();
    const customer = await newCustomer(sandbox);
    const path = `/v1/customers/${customer}/wallet`;
    assertError(await call(sandbox, 'POST', path, { body: { token: 'tok_123' } }), 400, 'VALIDATION', 'token');
    assertError(await call(sandbox, 'POST', path, { body: { token: crypto.randomUUID() } }), 400, 'VALIDATION', 'token');
    assertError(await call(sandbox, 'POST', path, { body: {} }), 400, 'VALIDATION', 'token');
    assertError(
      await call(sandbox, 'POST', path, { body: { token: await tokenFor(sandbox), transactionId: '12345678' } }),
      400,
      'VALIDATION',
      'token',
    );
    assertError(await call(sandbox, 'POST', path, { body: { transactionId: '1234567' } }), 400, 'VALIDATION', 'transactionId');
    assertError(await call(sandbox, 'POST', path, { body: { transactionId: '1234567a' } }), 400, 'VALIDATION', 'transactionId');
    assertError(await call(sandbox, 'POST', path, { body: { transactionId: '99999999' } }), 400, 'VALIDATION', 'transactionId');
    assertError(
      await call(sandbox, 'POST', path, { body: { token: await tokenFor(sandbox), default: 'yes' } }),
      400,
      'VALIDATION',
      'default',
    );
    assertError(
      await call(sandbox, 'POST', path, { body: { token: await tokenFor(sandbox), billingAddress: { city: 'x'.repeat(101) } } }),
      400,
      'VALIDATION',
      'billingAddress.city',
    );
    assert.deepEqual(sandbox.state.wallet(customer), []);
  });

  it('answers 402 DECLINED for the declined test card and bank account, without consuming the token', async () => {
    const sandbox = makeSandbox();
    const customer = await newCustomer(sandbox);
    for (const body of [
      card(TEST_CARDS.declined.number),
      card(TEST_CARDS.declinedMastercard.number),
      bank({ accountNumber: TEST_BANK_ACCOUNTS.declined.accountNumber }),
    ]) {
      const token = await tokenFor(sandbox, body);
      assertError(await call(sandbox, 'POST', `/v1/customers/${customer}/wallet`, { body: { token } }), 402, 'DECLINED');
      assertError(await call(sandbox, 'POST', `/v1/customers/${customer}/wallet`, { body: { token } }), 402, 'DECLINED');
    }
    assert.deepEqual(sandbox.state.wallet(customer), []);
  });

  it('answers 402 when the card expired between tokenization and save', async () => {
    const time = clock();
    const sandbox = makeSandbox({ now: time.now });
    const customer = await newCustomer(sandbox);
    const token = await tokenFor(sandbox, card(TEST_CARDS.visa.number, { expires: '1126' }));
    time.set(Date.UTC(2026, 11, 1));
    assertError(await call(sandbox, 'POST', `/v1/customers/${customer}/wallet`, { body: { token } }), 402, 'DECLINED');
  });

  it('answers 404 for a wallet of an unknown customer', async () => {
    const sandbox = makeSandbox();
    const token = await tokenFor(sandbox);
    assertError(await call(sandbox, 'POST', '/v1/customers/0000000000000000/wallet', { body: { token } }), 404, 'NOT_FOUND');
  });
});

describe('wallet: limit and default', () => {
  it('holds at most 4 methods: the 5th answers 400 VALIDATION and its token stays usable', async () => {
    const sandbox = makeSandbox();
    const customer = await newCustomer(sandbox);
    for (const number of [TEST_CARDS.visa.number, TEST_CARDS.mastercard.number, TEST_CARDS.amex.number]) {
      assert.equal((await addMethod(sandbox, customer, card(number))).status, 200);
    }
    assert.equal((await addMethod(sandbox, customer, bank())).status, 200);
    const token = await tokenFor(sandbox, card(TEST_CARDS.discover.number));
    assertError(await call(sandbox, 'POST', `/v1/customers/${customer}/wallet`, { body: { token } }), 400, 'VALIDATION');
    assert.equal(sandbox.state.wallet(customer).length, 4);
    const other = await newCustomer(sandbox);
    assert.equal((await call(sandbox, 'POST', `/v1/customers/${other}/wallet`, { body: { token } })).status, 200);
  });

  it('makes the first method the default even when default: false is sent', async () => {
    const sandbox = makeSandbox();
    const customer = await newCustomer(sandbox);
    const first = await addMethod(sandbox, customer, card(), { default: false });
    assert.equal(first.body.wallet.default, true);
    const second = await addMethod(sandbox, customer, card(TEST_CARDS.mastercard.number));
    assert.equal(second.body.wallet.default, false);
    assert.deepEqual(await walletIds(sandbox, customer), [
      { id: second.body.wallet.id, default: false },
      { id: first.body.wallet.id, default: true },
    ]);
  });

  it('adding with default: true moves the default', async () => {
    const sandbox = makeSandbox();
    const customer = await newCustomer(sandbox);
    const first = await addMethod(sandbox, customer);
    const second = await addMethod(sandbox, customer, card(TEST_CARDS.mastercard.number), { default: true });
    assert.equal(second.body.wallet.default, true);
    const entries = sandbox.state.wallet(customer);
    assert.deepEqual(
      entries.map(e => [e.id, e.default]),
      [
        [second.body.wallet.id, true],
        [first.body.wallet.id, false],
      ],
    );
  });

  it('PUT { default: true } makes an entry the default and clears the old one', async () => {
    const sandbox = makeSandbox();
    const customer = await newCustomer(sandbox);
    const first = await addMethod(sandbox, customer);
    const second = await addMethod(sandbox, customer, card(TEST_CARDS.mastercard.number));
    const put = await call(sandbox, 'PUT', `/v1/customers/${customer}/wallet/${second.body.wallet.id}`, { body: { default: true } });
    assert.equal(put.status, 200);
    assert.equal(put.body.wallet.default, true);
    assert.equal(put.body.wallet.id, second.body.wallet.id);
    assert.deepEqual(
      sandbox.state
        .wallet(customer)
        .filter(e => e.default)
        .map(e => e.id),
      [second.body.wallet.id],
    );
    assert.notEqual(first.body.wallet.id, second.body.wallet.id);
  });

  it('PUT refuses default: false, a missing default and unknown fields', async () => {
    const sandbox = makeSandbox();
    const customer = await newCustomer(sandbox);
    const entry = (await addMethod(sandbox, customer)).body.wallet.id as string;
    const path = `/v1/customers/${customer}/wallet/${entry}`;
    assertError(await call(sandbox, 'PUT', path, { body: { default: false } }), 400, 'VALIDATION', 'default');
    assertError(await call(sandbox, 'PUT', path, { body: {} }), 400, 'VALIDATION', 'default');
    assertError(await call(sandbox, 'PUT', path, { body: { default: true, nickname: 'x' } }), 400, 'VALIDATION', 'nickname');
    assert.equal(sandbox.state.wallet(customer)[0]?.default, true);
  });

  it('deleting the default promotes the newest remaining entry', async () => {
    const time = clock();
    const sandbox = makeSandbox({ now: time.now });
    const customer = await newCustomer(sandbox);
    const a = (await addMethod(sandbox, customer)).body.wallet.id as string;
    time.advance(1000);
    const b = (await addMethod(sandbox, customer, card(TEST_CARDS.mastercard.number))).body.wallet.id as string;
    time.advance(1000);
    const c = (await addMethod(sandbox, customer, card(TEST_CARDS.amex.number))).body.wallet.id as string;
    // The middle entry is the default, so "newest remaining" (c) differs from "oldest remaining" (a).
    await call(sandbox, 'PUT', `/v1/customers/${customer}/wallet/${b}`, { body: { default: true } });
    const deleted = await call(sandbox, 'DELETE', `/v1/customers/${customer}/wallet/${b}`);
    assert.equal(deleted.status, 200);
    assert.equal(typeof deleted.body.requestId, 'string');
    assert.deepEqual(await walletIds(sandbox, customer), [
      { id: c, default: true },
      { id: a, default: false },
    ]);
  });

  it('deleting a non-default entry keeps the default; deleting the last leaves an empty wallet', async () => {
    const sandbox = makeSandbox();
    const customer = await newCustomer(sandbox);
    const a = (await addMethod(sandbox, customer)).body.wallet.id as string;
    const b = (await addMethod(sandbox, customer, card(TEST_CARDS.mastercard.number))).body.wallet.id as string;
    await call(sandbox, 'DELETE', `/v1/customers/${customer}/wallet/${b}`);
    assert.deepEqual(await walletIds(sandbox, customer), [{ id: a, default: true }]);
    await call(sandbox, 'DELETE', `/v1/customers/${customer}/wallet/${a}`);
    assert.deepEqual(await walletIds(sandbox, customer), []);
    assertError(await call(sandbox, 'GET', `/v1/customers/${customer}/wallet/${a}`), 404, 'NOT_FOUND');
  });
});

describe('wallet: reading and isolation', () => {
  it('lists newest first with Page and Size, and gets one entry', async () => {
    const sandbox = makeSandbox();
    const customer = await newCustomer(sandbox);
    const ids: string[] = [];
    for (const number of [TEST_CARDS.visa.number, TEST_CARDS.mastercard.number, TEST_CARDS.discover.number]) {
      ids.push((await addMethod(sandbox, customer, card(number))).body.wallet.id);
    }
    const page = await call(sandbox, 'GET', `/v1/customers/${customer}/wallet?Page=2&Size=2`);
    assert.deepEqual(
      page.body.wallet.map((w: { id: string }) => w.id),
      [ids[0]],
    );
    assertError(await call(sandbox, 'GET', `/v1/customers/${customer}/wallet?Size=101`), 400, 'VALIDATION', 'Size');
    const one = await call(sandbox, 'GET', `/v1/customers/${customer}/wallet/${ids[1]}`);
    assert.equal(one.status, 200);
    assert.equal(one.body.wallet.id, ids[1]);
    assert.equal(one.body.wallet.network, 'mastercard');
  });

  it("answers 404 for another customer's wallet entry on GET, PUT and DELETE, and changes nothing", async () => {
    const sandbox = makeSandbox();
    const alice = await newCustomer(sandbox);
    const bob = await newCustomer(sandbox);
    await addMethod(sandbox, bob);
    const aliceEntry = (await addMethod(sandbox, alice)).body.wallet.id as string;
    const path = `/v1/customers/${bob}/wallet/${aliceEntry}`;
    assertError(await call(sandbox, 'GET', path), 404, 'NOT_FOUND');
    assertError(await call(sandbox, 'PUT', path, { body: { default: true } }), 404, 'NOT_FOUND');
    assertError(await call(sandbox, 'DELETE', path), 404, 'NOT_FOUND');
    assert.equal(sandbox.state.wallet(alice).length, 1);
    assert.equal(sandbox.state.wallet(bob).filter(e => e.id === aliceEntry).length, 0);
  });

  for (const bad of ['short', 'x'.repeat(65), 'with_underscore', 'a%20b%20c%20d']) {
    it(`validates the wallet id "${bad}" before lookup (400)`, async () => {
      const sandbox = makeSandbox();
      const customer = await newCustomer(sandbox);
      assertError(await call(sandbox, 'GET', `/v1/customers/${customer}/wallet/${bad}`), 400, 'VALIDATION', 'walletId');
      assertError(await call(sandbox, 'DELETE', `/v1/customers/${customer}/wallet/${bad}`), 400, 'VALIDATION', 'walletId');
    });
  }
});
