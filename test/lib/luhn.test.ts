import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { luhnValid } from '../../src/lib/luhn.js';

describe('luhnValid', () => {
  it('accepts numbers with a correct check digit', () => {
    for (const pan of ['4242424242424242', '378282246310005', '6011111111111117', '5555555555554444', '79927398713']) {
      assert.equal(luhnValid(pan), true, pan);
    }
  });

  it('rejects a number with one digit changed', () => {
    assert.equal(luhnValid('4242424242424241'), false);
  });

  it('rejects an empty string and anything that is not digits', () => {
    assert.equal(luhnValid(''), false);
    assert.equal(luhnValid('4242 4242 4242 4242'), false);
    assert.equal(luhnValid('42a2'), false);
  });
});
