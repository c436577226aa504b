import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddMethodRequest, AddMethodResponse } from '../../src/protocol/index.js';
import { SaveAttempts, billingAddressOf, last4Of, runSave, type SaveSteps } from '../../src/components/ecrypt-add-card/save-attempt.js';

const answer: AddMethodResponse = {
  method: { id: 'pm_1', kind: 'card', brand: 'visa', last4: '4242', isDefault: true, createdAt: '2026-11-23T12:00:00Z' },
  methods: [],
  limit: 10,
};

/** Steps that record what they were asked, each replaceable. */
function steps(overrides: Partial<SaveSteps> = {}) {
  const calls: string[] = [];
  const saves: { body: AddMethodRequest; key: string }[] = [];
  const base: SaveSteps = {
    prepare: async () => calls.push('prepare'),
    tokenize: async () => {
      calls.push('tokenize');
      return { token: `tok_${calls.length}`, held: { brand: 'visa', last4: '4242' } };
    },
    details: () => ({ makeDefault: true }),
    tokenized: () => calls.push('tokenized'),
    save: async (body, key) => {
      calls.push('save');
      saves.push({ body, key });
      return answer;
    },
  };
  return { calls, saves, steps: { ...base, ...overrides } };
}

describe('save attempt', () => {
  it('tokenizes, holds the body with the details read then, and saves it under the attempt key', async () => {
    const attempts = new SaveAttempts(() => {});
    const run = steps();
    const outcome = await runSave(attempts, 'card', run.steps);
    assert.deepEqual(outcome, { saved: answer });
    assert.deepEqual(run.calls, ['prepare', 'tokenize', 'tokenized', 'save']);
    const attempt = attempts.get('card')!;
    assert.deepEqual(run.saves, [{ body: { token: 'tok_2', makeDefault: true }, key: attempt.key }]);
    assert.deepEqual(attempt.held, { brand: 'visa', last4: '4242' });
  });

  it('resends a held body exactly, with the same key, without tokenizing again', async () => {
    const attempts = new SaveAttempts(() => {});
    const lost = steps({
      save: async () => {
        throw new Error('connection dropped');
      },
    });
    const first = await runSave(attempts, 'card', lost.steps);
    assert.equal('failed' in first && first.failed, 'add');
    attempts.failed('card', 'add', true);
    const retry = steps();
    await runSave(attempts, 'card', retry.steps);
    assert.deepEqual(retry.calls, ['prepare', 'save']);
    assert.equal(retry.saves[0]!.key, attempts.get('card')!.key);
    assert.deepEqual(retry.saves[0]!.body, { token: 'tok_2', makeDefault: true });
  });

  it('forgets an attempt the backend refused for good, so the next one gets a new key and token', async () => {
    const attempts = new SaveAttempts(() => {});
    const refused = steps({
      save: async () => {
        throw new Error('duplicate');
      },
    });
    await runSave(attempts, 'card', refused.steps);
    const firstKey = attempts.get('card')!.key;
    attempts.failed('card', 'add', false);
    assert.equal(attempts.get('card'), undefined);
    const next = steps();
    await runSave(attempts, 'card', next.steps);
    assert.deepEqual(next.calls, ['prepare', 'tokenize', 'tokenized', 'save']);
    assert.notEqual(next.saves[0]!.key, firstKey);
  });

  it('names the step that failed: config when the outcome could not load (nothing sent), then tokenize, then add', async () => {
    const fail = async () => {
      throw new Error('no');
    };
    const config = steps({ prepare: fail });
    assert.equal(((await runSave(new SaveAttempts(() => {}), 'card', config.steps)) as { failed: string }).failed, 'config');
    assert.deepEqual(config.calls, []);
    const tokenize = steps({ tokenize: fail });
    assert.equal(((await runSave(new SaveAttempts(() => {}), 'card', tokenize.steps)) as { failed: string }).failed, 'tokenize');
    assert.deepEqual(tokenize.calls, ['prepare']);
  });

  it('keeps the attempts of each kind apart', async () => {
    const attempts = new SaveAttempts(() => {});
    const card = attempts.start('card');
    const bank = attempts.start('bank');
    assert.notEqual(card.key, bank.key);
    attempts.forget('card');
    assert.equal(attempts.get('card'), undefined);
    assert.equal(attempts.get('bank'), bank);
    attempts.failed('bank', 'tokenize', false);
    assert.equal(attempts.get('bank'), bank, 'a failed tokenize sent nothing to keep or forget');
    attempts.forget();
    assert.equal(attempts.get('bank'), undefined);
  });

  it('tells its owner of every change, and of none when nothing changed', () => {
    let changes = 0;
    const attempts = new SaveAttempts(() => changes++);
    attempts.forget('card');
    assert.equal(changes, 0);
    attempts.start('card');
    attempts.hold('card', { token: 'tok' }, { brand: 'visa', last4: '4242' });
    attempts.forget('card');
    assert.equal(changes, 3);
    assert.throws(() => attempts.hold('bank', { token: 'tok' }, { brand: 'ach', last4: '6789' }));
  });

  it('shows the last four digits the gateway masked, else those of the number sent', () => {
    assert.equal(last4Of({ accountNumber: '4***********1111' }, '4242424242424242'), '1111');
    assert.equal(last4Of({}, '4242424242424242'), '4242');
    assert.equal(last4Of({}), '');
  });

  it('sends only the billing address parts filled in', () => {
    assert.deepEqual(billingAddressOf(' Ada ', ' 94107 '), { billingAddress: { name: 'Ada', postalCode: '94107' } });
    assert.deepEqual(billingAddressOf('Ada', ''), { billingAddress: { name: 'Ada' } });
    assert.deepEqual(billingAddressOf(' ', ''), {});
  });
});
