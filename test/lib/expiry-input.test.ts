import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatExpiryInput, isExpired, parseExpiry, toMMYY, validateExpiry } from '../../src/lib/expiry-input.js';

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

describe('formatExpiryInput', () => {
  it('adds the separator once the month is complete', () => {
    assert.equal(formatExpiryInput('1'), '1');
    assert.equal(formatExpiryInput('12'), '12 / ');
    assert.equal(formatExpiryInput('123'), '12 / 3');
    assert.equal(formatExpiryInput('1235'), '12 / 35');
  });

  it('pads a month that can only have one digit', () => {
    assert.equal(formatExpiryInput('4'), '04 / ');
    assert.equal(formatExpiryInput('13'), '01 / 3');
    assert.equal(formatExpiryInput('1/'), '01 / ');
    assert.equal(formatExpiryInput('4/30'), '04 / 30');
  });

  it('keeps four-digit years from autofill', () => {
    assert.equal(formatExpiryInput('12/2030'), '12 / 2030');
    assert.equal(formatExpiryInput('122030'), '12 / 2030');
  });

  it('lets Backspace remove the separator', () => {
    assert.equal(formatExpiryInput('12 /', true), '12');
    assert.equal(formatExpiryInput('12 / ', true), '12');
    assert.equal(formatExpiryInput('12 / 3', true), '12 / 3');
  });

  it('leaves an empty field empty', () => {
    assert.equal(formatExpiryInput(''), '');
  });
});
