/**
 * Properties of the expiry field over generated input: typing a date digit by digit
 * reads back as that date, the MMYY form round-trips, and whatever the edit, the
 * caret stays inside the value.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { digitsOnly } from '../../src/lib/card-number.js';
import { formatExpiryEdit, parseExpiry, toMMYY, type ExpiryEdit } from '../../src/lib/expiry-input.js';

// A fixed seed so a run replays exactly; FC_SEED and FC_RUNS explore further.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261203), numRuns: Number(process.env.FC_RUNS ?? 1000) });

// Spread: fast-check's records have no prototype, and a parsed expiry does.
const expiry = fc.record({ month: fc.integer({ min: 1, max: 12 }), year: fc.integer({ min: 2000, max: 2099 }) }).map(date => ({ ...date }));
const fieldText = fc.string({ unit: fc.constantFrom(...'0123456789', ' ', '/', '-', '.', 'E', 'x'), maxLength: 12 });

/** Types `text` one character at a time at the end of the field, as a keyboard does. */
function typeAtEnd(text: string): string {
  let value = '';
  for (const char of text) {
    const out = formatExpiryEdit(value + char, value.length + 1, 'insert');
    if (out) value = out.value;
  }
  return value;
}

describe('expiry field (properties)', () => {
  it('MMYY round-trips through parseExpiry', () => {
    fc.assert(fc.property(expiry, date => assert.deepEqual(parseExpiry(toMMYY(date)), date)));
  });

  it('typing MMYY digit by digit shows MM / YY and reads back as the date', () => {
    fc.assert(
      fc.property(expiry, date => {
        const value = typeAtEnd(toMMYY(date));
        assert.equal(value, `${toMMYY(date).slice(0, 2)} / ${toMMYY(date).slice(2)}`);
        assert.deepEqual(parseExpiry(value), date);
      }),
    );
  });

  it('typing M/YY with a one-digit month reads back as the date', () => {
    fc.assert(
      fc.property(expiry, date => {
        const value = typeAtEnd(`${date.month}/${String(date.year % 100).padStart(2, '0')}`);
        assert.deepEqual(parseExpiry(value), date);
      }),
    );
  });

  it('whatever the edit, the caret stays inside the value and an edit never grows the field past six digits', () => {
    const edit = fieldText.chain(text =>
      fc.record({
        text: fc.constant(text),
        at: fc.integer({ min: 0, max: text.length }),
        kind: fc.constantFrom<ExpiryEdit>('insert', 'backward', 'forward'),
      }),
    );
    fc.assert(
      fc.property(edit, ({ text, at, kind }) => {
        const out = formatExpiryEdit(text, at, kind);
        if (out === undefined) {
          assert.equal(kind, 'insert', 'only an insertion is ever refused');
          return;
        }
        assert.ok(Number.isInteger(out.caret) && out.caret >= 0 && out.caret <= out.value.length, `${JSON.stringify(out)}`);
        assert.ok(digitsOnly(out.value).length <= digitsOnly(text).length + 1);
        // A field already past six digits (a script set it) is left for validation to refuse.
        assert.ok(digitsOnly(out.value).length <= Math.max(6, digitsOnly(text).length));
      }),
    );
  });

  it('a deletion never drops or adds a digit', () => {
    const edit = fieldText.chain(text =>
      fc.record({
        text: fc.constant(text),
        at: fc.integer({ min: 0, max: text.length }),
        kind: fc.constantFrom<ExpiryEdit>('backward', 'forward'),
      }),
    );
    fc.assert(
      fc.property(edit, ({ text, at, kind }) => {
        const out = formatExpiryEdit(text, at, kind);
        assert.ok(out);
        assert.equal(digitsOnly(out.value), digitsOnly(text));
      }),
    );
  });
});
