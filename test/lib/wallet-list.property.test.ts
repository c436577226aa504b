import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { PaymentMethod } from '../../src/protocol/index.js';
import { addMethod, defaultId, makeDefault, removeMethod, undoMakeDefault, undoRemove } from '../../src/lib/wallet-list.js';

const methodArbitrary = (id: string): fc.Arbitrary<PaymentMethod> =>
  fc.record({
    id: fc.constant(id),
    kind: fc.constantFrom('card' as const, 'bank' as const),
    brand: fc.constantFrom('visa' as const, 'mastercard' as const, 'ach' as const),
    last4: fc.stringMatching(/^\d{4}$/),
    isDefault: fc.constant(false),
    createdAt: fc.constant('2026-01-01T00:00:00.000Z'),
  });

/** A list as a server sends it: unique ids, at most one default, in any order. */
const listArbitrary: fc.Arbitrary<PaymentMethod[]> = fc
  .uniqueArray(fc.stringMatching(/^[0-9A-Za-z-]{8,12}$/), { maxLength: 8 })
  .chain(idList => fc.tuple(...idList.map(methodArbitrary)))
  .chain(methods =>
    fc
      .option(fc.nat({ max: Math.max(0, methods.length - 1) }), { nil: undefined })
      .map(defaultAt => methods.map((method, at) => ({ ...method, isDefault: at === defaultAt }))),
  );

/** A list and the index of one of its methods. */
const listWithIndex = listArbitrary
  .filter(methods => methods.length > 0)
  .chain(methods => fc.tuple(fc.constant(methods), fc.nat({ max: methods.length - 1 })));

/** A method added meanwhile: an id no list generates, default or not. */
const addedArbitrary = fc.boolean().chain(isDefault => methodArbitrary('added-meanwhile').map(method => ({ ...method, isDefault })));

const defaults = (methods: readonly PaymentMethod[]) => methods.filter(method => method.isDefault).length;

describe('wallet-list properties', () => {
  it('make default followed by its undo gives back the same list, order included', () => {
    fc.assert(
      fc.property(listWithIndex, ([methods, at]) => {
        const { methods: changed, change } = makeDefault(methods, methods[at]!.id);
        assert.deepEqual(undoMakeDefault(changed, change), methods);
      }),
    );
  });

  it('remove followed by its undo gives back the same list, order included', () => {
    fc.assert(
      fc.property(listWithIndex, ([methods, at]) => {
        const { methods: changed, removal } = removeMethod(methods, methods[at]!.id)!;
        assert.deepEqual(undoRemove(changed, removal), methods);
      }),
    );
  });

  it('an undo after an add meanwhile gives the list as if only the add had happened', () => {
    fc.assert(
      fc.property(listWithIndex, addedArbitrary, ([methods, at], added) => {
        const id = methods[at]!.id;
        const defaulted = makeDefault(methods, id);
        assert.deepEqual(undoMakeDefault(addMethod(defaulted.methods, added), defaulted.change), addMethod(methods, added));
        const removed = removeMethod(methods, id)!;
        assert.deepEqual(undoRemove(addMethod(removed.methods, added), removed.removal), addMethod(methods, added));
      }),
    );
  });

  it('every change and undo keeps at most one default, and make default leaves exactly one', () => {
    fc.assert(
      fc.property(listWithIndex, addedArbitrary, ([methods, at], added) => {
        const id = methods[at]!.id;
        const defaulted = makeDefault(methods, id);
        assert.equal(defaultId(defaulted.methods), id);
        assert.equal(defaults(defaulted.methods), 1);
        const removed = removeMethod(methods, id)!;
        const lists = [
          removed.methods,
          addMethod(methods, added),
          undoMakeDefault(addMethod(defaulted.methods, added), defaulted.change),
          undoRemove(addMethod(removed.methods, added), removed.removal),
        ];
        for (const list of lists) assert.ok(defaults(list) <= 1, JSON.stringify(list));
      }),
    );
  });

  it('no change reorders the methods it leaves in place, and ids stay unique', () => {
    fc.assert(
      fc.property(listWithIndex, addedArbitrary, ([methods, at], added) => {
        const id = methods[at]!.id;
        const order = (list: readonly PaymentMethod[]) => list.map(method => method.id);
        const others = order(methods).filter(other => other !== id);
        assert.deepEqual(order(makeDefault(methods, id).methods), order(methods));
        assert.deepEqual(order(removeMethod(methods, id)!.methods), others);
        const grown = addMethod(methods, added);
        assert.deepEqual(order(grown), [...order(methods), added.id]);
        assert.deepEqual(order(addMethod(grown, { ...added, last4: '0000' })), order(grown));
      }),
    );
  });
});
