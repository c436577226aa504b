import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PaymentMethod } from '../../src/protocol/index.js';
import { addMethod, defaultId, makeDefault, pickOf, removeMethod, undoMakeDefault, undoRemove } from '../../src/lib/wallet-list.js';

const method = (id: string, isDefault = false): PaymentMethod => ({
  id,
  kind: 'card',
  brand: 'visa',
  last4: id.slice(-4),
  expMonth: 4,
  expYear: 2027,
  isDefault,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const ids = (methods: readonly PaymentMethod[]) => methods.map(m => (m.isDefault ? `${m.id}*` : m.id));

/** Visa (default), Mastercard and a checking account, in the server's order. */
const LIST = [method('entry-4242', true), method('entry-4444'), method('entry-6789')];

describe('wallet-list', () => {
  describe('makeDefault / undoMakeDefault', () => {
    it('makes one method the only default and remembers the one before', () => {
      const { methods, change } = makeDefault(LIST, 'entry-4444');
      assert.deepEqual(ids(methods), ['entry-4242', 'entry-4444*', 'entry-6789']);
      assert.deepEqual(change, { id: 'entry-4444', previous: 'entry-4242' });
    });

    it('leaves the methods it does not touch as the same objects, and the list it was given as it was', () => {
      const before = structuredClone(LIST);
      const { methods } = makeDefault(LIST, 'entry-4444');
      assert.equal(methods[2], LIST[2]);
      assert.deepEqual(LIST, before);
    });

    it('puts the old default back', () => {
      const { methods, change } = makeDefault(LIST, 'entry-6789');
      assert.deepEqual(undoMakeDefault(methods, change), LIST);
    });

    it('goes back to no default when there was none', () => {
      const none = LIST.map(m => ({ ...m, isDefault: false }));
      const { methods, change } = makeDefault(none, 'entry-4444');
      assert.equal(change.previous, undefined);
      assert.deepEqual(undoMakeDefault(methods, change), none);
    });

    it('keeps a method added meanwhile, and the old default', () => {
      const { methods, change } = makeDefault(LIST, 'entry-4444');
      const added = addMethod(methods, method('entry-1117'));
      assert.deepEqual(ids(undoMakeDefault(added, change)), ['entry-4242*', 'entry-4444', 'entry-6789', 'entry-1117']);
    });

    it('leaves a method added meanwhile as the default when it became one', () => {
      const { methods, change } = makeDefault(LIST, 'entry-4444');
      const added = addMethod(methods, method('entry-1117', true));
      assert.deepEqual(ids(undoMakeDefault(added, change)), ['entry-4242', 'entry-4444', 'entry-6789', 'entry-1117*']);
    });
  });

  describe('removeMethod / undoRemove', () => {
    it('takes the method out and remembers where it was', () => {
      const { methods, removal } = removeMethod(LIST, 'entry-4444')!;
      assert.deepEqual(ids(methods), ['entry-4242*', 'entry-6789']);
      assert.deepEqual(removal, { method: LIST[1], index: 1 });
    });

    it('answers undefined for a method the list does not hold', () => {
      assert.equal(removeMethod(LIST, 'entry-0000'), undefined);
    });

    it('puts the method back exactly where it was, default included', () => {
      for (const id of LIST.map(m => m.id)) {
        const { methods, removal } = removeMethod(LIST, id)!;
        assert.deepEqual(undoRemove(methods, removal), LIST, id);
      }
    });

    it('keeps a method added meanwhile', () => {
      const { methods, removal } = removeMethod(LIST, 'entry-4444')!;
      const added = addMethod(methods, method('entry-1117'));
      assert.deepEqual(ids(undoRemove(added, removal)), ['entry-4242*', 'entry-4444', 'entry-6789', 'entry-1117']);
    });

    it('puts a removed default back as an ordinary method when a method added meanwhile became the default', () => {
      const { methods, removal } = removeMethod(LIST, 'entry-4242')!;
      const added = addMethod(methods, method('entry-1117', true));
      assert.deepEqual(ids(undoRemove(added, removal)), ['entry-4242', 'entry-4444', 'entry-6789', 'entry-1117*']);
    });

    it('brings nothing back when the list holds the method again', () => {
      const { removal } = removeMethod(LIST, 'entry-4444')!;
      assert.deepEqual(undoRemove(LIST, removal), LIST);
    });
  });

  describe('addMethod', () => {
    it('adds at the end', () => {
      assert.deepEqual(ids(addMethod(LIST, method('entry-1117'))), ['entry-4242*', 'entry-4444', 'entry-6789', 'entry-1117']);
    });

    it('replaces a method of the same id rather than listing it twice', () => {
      const again = { ...LIST[1]!, holderName: 'Ada Lovelace' };
      const result = addMethod(LIST, again);
      assert.deepEqual(ids(result), ['entry-4242*', 'entry-6789', 'entry-4444']);
      assert.equal(result.at(-1), again);
    });

    it('clears the other default when the added method is the default', () => {
      const result = addMethod(LIST, method('entry-1117', true));
      assert.deepEqual(ids(result), ['entry-4242', 'entry-4444', 'entry-6789', 'entry-1117*']);
      assert.equal(defaultId(result), 'entry-1117');
    });
  });

  describe('pickOf', () => {
    const usable = (m: PaymentMethod) => m.id !== 'entry-6789';

    it('picks the named method when it can be picked', () => {
      assert.equal(pickOf(LIST, 'entry-4444', usable)?.id, 'entry-4444');
    });

    it('falls back to the default for an unknown id, an empty value or a method that cannot be picked', () => {
      for (const value of ['entry-0000', '', 'entry-6789']) assert.equal(pickOf(LIST, value, usable)?.id, 'entry-4242', value);
    });

    it('picks nothing when the default cannot be picked either, or there is none', () => {
      assert.equal(
        pickOf(LIST, '', m => m.id === 'entry-4444'),
        undefined,
      );
      assert.equal(pickOf([method('entry-4444')], 'entry-0000', usable), undefined);
      assert.equal(pickOf([], 'entry-4444', usable), undefined);
    });
  });
});
