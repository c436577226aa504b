import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TEST_CARDS } from '../../src/sandbox/index.js';
import { assertError, bank, call, card, makeSandbox, PUBLIC, PRIVATE } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function tokenize(body: unknown, key: string = PUBLIC, headers: Record<string, string> = {}) {
  return call(makeSandbox(), 'POST', '/v1/tokens', { key, body, headers });
}

describe('POST /v1/tokens: cards', () => {
  const networks: [keyof typeof TEST_CARDS, string, string][] = [
    ['visa', 'visa', '4***********4242'],
    ['visaAlt', 'visa', '4***********1111'],
    ['mastercard', 'mastercard', '5***********4444'],
    ['mastercard2Series', 'mastercard', '2***********3222'],
    ['amex', 'american express', '3**********0005'],
    ['discover', 'discover card', '6***********1117'],
  ];
  for (const [name, network, masked] of networks) {
    it(`tokenizes the ${name} test card as ${network}, masked ${masked}`, async () => {
      const cvv = name === 'amex' ? '1234' : '123';
      const answer = await tokenize(card(TEST_CARDS[name].number, { verificationValue: cvv }));
      assert.equal(answer.status, 200);
      assert.match(answer.body.token, UUID);
      assert.match(answer.body.requestId, UUID);
      assert.deepEqual(answer.body.metadata, { accountNumber: masked, network, type: 'credit' });
    });
  }

  it('reports debit and pre-paid card types from the test table', async () => {
    assert.equal((await tokenize(card(TEST_CARDS.visaDebit.number))).body.metadata.type, 'debit');
    assert.equal((await tokenize(card(TEST_CARDS.mastercardPrepaid.number))).body.metadata.type, 'pre-paid');
  });

  it('accepts the private key too', async () => {
    assert.equal((await tokenize(card(), PRIVATE)).status, 200);
  });

  it('accepts the guide snake_case spelling', async () => {
    const answer = await tokenize({
      credit_card: {
        account_number: TEST_CARDS.visa.number,
        expires: '1235',
        verification_value: '123',
        name_on_card: 'Ada L',
        postal_code: '94107',
      },
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.metadata.network, 'visa');
  });

  it('refuses a field given in both spellings', async () => {
    assertError(
      await tokenize({ creditCard: { accountNumber: TEST_CARDS.visa.number, account_number: TEST_CARDS.visa.number, expires: '1235' } }),
      400,
      'VALIDATION',
      'creditCard.accountNumber',
    );
  });

  const panCases: [string, string][] = [
    ['12 digits', '424242424242'],
    ['21 digits', '424242424242424242420'],
    ['non-digits', '4242 4242 4242 4242'],
    ['a failed Luhn check', '4242424242424241'],
    ['an unsupported network (Diners 36)', '36227206271667'],
  ];
  for (const [label, pan] of panCases) {
    it(`refuses a card number with ${label}`, async () => {
      assertError(await tokenize(card(pan)), 400, 'VALIDATION', 'creditCard.accountNumber');
    });
  }

  it('accepts 13-digit and 19-digit Luhn-valid Visa numbers', async () => {
    assert.equal((await tokenize(card('4222222222222'))).status, 200);
    assert.equal((await tokenize(card('4000000000000000006'))).status, 200);
  });

  it('requires the card number and expiry', async () => {
    const answer = await tokenize({ creditCard: {} });
    assertError(answer, 400, 'VALIDATION', 'creditCard.accountNumber');
    assert.ok(
      answer.body.errors.some((e: { field: string }) => e.field === 'creditCard.expires'),
      'every missing field is reported at once',
    );
  });

  for (const expires of ['135', '12355', '1335', '0035', 'ab35', '12/35']) {
    it(`refuses expires "${expires}" (MMYY)`, async () => {
      assertError(await tokenize(card(TEST_CARDS.visa.number, { expires })), 400, 'VALIDATION', 'creditCard.expires');
    });
  }

  it('refuses a card that expired last month, accepts one expiring this month (clock: Nov 2026)', async () => {
    assertError(await tokenize(card(TEST_CARDS.visa.number, { expires: '1026' })), 400, 'VALIDATION', 'creditCard.expires');
    assert.equal((await tokenize(card(TEST_CARDS.visa.number, { expires: '1126' }))).status, 200);
  });

  it('treats a card as expired from the first day of the following month (UTC)', async () => {
    const sandbox = makeSandbox({ now: () => Date.UTC(2026, 11, 1) });
    const answer = await call(sandbox, 'POST', '/v1/tokens', { key: PUBLIC, body: card(TEST_CARDS.visa.number, { expires: '1126' }) });
    assertError(answer, 400, 'VALIDATION', 'creditCard.expires');
  });

  const cvvCases: [string, string, string][] = [
    ['2 digits on Visa', TEST_CARDS.visa.number, '12'],
    ['4 digits on Visa', TEST_CARDS.visa.number, '1234'],
    ['letters', TEST_CARDS.visa.number, '12a'],
    ['3 digits on American Express', TEST_CARDS.amex.number, '123'],
    ['5 digits on American Express', TEST_CARDS.amex.number, '12345'],
  ];
  for (const [label, pan, cvv] of cvvCases) {
    it(`refuses a verification value of ${label}`, async () => {
      assertError(await tokenize(card(pan, { verificationValue: cvv })), 400, 'VALIDATION', 'creditCard.verificationValue');
    });
  }

  it('refuses a bad postal code and a name with disallowed characters', async () => {
    assertError(await tokenize(card(TEST_CARDS.visa.number, { postalCode: '9' })), 400, 'VALIDATION', 'creditCard.postalCode');
    assertError(await tokenize(card(TEST_CARDS.visa.number, { nameOnCard: '<script>' })), 400, 'VALIDATION', 'creditCard.nameOnCard');
    assertError(await tokenize(card(TEST_CARDS.visa.number, { nameOnCard: 'A'.repeat(101) })), 400, 'VALIDATION', 'creditCard.nameOnCard');
  });

  it('refuses a number given as a JSON number (fields are strings)', async () => {
    assertError(await tokenize(card(4242424242424242 as unknown as string)), 400, 'VALIDATION', 'creditCard.accountNumber');
  });

  it('refuses unknown card fields such as cvv', async () => {
    assertError(await tokenize(card(TEST_CARDS.visa.number, { cvv: '123' })), 400, 'VALIDATION', 'creditCard.cvv');
  });
});

describe('POST /v1/tokens: bank accounts', () => {
  it('tokenizes a checking account as ach with a masked number and no card type', async () => {
    const answer = await tokenize(bank({ name: 'Ada Lovelace', checkNumber: '1001' }));
    assert.equal(answer.status, 200);
    assert.match(answer.body.token, UUID);
    assert.deepEqual(answer.body.metadata, { accountNumber: '********6789', network: 'ach' });
  });

  it('accepts snake_case bank fields', async () => {
    const answer = await tokenize({ check: { account_number: '000123456789', routing_number: '021000021', account_type: 1 } });
    assert.equal(answer.status, 200);
  });

  const cases: [string, Record<string, unknown>, string][] = [
    ['a 6-digit account', { accountNumber: '123456' }, 'check.accountNumber'],
    ['a 21-digit account', { accountNumber: '1'.repeat(21) }, 'check.accountNumber'],
    ['an 8-digit routing number', { routingNumber: '01100001' }, 'check.routingNumber'],
    ['a routing number failing the ABA checksum', { routingNumber: '011000016' }, 'check.routingNumber'],
    ['account type 2', { accountType: 2 }, 'check.accountType'],
    ['account type "0" as a string', { accountType: '0' }, 'check.accountType'],
    ['a 9-digit check number', { checkNumber: '123456789' }, 'check.checkNumber'],
    ['a missing account type', { accountType: undefined }, 'check.accountType'],
  ];
  for (const [label, extra, field] of cases) {
    it(`refuses ${label}`, async () => {
      assertError(await tokenize(bank(extra)), 400, 'VALIDATION', field);
    });
  }
});

describe('POST /v1/tokens: the request as a whole', () => {
  it('requires exactly one of creditCard and check', async () => {
    assertError(await tokenize({}), 400, 'VALIDATION', 'creditCard');
    assertError(await tokenize({ ...card(), ...bank() }), 400, 'VALIDATION', 'creditCard');
  });

  it('refuses unknown top-level fields', async () => {
    assertError(await tokenize({ ...card(), oneTimePayment: false }), 400, 'VALIDATION', 'oneTimePayment');
  });

  it('refuses invalid JSON, a non-object body, an empty body and a non-JSON content type', async () => {
    assertError(await tokenize('{"creditCard":'), 400, 'VALIDATION');
    assertError(await tokenize('[1,2]'), 400, 'VALIDATION');
    assertError(await tokenize(''), 400, 'VALIDATION');
    assertError(await tokenize(JSON.stringify(card()), PUBLIC, { 'content-type': 'text/plain' }), 400, 'VALIDATION');
  });

  it('issues a different token each time', async () => {
    const sandbox = makeSandbox();
    const a = await call(sandbox, 'POST', '/v1/tokens', { key: PUBLIC, body: card() });
    const b = await call(sandbox, 'POST', '/v1/tokens', { key: PUBLIC, body: card() });
    assert.notEqual(a.body.token, b.body.token);
    assert.notEqual(a.body.requestId, b.body.requestId);
  });

  it('never echoes the card number or CVV in an answer', async () => {
    const ok = await tokenize(card(TEST_CARDS.visa.number, { verificationValue: '987' }));
    const bad = await tokenize(card('4242424242424241', { verificationValue: '98' }));
    for (const answer of [ok, bad]) {
      const text = JSON.stringify(answer.body);
      assert.ok(!text.includes('4242424242424242') && !text.includes('4242424242424241'), text);
      assert.ok(!text.includes('"987"') && !text.includes('"98"'), text);
    }
  });
});
