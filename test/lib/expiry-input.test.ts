import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatExpiryEdit, isExpired, parseExpiry, toMMYY, validateExpiry } from '../../src/lib/expiry-input.js';

describe('parseExpiry', () => {
  it('reads MM/YY, MMYY, M/YY, MM/YYYY and the formatted MM / YY', () => {
    assert.deepEqual(parseExpiry('12/35'), { month: 12, year: 2035 });
    assert.deepEqual(parseExpiry('1235'), { month: 12, year: 2035 });
    assert.deepEqual(parseExpiry('4/30'), { month: 4, year: 2030 });
    assert.deepEqual(parseExpiry('04/2030'), { month: 4, year: 2030 });
    assert.deepEqual(parseExpiry('04 / 30'), { month: 4, year: 2030 });
    assert.deepEqual(parseExpiry('042030'), { month: 4, year: 2030 });
  });

  it('says when the field is empty, malformed or the month is out of range', () => {
    assert.deepEqual(parseExpiry('  '), { error: 'required' });
    assert.deepEqual(parseExpiry('12 / 3'), { error: 'format' });
    assert.deepEqual(parseExpiry('123'), { error: 'format' });
    assert.deepEqual(parseExpiry('13/30'), { error: 'month' });
    assert.deepEqual(parseExpiry('00/30'), { error: 'month' });
  });
});

describe('isExpired', () => {
  const now = new Date(2026, 10, 23, 12); // 23 November 2026, local time

  it('treats a card as usable through the last day of its month', () => {
    assert.equal(isExpired(11, 2026, now), false);
    assert.equal(isExpired(11, 2026, new Date(2026, 10, 30, 23, 59, 59)), false);
    assert.equal(isExpired(11, 2026, new Date(2026, 11, 1)), true);
  });

  it('treats earlier months as expired and later ones as usable', () => {
    assert.equal(isExpired(10, 2026, now), true);
    assert.equal(isExpired(12, 2025, now), true);
    assert.equal(isExpired(1, 2027, now), false);
  });
});

describe('validateExpiry', () => {
  const now = new Date(2026, 10, 23);

  it('accepts a future date', () => {
    assert.equal(validateExpiry('12 / 35', now), undefined);
  });

  it('names the reason a date is not usable', () => {
    assert.equal(validateExpiry('', now), 'required');
    assert.equal(validateExpiry('1', now), 'format');
    assert.equal(validateExpiry('14/30', now), 'month');
    assert.equal(validateExpiry('10/26', now), 'expired');
    assert.equal(validateExpiry('01/2060', now), 'too_far');
  });
});

describe('toMMYY', () => {
  it('writes the gateway form', () => {
    assert.equal(toMMYY({ month: 12, year: 2035 }), '1235');
    assert.equal(toMMYY({ month: 4, year: 2030 }), '0430');
  });
});

describe('formatExpiryEdit', () => {
  /** Typing or pasting at the end: the field's new text with the caret after it. */
  const atEnd = (raw: string) => formatExpiryEdit(raw, raw.length, 'insert')?.value;

  it('adds the separator once the month is complete', () => {
    assert.equal(atEnd('1'), '1');
    assert.equal(atEnd('12'), '12 / ');
    assert.equal(atEnd('123'), '12 / 3');
    assert.equal(atEnd('1235'), '12 / 35');
    assert.deepEqual(formatExpiryEdit('12 / 3', 6, 'insert'), { value: '12 / 3', caret: 6 });
  });

  it('pads a month that can only have one digit', () => {
    assert.equal(atEnd('4'), '04 / ');
    assert.equal(atEnd('13'), '01 / 3');
    assert.equal(atEnd('1/'), '01 / ');
    assert.equal(atEnd('4/30'), '04 / 30');
    assert.deepEqual(formatExpiryEdit('4', 1, 'insert'), { value: '04 / ', caret: 5 });
  });

  it('keeps four-digit years from autofill', () => {
    assert.equal(atEnd('12/2030'), '12 / 2030');
    assert.equal(atEnd('122030'), '12 / 2030');
  });

  it('lets Backspace remove the separator', () => {
    assert.equal(formatExpiryEdit('12 /', 4, 'backward')?.value, '12');
    assert.equal(formatExpiryEdit('12 / ', 5, 'backward')?.value, '12');
    assert.deepEqual(formatExpiryEdit('12 / 3', 6, 'backward'), { value: '12 / 3', caret: 6 });
  });

  it('drops what a pasted or autofilled date opens with before its first digit', () => {
    assert.equal(atEnd(' 12/30'), '12 / 30');
    assert.equal(atEnd('Exp 12/30'), '12 / 30');
    assert.equal(atEnd('Exp: 1230'), '12 / 30');
    assert.equal(atEnd(' 4/30'), '04 / 30');
    assert.deepEqual(formatExpiryEdit(' 12 / 34', 3, 'insert'), { value: '12 / 34', caret: 2 });
  });

  it('leaves an empty field empty', () => {
    assert.equal(atEnd(''), '');
  });

  it('keeps the year when the selected month is replaced by one digit', () => {
    // "[12] / 34", then 0 typed over the selection.
    assert.deepEqual(formatExpiryEdit('0 / 34', 1, 'insert'), { value: '0 / 34', caret: 1 });
    assert.deepEqual(formatExpiryEdit('1 / 34', 1, 'insert'), { value: '1 / 34', caret: 1 });
  });

  it('completes a month typed over a selection with its second digit, not by pushing it into the year', () => {
    assert.deepEqual(formatExpiryEdit('11 / 34', 2, 'insert'), { value: '11 / 34', caret: 2 });
  });

  it('never pads while deleting', () => {
    // Backspace after the 2 of "12 / 34".
    assert.deepEqual(formatExpiryEdit('1 / 34', 1, 'backward'), { value: '1 / 34', caret: 1 });
    // Both month digits deleted: the year stays a year.
    assert.deepEqual(formatExpiryEdit(' / 34', 0, 'backward'), { value: ' / 34', caret: 0 });
  });

  it('refuses a third month digit or a fifth year digit', () => {
    assert.equal(formatExpiryEdit('125 / 34', 3, 'insert'), undefined);
    assert.equal(formatExpiryEdit('012 / 34', 1, 'insert'), undefined);
    assert.equal(formatExpiryEdit('12 / 20135', 8, 'insert'), undefined);
    assert.equal(formatExpiryEdit('12 / 20355', 10, 'insert'), undefined);
    // Two digits left without their separator are still the month.
    assert.equal(formatExpiryEdit('012', 1, 'insert'), undefined);
  });

  it('keeps the caret in the year when a year digit is typed or deleted', () => {
    assert.deepEqual(formatExpiryEdit('12 / 394', 7, 'insert'), { value: '12 / 394', caret: 7 });
    assert.deepEqual(formatExpiryEdit('12 / 4', 5, 'backward'), { value: '12 / 4', caret: 5 });
  });

  it('moves the caret over the separator instead of deleting it when the year is there', () => {
    // Backspace right after "12 / ": the space went, the separator comes back and the caret goes before it.
    assert.deepEqual(formatExpiryEdit('12 /34', 4, 'backward'), { value: '12 / 34', caret: 2 });
    // Delete right after "12": the caret goes past it.
    assert.deepEqual(formatExpiryEdit('12/ 34', 2, 'forward'), { value: '12 / 34', caret: 5 });
  });

  it('skips the separator when "/" is typed before it', () => {
    assert.deepEqual(formatExpiryEdit('12/ / 34', 3, 'insert'), { value: '12 / 34', caret: 5 });
  });
});
