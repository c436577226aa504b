import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateCardNumber, validateSecurityCode } from '../../src/lib/card-validation.js';

describe('validateCardNumber', () => {
  it('accepts a valid number of each network', () => {
    for (const pan of [
      '4242424242424242',
      '5555555555554444',
      '2223003122003222',
      '378282246310005',
      '6011111111111117',
      '4222222222222',
    ]) {
      assert.equal(validateCardNumber(pan), undefined, pan);
    }
  });

  it('says required, incomplete, wrong length or failed check', () => {
    assert.equal(validateCardNumber(''), 'required');
    assert.equal(validateCardNumber('424242'), 'incomplete');
    assert.equal(validateCardNumber('37828224631000'), 'incomplete');
    assert.equal(validateCardNumber('42424242424242'), 'length');
    assert.equal(validateCardNumber('4242424242424241'), 'luhn');
  });
});

describe('validateSecurityCode', () => {
  it('wants 4 digits for American Express and 3 for the others', () => {
    assert.equal(validateSecurityCode('1234', '378282246310005'), undefined);
    assert.equal(validateSecurityCode('123', '378282246310005'), 'length');
    assert.equal(validateSecurityCode('123', '4242424242424242'), undefined);
    assert.equal(validateSecurityCode('1234', '4242424242424242'), 'length');
  });

  it('says required when empty', () => {
    assert.equal(validateSecurityCode('', '4242424242424242'), 'required');
  });
});
