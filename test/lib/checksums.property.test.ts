/**
 * The checksums and the message formatter against oracles written here, apart from
 * the code under test, over generated input.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { abaChecksumValid, validateRoutingNumber } from '../../src/lib/aba-routing.js';
import { validateBankAccountNumber } from '../../src/lib/bank-account.js';
import { validateCardNumber } from '../../src/lib/card-validation.js';
import { format } from '../../src/lib/format.js';
import { luhnValid } from '../../src/lib/luhn.js';

// A fixed seed so a run replays exactly; FC_SEED and FC_RUNS explore further.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261203), numRuns: Number(process.env.FC_RUNS ?? 1000) });

const digits = (minLength: number, maxLength: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });
const anyText = fc.string({ unit: fc.oneof(fc.constantFrom(...'0123456789 -'), fc.string({ minLength: 1, maxLength: 1 })), maxLength: 25 });

/** Luhn the textbook way: from the right, every second digit looked up in the doubled-digit-sum table. */
const DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];
function luhnOracle(number: string): boolean {
  if (!/^\d+$/.test(number)) return false;
  const total = [...number]
    .reverse()
    .map(Number)
    .reduce((sum, d, i) => sum + (i % 2 === 1 ? (DOUBLED[d] ?? NaN) : d), 0);
  return total % 10 === 0;
}
/** The digit that makes `body` + digit pass Luhn. */
const luhnCheckDigit = (body: string) => String([...'0123456789'].findIndex(d => luhnOracle(body + d)));

/** The ABA checksum as the Federal Reserve writes it out. */
function abaOracle(routing: string): boolean {
  if (!/^\d{9}$/.test(routing)) return false;
  const d = [...routing].map(Number) as [number, number, number, number, number, number, number, number, number];
  return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 === 0;
}
const assignedPrefix = (routing: string) => {
  const p = Number(routing.slice(0, 2));
  return p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p === 80;
};

describe('Luhn (properties)', () => {
  it('agrees with the oracle on any digits', () => {
    fc.assert(fc.property(digits(0, 24), number => assert.equal(luhnValid(number), luhnOracle(number))));
  });

  it('agrees with the oracle on any text', () => {
    fc.assert(fc.property(anyText, text => assert.equal(luhnValid(text), luhnOracle(text))));
  });

  it('accepts a number completed with its check digit and catches any single changed digit', () => {
    fc.assert(
      fc.property(digits(11, 18), fc.nat(), fc.integer({ min: 1, max: 9 }), (body, at, shift) => {
        const number = body + luhnCheckDigit(body);
        assert.equal(luhnValid(number), true);
        const i = at % number.length;
        const changed = number.slice(0, i) + String((Number(number[i]) + shift) % 10) + number.slice(i + 1);
        assert.equal(luhnValid(changed), false);
      }),
    );
  });

  it('a card number is valid only when its check digit is', () => {
    fc.assert(
      fc.property(digits(13, 19), number => {
        if (validateCardNumber(number) === undefined) assert.equal(luhnOracle(number), true);
      }),
    );
  });
});

describe('ABA routing numbers (properties)', () => {
  it('the checksum agrees with the oracle on nine digits and on any text', () => {
    fc.assert(fc.property(digits(9, 9), routing => assert.equal(abaChecksumValid(routing), abaOracle(routing))));
    fc.assert(fc.property(anyText, text => assert.equal(abaChecksumValid(text), abaOracle(text))));
  });

  it('accepts exactly the nine-digit numbers with a valid checksum in an assigned range', () => {
    // Eight digits and every possible ninth: exactly one ninth digit passes the checksum.
    fc.assert(
      fc.property(digits(8, 8), body => {
        const passing = [...'0123456789'].map(d => body + d).filter(abaOracle);
        assert.equal(passing.length, 1);
        for (const d of '0123456789') {
          const routing = body + d;
          const expected = abaOracle(routing) && assignedPrefix(routing) && !/^0+$/.test(routing);
          assert.equal(validateRoutingNumber(routing) === undefined, expected, routing);
        }
      }),
    );
  });

  it('refuses anything but nine digits', () => {
    fc.assert(
      fc.property(
        digits(0, 20).filter(d => d.length !== 9),
        routing => assert.notEqual(validateRoutingNumber(routing), undefined),
      ),
    );
  });
});

describe('bank account numbers (properties)', () => {
  it('accepts exactly 7 to 20 digits', () => {
    fc.assert(
      fc.property(anyText, text => {
        assert.equal(validateBankAccountNumber(text) === undefined, /^\d{7,20}$/.test(text));
      }),
    );
  });
});

describe('message format (properties)', () => {
  it('inserts a value as it is, never reading it as a placeholder', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (value, other) => {
        assert.equal(format('{a}', { a: value, b: other }), value);
        assert.equal(format('{a}{b}', { a: value, b: other }), value + other);
      }),
    );
  });

  it('leaves a template without placeholders it knows unchanged', () => {
    fc.assert(fc.property(fc.string(), template => assert.equal(format(template, {}), template)));
  });
});
