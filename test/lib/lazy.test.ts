import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lazy } from '../../src/lib/lazy.js';

describe('lazy', () => {
  it('loads once and gives every caller the same result', async () => {
    let calls = 0;
    const load = lazy(async () => ++calls);
    assert.equal(load(), load());
    assert.equal(await load(), 1);
    assert.equal(calls, 1);
  });

  it('leaves no unhandled rejection when a warm-up call fails, hands the error to a caller that waits, and loads again next time', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      let calls = 0;
      const load = lazy(async () => {
        if (++calls < 3) throw new Error(`chunk failed (${calls})`);
        return 'module';
      });
      // Warm-up calls on every keystroke, none awaited.
      void load();
      void load();
      await assert.rejects(load(), /chunk failed \(1\)/);
      await new Promise(resolve => setTimeout(resolve, 10));
      assert.deepEqual(unhandled, []);
      await assert.rejects(load(), /chunk failed \(2\)/);
      assert.equal(await load(), 'module');
      assert.equal(calls, 3);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
