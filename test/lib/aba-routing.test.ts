import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { abaChecksumValid, validateRoutingNumber } from '../../src/lib/aba-routing.js';

describe('abaChecksumValid', () => {
  it('accepts real routing numbers', () => {
    for (const routing of ['011000015', '021000021', '011401533', '091000019', '122105278']) assert.equal(abaChecksumValid(routing), true, routing);
  });

  it('rejects a wrong check digit and anything not nine digits', () => {
    assert.equal(abaChecksumValid('011000016'), false);
    assert.equal(abaChecksumValid('01100001'), false);
    assert.equal(abaChecksumValid('01100001a'), false);
  });
});

describe('validateRoutingNumber', () => {
  it('names the reason', () => {
    assert.equal(validateRoutingNumber(''), 'required');
    assert.equal(validateRoutingNumber('0110000'), 'length');
    assert.equal(validateRoutingNumber('011000016'), 'checksum');
    assert.equal(validateRoutingNumber('011000015'), undefined);
  });
});
