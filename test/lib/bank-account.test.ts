import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { accountTypeCode, validateBankAccountNumber } from '../../src/lib/bank-account.js';

describe('validateBankAccountNumber', () => {
  it('accepts 7 to 20 digits', () => {
    assert.equal(validateBankAccountNumber('1234567'), undefined);
    assert.equal(validateBankAccountNumber('12345678901234567890'), undefined);
  });

  it('names the reason', () => {
    assert.equal(validateBankAccountNumber(''), 'required');
    assert.equal(validateBankAccountNumber('123456'), 'length');
    assert.equal(validateBankAccountNumber('123456789012345678901'), 'length');
  });
});

describe('accountTypeCode', () => {
  it('maps checking to 0 and savings to 1', () => {
    assert.equal(accountTypeCode('checking'), 0);
    assert.equal(accountTypeCode('savings'), 1);
  });
});
