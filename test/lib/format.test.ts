import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { format } from '../../src/lib/format.js';

describe('format', () => {
  it('fills every placeholder, strings and numbers alike', () => {
    assert.equal(
      format('{brand} ending in {last4}, {count} left', { brand: 'Visa', last4: '4242', count: 3 }),
      'Visa ending in 4242, 3 left',
    );
  });

  it('fills a placeholder used twice both times', () => {
    assert.equal(format('{a} and {a}', { a: 'x' }), 'x and x');
  });

  it('leaves unknown placeholders as they are', () => {
    assert.equal(format('Hello {name}', {}), 'Hello {name}');
    assert.equal(format('Hello {name}'), 'Hello {name}');
  });

  it('never reads an inserted value as a placeholder', () => {
    assert.equal(format('{a} {b}', { a: '{b}', b: 'B' }), '{b} B');
  });

  it('ignores inherited keys', () => {
    assert.equal(format('{toString} {constructor}', {}), '{toString} {constructor}');
  });

  it('fills zero and empty values', () => {
    assert.equal(format('[{n}][{s}]', { n: 0, s: '' }), '[0][]');
  });
});
