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

describe('format: plural choices', () => {
  const problems = '{count, plural, one {There is # problem.} other {There are # problems.}}';

  it('picks the branch of the English plural rules and fills # with the value', () => {
    assert.equal(format(problems, { count: 1 }, 'en'), 'There is 1 problem.');
    assert.equal(format(problems, { count: 3 }, 'en'), 'There are 3 problems.');
  });

  it("follows the locale's own categories: Arabic has two, few and many", () => {
    const ar = '{n, plural, one {واحدة} two {اثنتان} few {# قليلة} many {# كثيرة} other {# أخرى}}';
    assert.deepEqual(
      [1, 2, 5, 11, 100].map(n => format(ar, { n }, 'ar')),
      ['واحدة', 'اثنتان', '5 قليلة', '11 كثيرة', '100 أخرى'],
    );
  });

  it('prefers an exact =N branch, and falls back to other for a missing category', () => {
    const template = '{n, plural, =0 {none} other {# left}}';
    assert.equal(format(template, { n: 0 }, 'en'), 'none');
    assert.equal(format(template, { n: 1 }, 'en'), '1 left');
  });

  it('reads a numeral given as a string, and keeps other placeholders inside a branch', () => {
    assert.equal(format('{limit, plural, one {# {what}} other {# {what}s}}', { limit: '10', what: 'card' }, 'en'), '10 cards');
  });

  it('keeps text around the choice, and leaves a choice with no value or a malformed one as written', () => {
    assert.equal(format('A {n, plural, other {# b}} C', { n: 2 }), 'A 2 b C');
    assert.equal(format('{n, plural, other {# b}}', {}), '{n, plural, other {# b}}');
    assert.equal(format('{n, plural, other {# b}', { n: 2 }), '{n, plural, other {# b}');
  });

  it('never reads the value put in place of # as a placeholder', () => {
    assert.equal(format('{n, plural, other {# {x}}}', { n: '{x}', x: 'X' }), '{x} X');
  });
});
