import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expiryStatus } from '../../src/lib/expiry-status.js';

/** Local noon, so the calendar day never depends on the machine's time zone. */
const day = (year: number, month: number, date: number) => new Date(year, month - 1, date, 12);

describe('expiryStatus', () => {
  it('is valid well before the expiry month', () => {
    assert.equal(expiryStatus(4, 2027, day(2026, 11, 23)), 'valid');
  });

  it('is usable through the last day of the expiry month', () => {
    assert.equal(expiryStatus(4, 2027, new Date(2027, 3, 30, 23, 59, 59)), 'expiring-soon');
  });

  it('is expired on the first day of the following month', () => {
    assert.equal(expiryStatus(4, 2027, new Date(2027, 4, 1, 0, 0, 0)), 'expired');
  });

  it('is expired years later', () => {
    assert.equal(expiryStatus(1, 2020, day(2026, 11, 23)), 'expired');
  });

  it('is expiring soon when the last day is exactly 30 days away', () => {
    assert.equal(expiryStatus(4, 2027, day(2027, 3, 31)), 'expiring-soon');
  });

  it('is valid when the last day is 31 days away', () => {
    assert.equal(expiryStatus(4, 2027, day(2027, 3, 30)), 'valid');
  });

  it('takes the window length from soonDays', () => {
    assert.equal(expiryStatus(4, 2027, day(2027, 3, 30), 31), 'expiring-soon');
    assert.equal(expiryStatus(4, 2027, day(2027, 4, 20), 0), 'valid');
    assert.equal(expiryStatus(4, 2027, day(2027, 4, 30), 0), 'expiring-soon');
  });

  it('knows February in leap and common years', () => {
    assert.equal(expiryStatus(2, 2028, day(2028, 2, 29)), 'expiring-soon');
    assert.equal(expiryStatus(2, 2027, day(2027, 3, 1)), 'expired');
    assert.equal(expiryStatus(2, 2028, day(2028, 3, 1)), 'expired');
  });

  it('handles December rolling into the next year', () => {
    assert.equal(expiryStatus(12, 2026, day(2026, 12, 31)), 'expiring-soon');
    assert.equal(expiryStatus(12, 2026, day(2027, 1, 1)), 'expired');
  });

  it('counts calendar days, so a daylight-saving change in between changes nothing', () => {
    // March 1 to April 30 crosses the spring change in the US and the EU: still 60 days.
    assert.equal(expiryStatus(4, 2027, new Date(2027, 2, 1, 23, 30), 60), 'expiring-soon');
    assert.equal(expiryStatus(4, 2027, new Date(2027, 2, 1, 0, 30), 59), 'valid');
  });

  it('reads a two-digit year as 20YY', () => {
    assert.equal(expiryStatus(4, 27, day(2027, 5, 1)), 'expired');
    assert.equal(expiryStatus(4, 27, day(2026, 1, 1)), 'valid');
  });

  it('rejects an impossible month or year', () => {
    assert.throws(() => expiryStatus(0, 2027, day(2026, 1, 1)), RangeError);
    assert.throws(() => expiryStatus(13, 2027, day(2026, 1, 1)), RangeError);
    assert.throws(() => expiryStatus(4.5, 2027, day(2026, 1, 1)), RangeError);
    assert.throws(() => expiryStatus(4, Number.NaN, day(2026, 1, 1)), RangeError);
  });
});
