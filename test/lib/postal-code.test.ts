import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validatePostalCode } from '../../src/lib/postal-code.js';

describe('validatePostalCode', () => {
  it('accepts ZIP, ZIP+4 and other common shapes', () => {
    for (const code of ['94107', '94107-1234', 'SW1A 1AA', 'K1A 0B1']) assert.equal(validatePostalCode(code, true), undefined, code);
  });

  it('is required only when asked', () => {
    assert.equal(validatePostalCode(' ', true), 'required');
    assert.equal(validatePostalCode('', false), undefined);
  });

  it('rejects what cannot be a postal code', () => {
    assert.equal(validatePostalCode('1', false), 'format');
    assert.equal(validatePostalCode('94107!', true), 'format');
  });
});
