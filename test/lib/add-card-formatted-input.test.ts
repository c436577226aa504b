import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  cardNumberFormat,
  digitsFormat,
  expiryFormat,
  type Edit,
} from '../../src/components/ecrypt-add-card/formatted-input.controller.js';

const edit = (value: string, caret = value.length, more: Partial<Edit> = {}): Edit => ({
  value,
  caret,
  inputType: 'insertText',
  maxDigits: Infinity,
  ...more,
});

describe('add-card field preprocessors', () => {
  it('groups a card number as its network prints it, the caret after the digit it followed', () => {
    assert.deepEqual(cardNumberFormat.preprocess(edit('42424242')), { value: '4242 4242', caret: 9 });
    assert.deepEqual(cardNumberFormat.preprocess(edit('378282246310005')), { value: '3782 822463 10005', caret: 17 });
    // A digit typed in the middle of a group: the caret stays right after it.
    assert.deepEqual(cardNumberFormat.preprocess(edit('42442 4242', 3)), { value: '4244 2424 2', caret: 3 });
  });

  it('refuses a digit typed into a card number that is already as long as its network allows', () => {
    const full = '3782 822463 10005';
    const before = { value: full, start: full.length, end: full.length };
    assert.equal(cardNumberFormat.preprocess(edit(`${full}1`, full.length + 1, { before })), undefined);
    assert.equal(cardNumberFormat.deletesAcrossSeparators, true);
  });

  it('shows an expiry as MM / YY while it is typed, and leaves a deletion where it is', () => {
    assert.deepEqual(expiryFormat.preprocess(edit('4')), { value: '04 / ', caret: 5 });
    assert.deepEqual(expiryFormat.preprocess(edit('1230')), { value: '12 / 30', caret: 7 });
    assert.deepEqual(expiryFormat.preprocess(edit('12 /', 4, { inputType: 'deleteContentBackward' })), { value: '12', caret: 2 });
  });

  it('keeps digits only, at most the field’s maximum, and refuses an insertion with no room', () => {
    assert.deepEqual(digitsFormat.preprocess(edit('1a2-3', 5, { maxDigits: 4 })), { value: '123', caret: 3 });
    const before = { value: '1234', start: 4, end: 4 };
    assert.equal(digitsFormat.preprocess(edit('12345', 5, { maxDigits: 4, before })), undefined);
    // A paste with separators is fitted once they are gone.
    assert.deepEqual(digitsFormat.preprocess(edit('0110-0001-5', 11, { maxDigits: 9 })), { value: '011000015', caret: 9 });
  });
});
