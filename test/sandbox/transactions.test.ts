import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TEST_CARDS } from '../../src/sandbox/index.js';
import { addMethod, assertError, bank, call, card, clock, makeSandbox, newCustomer, tokenFor } from './helpers.js';

function sale(payment: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { amount: 12.5, initiatedBy: 'merchant', payment, ...extra };
}

describe('POST /v1/transactions/sale', () => {
  it('approves a charge of a specific wallet entry and records it', async () => {
    const sandbox = makeSandbox();
    const customer = await newCustomer(sandbox);
    const wallet = (await addMethod(sandbox, customer)).body.wallet.id as string;
    const answer = await call(sandbox, 'POST', '/v1/transactions/sale', {
      body: sale({ stored: { wallet } }, { initiatedBy: 'customer' }),
    });
    assert.equal(answer.status, 200);
    assert.equal(typeof answer.body.requestId, 'string');
    assert.match(answer.body.transaction.id, /^[0-9]{8,64}$/);
    assert.deepEqual(
      { ...answer.body.transaction, id: 'x' },
      {
        id: 'x',
        status: 'approved',
        amount: 12.5,
        initiatedBy: 'customer',
        created: '2026-11-23T12:00:00.000Z',
        payment: { network: 'visa', accountNumber: '4***********4242' },
        customerId: customer,
        walletId: wallet,
      },
    );
  });

  it("charges the customer's default when given payment.stored.customer", async () => {
    const sandbox = makeSandbox();
    const customer = await newCustomer(sandbox);
    await addMethod(sandbox, customer);
    const mastercard = (await addMethod(sandbox, customer, card(TEST_CARDS.mastercard.number), { default: true })).body.wallet.id;
    const answer = await call(sandbox, 'POST', '/v1/transactions/sale', { body: sale({ stored: { customer } }) });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.transaction.walletId, mastercard);
    assert.equal(answer.body.transaction.payment.network, 'mastercard');
  });

  it('declines the insufficient-funds card with 402 DECLINED and a transactionId', async () => {
    const sandbox = makeSandbox();
    const customer = await newCustomer(sandbox);
    const saved = await addMethod(sandbox, customer, card(TEST_CARDS.insufficientFunds.number));
    assert.equal(saved.status, 200, 'it saves fine');
    const answer = await call(sandbox, 'POST', '/v1/transactions/sale', { body: sale({ stored: { wallet: saved.body.wallet.id } }) });
    assertError(answer, 402, 'DECLINED');
    assert.match(answer.body.transactionId, /^[0-9]{8,64}$/);
  });

  it('declines a saved card once it has expired', async () => {
    const time = clock();
    const sandbox = makeSandbox({ now: time.now });
    const customer = await newCustomer(sandbox);
    await addMethod(sandbox, customer, card(TEST_CARDS.visa.number, { expires: '1126' }));
    time.set(Date.UTC(2026, 11, 1));
    assertError(await call(sandbox, 'POST', '/v1/transactions/sale', { body: sale({ stored: { customer } }) }), 402, 'DECLINED');
  });

  it('charges a token once (payment.token) and declines the declined test card', async () => {
    const sandbox = makeSandbox();
    const token = await tokenFor(sandbox);
    assert.equal((await call(sandbox, 'POST', '/v1/transactions/sale', { body: sale({ token }) })).status, 200);
    assertError(await call(sandbox, 'POST', '/v1/transactions/sale', { body: sale({ token }) }), 400, 'VALIDATION', 'payment.token');
    const declined = await tokenFor(sandbox, card(TEST_CARDS.declined.number));
    assertError(await call(sandbox, 'POST', '/v1/transactions/sale', { body: sale({ token: declined }) }), 402, 'DECLINED');
  });

  it('lets an approved transaction be saved to a wallet once; a declined one never', async () => {
    const sandbox = makeSandbox();
    const customer = await newCustomer(sandbox);
    const approved = await call(sandbox, 'POST', '/v1/transactions/sale', { body: sale({ token: await tokenFor(sandbox, bank()) }) });
    const transactionId = approved.body.transaction.id as string;
    const saved = await call(sandbox, 'POST', `/v1/customers/${customer}/wallet`, { body: { transactionId } });
    assert.equal(saved.status, 200);
    assert.equal(saved.body.wallet.network, 'ach');
    assert.equal(saved.body.wallet.accountNumber, '********6789');
    assertError(
      await call(sandbox, 'POST', `/v1/customers/${customer}/wallet`, { body: { transactionId } }),
      400,
      'VALIDATION',
      'transactionId',
    );

    const declined = await call(sandbox, 'POST', '/v1/transactions/sale', {
      body: sale({ token: await tokenFor(sandbox, card(TEST_CARDS.insufficientFunds.number)) }),
    });
    assert.equal(declined.status, 402);
    assertError(
      await call(sandbox, 'POST', `/v1/customers/${customer}/wallet`, { body: { transactionId: declined.body.transactionId } }),
      400,
      'VALIDATION',
      'transactionId',
    );
  });

  it("answers 404 for another customer's wallet entry and for an unknown customer", async () => {
    const sandbox = makeSandbox();
    const alice = await newCustomer(sandbox);
    const bob = await newCustomer(sandbox);
    const wallet = (await addMethod(sandbox, alice)).body.wallet.id;
    assertError(
      await call(sandbox, 'POST', '/v1/transactions/sale', { body: sale({ stored: { customer: bob, wallet } }) }),
      404,
      'NOT_FOUND',
    );
    assertError(
      await call(sandbox, 'POST', '/v1/transactions/sale', { body: sale({ stored: { customer: '0000000000000000' } }) }),
      404,
      'NOT_FOUND',
    );
    assertError(
      await call(sandbox, 'POST', '/v1/transactions/sale', { body: sale({ stored: { customer: bob } }) }),
      400,
      'VALIDATION',
      'payment.stored.customer',
    );
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ['a zero amount', sale({ stored: { customer: '0000000000000000' } }, { amount: 0 }), 'amount'],
    ['three decimals', sale({ stored: { customer: '0000000000000000' } }, { amount: 1.005 }), 'amount'],
    ['an amount as a string', sale({ stored: { customer: '0000000000000000' } }, { amount: '10' }), 'amount'],
    ['another initiator', sale({ stored: { customer: '0000000000000000' } }, { initiatedBy: 'robot' }), 'initiatedBy'],
    ['no payment', { amount: 1, initiatedBy: 'merchant' }, 'payment'],
    ['an empty stored', sale({ stored: {} }), 'payment.stored.wallet'],
    ['both stored and token', sale({ stored: { customer: '0000000000000000' }, token: crypto.randomUUID() }), 'payment.stored'],
    ['a malformed wallet id', sale({ stored: { wallet: 'bad id' } }), 'payment.stored.wallet'],
  ];
  for (const [label, body, field] of invalid) {
    it(`refuses ${label} with 400 on ${field}`, async () => {
      assertError(await call(makeSandbox(), 'POST', '/v1/transactions/sale', { body }), 400, 'VALIDATION', field);
    });
  }
});
