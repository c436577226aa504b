/**
 * Properties of the card number field's text pipeline, over generated input:
 * formatting never changes the digits, and the caret never leaves the value.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CARD_RULES, detectBrand } from '../../src/lib/card-brand.js';
import {
  deleteAcrossSeparator,
  digitsBefore,
  digitsOnly,
  fitDigits,
  formatCardNumber,
  positionAfterDigits,
  reformatCardNumber,
} from '../../src/lib/card-number.js';

// A fixed seed so a run replays exactly; FC_SEED and FC_RUNS explore further.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261203), numRuns: Number(process.env.FC_RUNS ?? 1000) });

const digits = (maxLength = 24) => fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength });
/** What a person may leave in the field: digits among spaces, dashes, letters and other script. */
const typed = fc.string({
  unit: fc.oneof(fc.constantFrom(...'0123456789'), fc.constantFrom(' ', '-', '/', 'a', '٣', '\u00a0', '💳')),
  maxLength: 30,
});
const gaps = fc.constantFrom(...Object.values(CARD_RULES).map(rules => rules.gaps));
const withCaret = typed.chain(text => fc.record({ text: fc.constant(text), caret: fc.integer({ min: 0, max: text.length }) }));

const inRange = (caret: number, value: string) => Number.isInteger(caret) && caret >= 0 && caret <= value.length;

describe('card number formatting (properties)', () => {
  it('format then parse gives the digits back', () => {
    fc.assert(fc.property(digits(), gaps, (number, groups) => assert.equal(digitsOnly(formatCardNumber(number, groups)), number)));
  });

  it('puts only single spaces between digits, never at either end', () => {
    fc.assert(
      fc.property(digits(), gaps, (number, groups) => {
        const value = formatCardNumber(number, groups);
        assert.match(value, /^(?:[0-9]+(?: [0-9]+)*)?$/);
      }),
    );
  });

  it('reformatting keeps every digit and the caret after the digit it followed', () => {
    fc.assert(
      fc.property(withCaret, gaps, ({ text, caret }, groups) => {
        const out = reformatCardNumber(text, caret, groups);
        assert.equal(digitsOnly(out.value), digitsOnly(text));
        assert.ok(inRange(out.caret, out.value), `caret ${out.caret} in ${JSON.stringify(out.value)}`);
        assert.equal(digitsBefore(out.value, out.caret), digitsBefore(text, caret));
      }),
    );
  });

  it('positionAfterDigits lands right after the requested digit, inside the value', () => {
    fc.assert(
      fc.property(typed, fc.integer({ min: -3, max: 40 }), (text, count) => {
        const position = positionAfterDigits(text, count);
        assert.ok(inRange(position, text));
        assert.equal(digitsBefore(text, position), Math.max(0, Math.min(count, digitsOnly(text).length)));
      }),
    );
  });

  it('fitting an edit keeps the caret inside the value and never exceeds the room it was given', () => {
    const edit = fc.record({ before: typed, insert: typed, max: fc.integer({ min: 1, max: 19 }) }).chain(({ before, insert, max }) =>
      fc.record({
        before: fc.constant(before),
        insert: fc.constant(insert),
        max: fc.constant(max),
        start: fc.integer({ min: 0, max: before.length }),
        length: fc.integer({ min: 0, max: before.length }),
      }),
    );
    fc.assert(
      fc.property(edit, ({ before, insert, max, start, length }) => {
        const end = Math.min(before.length, start + length);
        const raw = before.slice(0, start) + insert + before.slice(end);
        const caret = start + insert.length;
        const out = fitDigits(raw, caret, max, { value: before, start, end });
        if (out === undefined) {
          // Refused only when nothing fits and the edit added digits.
          assert.ok(digitsOnly(raw).length > max && digitsOnly(raw).length > digitsOnly(before).length);
          return;
        }
        assert.ok(inRange(out.caret, out.value), `caret ${out.caret} in ${JSON.stringify(out.value)}`);
        const grew = digitsOnly(raw).length > Math.max(max, digitsOnly(before).length);
        if (grew) assert.ok(digitsOnly(out.value).length <= Math.max(max, digitsOnly(before).length));
        else assert.equal(out.value, raw);
      }),
    );
  });

  it('fitting without a record of the field before keeps the leading digits', () => {
    fc.assert(
      fc.property(withCaret, fc.integer({ min: 1, max: 19 }), ({ text, caret }, max) => {
        const out = fitDigits(text, caret, max);
        assert.ok(out);
        assert.ok(inRange(out.caret, out.value));
        if (digitsOnly(text).length > max) assert.equal(out.value, digitsOnly(text).slice(0, max));
      }),
    );
  });

  it('deleting across a separator removes exactly one digit and keeps the caret inside', () => {
    fc.assert(
      fc.property(digits(19), gaps, fc.nat(), fc.constantFrom('backward', 'forward'), (number, groups, at, direction) => {
        const value = formatCardNumber(number, groups);
        const caret = value.length === 0 ? 0 : at % (value.length + 1);
        const out = deleteAcrossSeparator(value, caret, direction as 'backward' | 'forward');
        if (!out) return;
        assert.equal(out.value.length, value.length - 1);
        assert.equal(digitsOnly(out.value).length, number.length - 1);
        assert.ok(inRange(out.caret, out.value));
      }),
    );
  });
});

describe('card network detection (properties)', () => {
  it('a network, once named, stays named whatever digits follow', () => {
    fc.assert(
      fc.property(digits(8), digits(12), (head, tail) => {
        const brand = detectBrand(head);
        if (brand !== 'unknown') assert.equal(detectBrand(head + tail), brand);
      }),
    );
  });

  it('anything that is not all digits is unknown', () => {
    fc.assert(
      fc.property(
        typed.filter(text => !/^[0-9]+$/.test(text)),
        text => assert.equal(detectBrand(text), 'unknown'),
      ),
    );
  });
});
