import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PaymentMethod } from '../../src/protocol/index.js';
import { SaveController, type SaveForm } from '../../src/components/ecrypt-add-card/save.controller.js';
import type { SaveOutcome } from '../../src/components/ecrypt-add-card/save-attempt.js';

const method: PaymentMethod = {
  id: 'pm_1',
  kind: 'card',
  brand: 'visa',
  last4: '4242',
  isDefault: true,
  createdAt: '2026-11-23T12:00:00Z',
};

/** A host that records its controllers and counts the renders asked for. */
function host() {
  const controllers: ReactiveController[] = [];
  const recorded = { controllers, updates: 0 };
  const element: ReactiveControllerHost = {
    addController: controller => controllers.push(controller),
    removeController: () => {},
    requestUpdate: () => recorded.updates++,
    updateComplete: Promise.resolve(true),
  };
  return { element, recorded };
}

/** A form whose tokenizer answers at once and records what it was asked. */
function form(overrides: Partial<SaveForm> = {}): SaveForm {
  return {
    endpoint: () => 'https://merchant.test/api/wallet',
    prepare: async () => {},
    tokenizer: async () => ({ tokenize: async () => ({ token: 'tok_1', metadata: { accountNumber: '4***********4242' } }) }),
    tokenRequest: () => ({ creditCard: { accountNumber: '4242424242424242', expires: '1235' } }),
    brand: () => 'visa',
    details: () => ({ makeDefault: true }),
    tokenized: () => {},
    ...overrides,
  };
}

describe('add-card save controller', () => {
  const realFetch = globalThis.fetch;
  let requests: Request[];
  let answer: () => Promise<Response>;
  beforeEach(() => {
    requests = [];
    answer = async () => Response.json({ method, methods: [method], limit: 10 }, { status: 201 });
    globalThis.fetch = async (input, init) => {
      requests.push(new Request(input, init));
      return answer();
    };
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('is pending from the start of a save until its outcome is settled, and keeps the wallet the backend answered', async () => {
    const { element, recorded } = host();
    const save = new SaveController(element, form());
    assert.deepEqual(recorded.controllers, [save]);
    let seen: { outcome: SaveOutcome; pending: boolean } | undefined;
    const done = save.save('card', outcome => (seen = { outcome, pending: save.pending }));
    assert.equal(save.pending, true, 'pending before the first await');
    await done;
    assert.equal(save.pending, false);
    assert.equal(seen?.pending, true, 'settled while still pending');
    assert.deepEqual(seen?.outcome, { saved: { method, methods: [method], limit: 10 } });
    assert.deepEqual(save.wallet, { methods: [method], limit: 10 });
    const [sent] = requests;
    assert.equal(sent!.method, 'POST');
    assert.equal(sent!.url, 'https://merchant.test/api/wallet/methods');
    assert.deepEqual(await sent!.json(), { token: 'tok_1', makeDefault: true });
    assert.equal(sent!.headers.get('Idempotency-Key'), save.attempts.get('card')!.key);
    assert.deepEqual(save.attempts.get('card')!.held, { brand: 'visa', last4: '4242' });
    save.forgetWallet();
    assert.equal(save.wallet, undefined);
  });

  it('drops the outcome of a save the element left while it was under way', async () => {
    const { element, recorded } = host();
    let release = () => {};
    answer = () =>
      new Promise<Response>((_resolve, reject) => {
        release = () => reject(new DOMException('aborted', 'AbortError'));
      });
    const save = new SaveController(element, form());
    let settled = false;
    const done = save.save('card', () => (settled = true));
    await new Promise(resolve => setImmediate(resolve));
    for (const controller of recorded.controllers) controller.hostDisconnected?.();
    assert.equal(requests[0]!.signal.aborted, true, 'the request was aborted');
    release();
    await done;
    assert.equal(settled, false);
    assert.equal(save.pending, false);
  });

  it('makes a duplicate the default, keeping the answered wallet, and refuses while a change is pending', async () => {
    const { element } = host();
    answer = async () => Response.json({ methods: [method], limit: 10 });
    const save = new SaveController(element, form());
    const outcomes: unknown[] = [];
    const first = save.makeDefault('pm_1', outcome => outcomes.push(outcome));
    await save.makeDefault('pm_1', outcome => outcomes.push(outcome));
    await first;
    assert.deepEqual(outcomes, [{ wallet: { methods: [method], limit: 10 } }]);
    assert.equal(requests.length, 1);
    assert.equal(requests[0]!.method, 'PUT');
    assert.equal(requests[0]!.url, 'https://merchant.test/api/wallet/methods/pm_1/default');
    assert.deepEqual(save.wallet, { methods: [method], limit: 10 });
  });

  it('hands a failed change of default its error', async () => {
    const { element } = host();
    answer = async () => Response.json({ error: { code: 'not_found', message: 'No such method.' } }, { status: 404 });
    const save = new SaveController(element, form());
    let outcome: unknown;
    await save.makeDefault('pm_1', settled => (outcome = settled));
    assert.equal((outcome as { error: { code: string } }).error.code, 'not_found');
    assert.equal(save.wallet, undefined);
  });
});
