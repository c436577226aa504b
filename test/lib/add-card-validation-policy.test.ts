import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationPolicy, fixErrorsKey, isDefinite } from '../../src/components/ecrypt-add-card/validation-policy.js';

describe('add-card validation policy', () => {
  it('checks nothing while a field is typed in the first time', () => {
    const policy = new ValidationPolicy<'number'>();
    assert.equal(policy.checks('number', 'edit'), false);
    assert.equal(policy.isRevealed('number'), false);
  });

  it('reveals a field left with content, and not one left empty', () => {
    const policy = new ValidationPolicy<'number' | 'expiry'>();
    assert.equal(policy.checks('expiry', 'blur', false), false);
    assert.equal(policy.checks('number', 'blur', true), true);
    assert.equal(policy.checks('number', 'edit'), true, 'then every edit checks it');
    assert.equal(policy.checks('number', 'blur', false), true, 'and leaving it emptied too');
  });

  it('reveals every field on submit, until reset', () => {
    const policy = new ValidationPolicy<'cvc'>();
    assert.equal(policy.checks('cvc', 'submit'), true);
    assert.equal(policy.isRevealed('cvc'), true);
    policy.reset();
    assert.equal(policy.isRevealed('cvc'), false);
    policy.reveal('cvc');
    assert.equal(policy.isRevealed('cvc'), true);
  });

  it('mid-edit shows only an error no further typing can fix; on blur and submit, any', () => {
    const policy = new ValidationPolicy<string>();
    assert.equal(policy.shown('cardNumberIncomplete', 'edit', '4242'), undefined);
    assert.equal(policy.shown('cardNumberIncomplete', 'blur', '4242'), 'cardNumberIncomplete');
    assert.equal(policy.shown('cardNumberIncomplete', 'submit', '4242'), 'cardNumberIncomplete');
    assert.equal(policy.shown('expiryMonth', 'edit', '13'), 'expiryMonth');
    assert.equal(policy.shown(undefined, 'submit', ''), undefined);
  });

  it('counts a Luhn failure as definite only once the number cannot grow', () => {
    // 16 Visa digits failing the check may still become a valid 19-digit Visa number.
    assert.equal(isDefinite('cardNumberInvalid', '4242 4242 4242 4241'), false);
    assert.equal(isDefinite('cardNumberInvalid', '4242 4242 4242 4242 421'), true);
    // American Express numbers have 15 digits, no more.
    assert.equal(isDefinite('cardNumberInvalid', '3782 822463 10006'), true);
  });

  it('counts a past date as definite only once its year is whole', () => {
    assert.equal(isDefinite('expiryPast', '12 / 20'), false);
    assert.equal(isDefinite('expiryPast', '12 / 2020'), true);
    assert.equal(isDefinite('expiryTooFar', '12 / 2099'), true);
    assert.equal(isDefinite('routingNumberInvalid', '123456780'), true);
    assert.equal(isDefinite('expiryFormat', '1'), false);
  });

  it('sums up one or several invalid fields', () => {
    assert.equal(fixErrorsKey(1), 'fixErrorsOne');
    assert.equal(fixErrorsKey(3), 'fixErrorsMany');
  });
});
