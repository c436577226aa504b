import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cardRules, detectBrand } from '../../src/lib/card-brand.js';

describe('detectBrand', () => {
  it('detects Visa from a leading 4', () => {
    assert.equal(detectBrand('4'), 'visa');
    assert.equal(detectBrand('4242424242424242'), 'visa');
  });

  it('detects Mastercard 51-55 once two digits are typed', () => {
    assert.equal(detectBrand('5'), 'unknown');
    for (const prefix of ['51', '53', '55']) assert.equal(detectBrand(prefix), 'mastercard', prefix);
    assert.equal(detectBrand('50'), 'unknown');
    assert.equal(detectBrand('56'), 'unknown');
  });

  it('detects the Mastercard 2-series 2221-2720 only when no other number is possible', () => {
    assert.equal(detectBrand('2'), 'unknown');
    assert.equal(detectBrand('22'), 'unknown');
    assert.equal(detectBrand('222'), 'unknown');
    assert.equal(detectBrand('2221'), 'mastercard');
    assert.equal(detectBrand('23'), 'mastercard');
    assert.equal(detectBrand('26'), 'mastercard');
    assert.equal(detectBrand('2720'), 'mastercard');
    assert.equal(detectBrand('2721'), 'unknown');
    assert.equal(detectBrand('2220'), 'unknown');
    assert.equal(detectBrand('2223003122003222'), 'mastercard');
  });

  it('detects American Express from 34 and 37', () => {
    assert.equal(detectBrand('3'), 'unknown');
    assert.equal(detectBrand('34'), 'amex');
    assert.equal(detectBrand('37'), 'amex');
    assert.equal(detectBrand('35'), 'unknown');
  });

  it('detects Discover from 6011, 644-649 and 65', () => {
    for (const prefix of ['6011', '644', '649', '65', '6011111111111117']) assert.equal(detectBrand(prefix), 'discover', prefix);
    for (const prefix of ['6', '60', '601', '6012', '643', '66']) assert.equal(detectBrand(prefix), 'unknown', prefix);
  });

  it('detects UnionPay (62) and JCB (3528-3589) as Discover, the network they run on', () => {
    for (const prefix of ['62', '621', '622', '6200000000000005', '3528', '353', '358', '3589', '3530111333300000'])
      assert.equal(detectBrand(prefix), 'discover', prefix);
    for (const prefix of ['35', '352', '3527', '359', '3590', '36', '38']) assert.equal(detectBrand(prefix), 'unknown', prefix);
  });

  it('answers unknown for empty input and non-digits', () => {
    assert.equal(detectBrand(''), 'unknown');
    assert.equal(detectBrand('4x'), 'unknown');
  });
});

describe('cardRules', () => {
  it('groups Amex 4-6-5 with a 4-digit code and 15 digits', () => {
    assert.deepEqual(cardRules('amex'), { gaps: [4, 10], lengths: [15], cvcLength: 4 });
  });

  it('groups the other networks in fours with a 3-digit code', () => {
    for (const brand of ['visa', 'mastercard', 'discover', 'unknown'] as const) {
      assert.deepEqual(cardRules(brand).gaps.slice(0, 3), [4, 8, 12], brand);
      assert.equal(cardRules(brand).cvcLength, 3, brand);
    }
  });

  it('allows Visa 13, 16 and 19 digits and Mastercard 16 only', () => {
    assert.deepEqual(cardRules('visa').lengths, [13, 16, 19]);
    assert.deepEqual(cardRules('mastercard').lengths, [16]);
  });
});
