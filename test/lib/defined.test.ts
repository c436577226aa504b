import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defined } from '../../src/lib/defined.js';

describe('defined', () => {
  it('drops keys whose value is undefined and keeps every other value', () => {
    assert.deepEqual(defined({ a: 1, b: undefined, c: '', d: 0, e: false, f: null }), { a: 1, c: '', d: 0, e: false, f: null });
  });

  it('drops undefined keys of nested objects too', () => {
    assert.deepEqual(defined({ outer: { kept: 'x', gone: undefined } }), { outer: { kept: 'x' } });
  });

  it('answers a copy, leaving the argument unchanged', () => {
    const value = { a: 1, b: undefined as number | undefined, nested: { c: 2 } };
    const copy = defined(value);
    assert.notEqual(copy, value);
    assert.notEqual(copy.nested, value.nested);
    assert.ok('b' in value);
  });

  it('answers an empty object when every value is undefined', () => {
    assert.deepEqual(defined({ a: undefined }), {});
  });
});
