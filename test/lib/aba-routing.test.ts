import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { abaChecksumValid, abaPrefixValid, validateRoutingNumber } from '../../src/lib/aba-routing.js';

describe('abaChecksumValid', () => {
  it('accepts real routing numbers', () => {
    for (const routing of ['011000015', '021000021', '011401533', '091000019', '122105278'])
      assert.equal(abaChecksumValid(routing), true, routing);
  });

  it('rejects a wrong check digit and anything not nine digits', () => {
    assert.equal(abaChecksumValid('011000016'), false);
    assert.equal(abaChecksumValid('01100001'), false);
    assert.equal(abaChecksumValid('01100001a'), false);
  });
});

describe('abaPrefixValid', () => {
  it('accepts the Federal Reserve ranges 00-12, 21-32, 61-72 and 80', () => {
    for (const prefix of ['00', '01', '12', '21', '32', '61', '72', '80']) assert.equal(abaPrefixValid(`${prefix}1000015`), true, prefix);
  });

  it('rejects every other first two digits', () => {
    for (const prefix of ['13', '20', '33', '60', '73', '79', '81', '99']) assert.equal(abaPrefixValid(`${prefix}1000015`), false, prefix);
  });
});

describe('validateRoutingNumber', () => {
  it('names the reason', () => {
    assert.equal(validateRoutingNumber(''), 'required');
    assert.equal(validateRoutingNumber('0110000'), 'length');
    assert.equal(validateRoutingNumber('011000016'), 'checksum');
    assert.equal(validateRoutingNumber('011000015'), undefined);
  });

  it('rejects all zeros, whose checksum is trivially a multiple of 10', () => {
    assert.equal(validateRoutingNumber('000000000'), 'invalid');
  });

  it('rejects a number with a valid checksum outside the assigned ranges', () => {
    assert.equal(abaChecksumValid('131000018'), true);
    assert.equal(validateRoutingNumber('131000018'), 'invalid');
  });
});
