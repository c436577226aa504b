import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  deleteAcrossSeparator,
  digitsBefore,
  digitsOnly,
  formatCardNumber,
  positionAfterDigits,
  reformatCardNumber,
} from '../../src/lib/card-number.js';

const FOURS = [4, 8, 12, 16];
const AMEX = [4, 10];

describe('digitsOnly', () => {
  it('drops spaces, dashes and letters', () => {
    assert.equal(digitsOnly(' 4242-4242 42a42 '), '424242424242');
  });
});

describe('formatCardNumber', () => {
  it('groups 16 digits 4-4-4-4 without a trailing space', () => {
    assert.equal(formatCardNumber('4242424242424242', FOURS), '4242 4242 4242 4242');
    assert.equal(formatCardNumber('4242', FOURS), '4242');
  });

  it('groups Amex 4-6-5', () => {
    assert.equal(formatCardNumber('378282246310005', AMEX), '3782 822463 10005');
  });

  it('groups a 19-digit number 4-4-4-4-3', () => {
    assert.equal(formatCardNumber('4000000000000000006', FOURS), '4000 0000 0000 0000 006');
  });
});

describe('caret mapping', () => {
  it('counts the digits before a position', () => {
    assert.equal(digitsBefore('4242 4242', 6), 5);
    assert.equal(digitsBefore('4242 4242', 0), 0);
  });

  it('places the caret right after the n-th digit, before a separator', () => {
    assert.equal(positionAfterDigits('4242 4242', 4), 4);
    assert.equal(positionAfterDigits('4242 4242', 5), 6);
    assert.equal(positionAfterDigits('4242 4242', 0), 0);
    assert.equal(positionAfterDigits('4242 4242', 99), 9);
  });
});

describe('reformatCardNumber', () => {
  it('moves the caret past a new separator while typing at the end', () => {
    assert.deepEqual(reformatCardNumber('42424', 5, FOURS, 19), { value: '4242 4', caret: 6 });
  });

  it('keeps the caret after a digit typed in the middle', () => {
    // "4242 |4242" + "1" typed -> raw "4242 14242", caret 6
    assert.deepEqual(reformatCardNumber('4242 14242', 6, FOURS, 19), { value: '4242 1424 2', caret: 6 });
  });

  it('keeps the caret where a digit was deleted in the middle', () => {
    // "4242 42|42 4242" with Backspace -> raw "4242 4|42 4242"
    assert.deepEqual(reformatCardNumber('4242 442 4242', 6, FOURS, 19), { value: '4242 4424 242', caret: 6 });
  });

  it('formats a pasted spaced number and puts the caret at its end', () => {
    const raw = '4242 4242 4242 4242';
    assert.deepEqual(reformatCardNumber(raw, raw.length, FOURS, 19), { value: raw, caret: raw.length });
  });

  it('drops digits beyond the longest length', () => {
    assert.equal(reformatCardNumber('3782822463100059', 16, AMEX, 15).value, '3782 822463 10005');
  });
});

describe('deleteAcrossSeparator', () => {
  it('Backspace just after a separator removes the digit before it', () => {
    assert.deepEqual(deleteAcrossSeparator('4242 4242', 5, 'backward'), { value: '424 4242', caret: 3 });
  });

  it('Delete just before a separator removes the digit after it', () => {
    assert.deepEqual(deleteAcrossSeparator('4242 4242', 4, 'forward'), { value: '4242 242', caret: 4 });
  });

  it('leaves ordinary deletions to the browser', () => {
    assert.equal(deleteAcrossSeparator('4242 4242', 3, 'backward'), undefined);
    assert.equal(deleteAcrossSeparator('4242 4242', 6, 'forward'), undefined);
    assert.equal(deleteAcrossSeparator('4242', 0, 'backward'), undefined);
  });
});
