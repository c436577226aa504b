import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  deleteAcrossSeparator,
  digitsBefore,
  digitsOnly,
  fitDigits,
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
    assert.deepEqual(reformatCardNumber('42424', 5, FOURS), { value: '4242 4', caret: 6 });
  });

  it('keeps the caret after a digit typed in the middle', () => {
    // "4242 |4242" + "1" typed -> raw "4242 14242", caret 6
    assert.deepEqual(reformatCardNumber('4242 14242', 6, FOURS), { value: '4242 1424 2', caret: 6 });
  });

  it('keeps the caret where a digit was deleted in the middle', () => {
    // "4242 42|42 4242" with Backspace -> raw "4242 4|42 4242"
    assert.deepEqual(reformatCardNumber('4242 442 4242', 6, FOURS), { value: '4242 4424 242', caret: 6 });
  });

  it('formats a pasted spaced number and puts the caret at its end', () => {
    const raw = '4242 4242 4242 4242';
    assert.deepEqual(reformatCardNumber(raw, raw.length, FOURS), { value: raw, caret: raw.length });
  });

  it('groups Amex 4-6-5', () => {
    assert.deepEqual(reformatCardNumber('378282246310005', 15, AMEX), { value: '3782 822463 10005', caret: 17 });
  });
});

describe('fitDigits', () => {
  it('leaves an edit within the maximum alone', () => {
    assert.deepEqual(fitDigits('4242 14242', 6, 16, { value: '4242 4242', start: 5, end: 5 }), { value: '4242 14242', caret: 6 });
  });

  it('refuses a digit typed into a full number instead of pushing the last one out', () => {
    // "55|55 5555 5555 4444" + "1"
    assert.equal(fitDigits('55155 5555 5555 4444', 3, 16, { value: '5555 5555 5555 4444', start: 2, end: 2 }), undefined);
    assert.equal(fitDigits('5555 5555 5555 44441', 20, 16, { value: '5555 5555 5555 4444', start: 19, end: 19 }), undefined);
  });

  it('keeps as many pasted digits as there is room for, and every digit that was there', () => {
    assert.deepEqual(fitDigits('42-9-9-9-942', 10, 6, { value: '4242', start: 2, end: 2 }), { value: '429942', caret: 4 });
  });

  it('lets a paste replace a selection', () => {
    assert.deepEqual(fitDigits('1234567890', 10, 6, { value: '1234', start: 0, end: 4 }), { value: '123456', caret: 6 });
  });

  it('keeps every digit after a deletion, even beyond a new, shorter maximum', () => {
    // Deleting the 4 of a 19-digit Visa starting 437… leaves 18 digits of an American Express (15).
    const raw = '3700 0000 0000 0000 06';
    assert.deepEqual(fitDigits(raw, 0, 15, { value: '4370 0000 0000 0000 006', start: 1, end: 1 }), { value: raw, caret: 0 });
  });

  it('keeps the leading digits when there is no record of the field before the edit', () => {
    assert.deepEqual(fitDigits('1234-5678', 9, 6), { value: '123456', caret: 6 });
    assert.deepEqual(fitDigits('1234-5678', 2, 6), { value: '123456', caret: 2 });
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
