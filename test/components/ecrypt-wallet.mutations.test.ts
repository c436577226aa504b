import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  CHECKING,
  MASTERCARD,
  VISA,
  addButton,
  announced,
  button,
  errorResponse,
  failNext,
  focused,
  gate,
  holdAnswer,
  method,
  mount,
  notice,
  numbers,
  rowOf,
  rows,
  settled,
  setupBackend,
  teardown,
  type EcryptWallet,
  next as nextEvent,
} from './ecrypt-wallet.helpers.js';

/** The next such event, checked to bubble and cross shadow roots, as a host page listening outside relies on. */
async function next<K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, type: K): Promise<GlobalEventHandlersEventMap[K]> {
  const event = await nextEvent(target, type);
  expect(event.bubbles, `${type} bubbles`).to.be.true;
  expect(event.composed, `${type} is composed`).to.be.true;
  return event;
}

/** What the element shows, in order: enough to tell any difference in list, order or default. */
const snapshot = (el: EcryptWallet) => ({
  methods: el.methods,
  numbers: numbers(el),
  defaults: rows(el).map(r => !!r.querySelector('[part~="default-badge"]')),
});

/** Opens the inline add form and waits for its fields. */
async function openAdd(el: EcryptWallet): Promise<HTMLElement> {
  addButton(el).click();
  await waitUntil(() => el.shadowRoot!.querySelector('ecrypt-add-card')?.shadowRoot?.querySelector('input'), 'the add form did not open');
  return el.shadowRoot!.querySelector('ecrypt-add-card')!;
}

/** Answers the next matching request only when the test says so. */
function deferNext(method: string, path: RegExp): (response: Response) => void {
  let answer!: (response: Response) => void;
  const answered = new Promise<Response>(resolve => (answer = resolve));
  failNext(method, path, () => answered);
  return answer;
}

const ADDED = {
  id: 'wallet-entry-new-1',
  kind: 'card',
  brand: 'discover',
  last4: '1117',
  expMonth: 12,
  expYear: 2035,
  isDefault: false,
  createdAt: '2026-11-23T12:00:00.000Z',
} as const;

/** Visa (default), Mastercard and a checking account, in the backend's order. */
async function wallet(handlerOptions = {}) {
  const backend = setupBackend(handlerOptions);
  const customerId = await backend.seedShopper([{ ...VISA, default: true }, MASTERCARD, CHECKING]);
  const el = await mount();
  backend.requests.length = 0;
  return { backend, customerId, el };
}

describe('<ecrypt-wallet> changes', () => {
  afterEach(teardown);

  describe('make default', () => {
    it('offers one action per non-default method, named after it', async () => {
      const { el } = await wallet();
      expect(button(el, 'default-button', '4242')).to.be.null;
      expect(button(el, 'default-button', '4444')!.getAttribute('aria-label')).to.equal('Make default: Mastercard ending in 4444');
      expect(button(el, 'default-button', '6789')).to.exist;
    });

    it('updates the list at once, then takes the server’s answer and says so', async () => {
      const { backend, customerId, el } = await wallet();
      const { hold, release } = gate();
      hold();
      button(el, 'default-button', '4444')!.click();
      await el.updateComplete;
      expect(rowOf(el, '4444').querySelector('[part~="default-badge"]'), 'optimistic').to.exist;
      expect(rowOf(el, '4242').querySelector('[part~="default-badge"]')).to.be.null;
      expect(el.matches(':state(busy)')).to.be.true;
      const changed = next(el, 'ecrypt-default-changed');
      await release();
      const event = await changed;
      expect(event.method.last4).to.equal('4444');
      expect(event.method.isDefault).to.be.true;
      await settled(el);
      expect(event.wallet?.methods, 'the event carries the wallet the server answered').to.deep.equal(el.methods);
      expect(backend.requests.map(r => `${r.method} ${r.pathname}`)).to.deep.equal([`PUT /api/wallet/methods/${event.method.id}/default`]);
      expect(backend.sandbox.state.wallet(customerId).find(m => m.default)?.id).to.equal(event.method.id);
      await waitUntil(() => announced(el) === 'Mastercard ending in 4444 is now your default payment method.');
    });

    it('returns exactly to the list before when the server refuses, and shows and announces why', async () => {
      const { el } = await wallet();
      const before = snapshot(el);
      failNext('PUT', '/default', () => errorResponse('gateway_error', 502));
      const failed = next(el, 'ecrypt-error');
      button(el, 'default-button', '6789')!.click();
      const error = await failed;
      expect([error.operation, error.code, error.message, error.requestId]).to.deep.equal([
        'set-default',
        'gateway_error',
        'Stubbed gateway_error.',
        'req_stub_1',
      ]);
      await settled(el);
      expect(snapshot(el)).to.deep.equal(before);
      expect(notice(el)).to.equal("We couldn't make Bank account ending in 6789 your default. Please try again.");
      await waitUntil(() => announced(el) === notice(el));
    });

    it('rolls back when the connection fails', async () => {
      const { el } = await wallet();
      const before = snapshot(el);
      failNext('PUT', '/default', () => Promise.reject(new TypeError('Failed to fetch')));
      button(el, 'default-button', '4444')!.click();
      expect((await next(el, 'ecrypt-error')).code).to.equal('network');
      await settled(el);
      expect(snapshot(el)).to.deep.equal(before);
    });

    it('rolls back when the gateway behind the backend fails', async () => {
      const { backend, customerId, el } = await wallet();
      const before = snapshot(el);
      backend.sandbox.faults.add({ status: 500, method: 'PUT', times: 1 });
      button(el, 'default-button', '4444')!.click();
      expect((await next(el, 'ecrypt-error')).operation).to.equal('set-default');
      await settled(el);
      expect(snapshot(el)).to.deep.equal(before);
      expect(backend.sandbox.state.wallet(customerId).find(m => m.default)?.accountNumber).to.match(/4242$/);
    });
  });

  describe('remove', () => {
    it('asks inline, naming the method, with focus on Cancel', async () => {
      const { backend, el } = await wallet();
      expect(button(el, 'remove-button', '4242')!.getAttribute('aria-label')).to.equal('Remove Visa ending in 4242');
      button(el, 'remove-button', '4242')!.click();
      await el.updateComplete;
      const confirm = rowOf(el, '4242').querySelector('[part~="confirm"]')!;
      expect(confirm.getAttribute('role')).to.equal('group');
      expect(el.shadowRoot!.getElementById(confirm.getAttribute('aria-labelledby')!)!.textContent).to.equal('Remove Visa ending in 4242?');
      await waitUntil(() => focused(el)?.matches('[part~="cancel-button"]'), 'focus is not on Cancel');
      button(el, 'cancel-button', '4242')!.click();
      await el.updateComplete;
      expect(rowOf(el, '4242').querySelector('[part~="confirm"]')).to.be.null;
      await waitUntil(() => focused(el) === button(el, 'remove-button', '4242'), 'focus did not return to Remove');
      expect(backend.requests).to.have.length(0);
    });

    it('fires a cancelable ecrypt-remove-request first; vetoed, nothing is sent', async () => {
      const { backend, el } = await wallet();
      const before = snapshot(el);
      el.addEventListener('ecrypt-remove-request', event => event.preventDefault(), { once: true });
      const request = next(el, 'ecrypt-remove-request');
      button(el, 'remove-button', '4444')!.click();
      await el.updateComplete;
      button(el, 'confirm-button', '4444')!.click();
      const event = await request;
      expect(event.cancelable && event.bubbles && event.composed).to.be.true;
      expect(event.method.last4).to.equal('4444');
      await el.updateComplete;
      expect(snapshot(el)).to.deep.equal(before);
      expect(backend.requests).to.have.length(0);
      expect(backend.sandbox.requests.filter(r => r.method === 'DELETE')).to.have.length(0);
    });

    it('removes at once, confirms with the server, announces and focuses the next method', async () => {
      const { backend, customerId, el } = await wallet();
      const order = numbers(el);
      const index = order.indexOf('•••• 4444');
      const { hold, release } = gate();
      hold();
      button(el, 'remove-button', '4444')!.click();
      await el.updateComplete;
      button(el, 'confirm-button', '4444')!.click();
      await el.updateComplete;
      expect(numbers(el), 'optimistic').to.deep.equal(order.filter(n => n !== '•••• 4444'));
      await waitUntil(() => focused(el) === rows(el)[Math.min(index, rows(el).length - 1)], 'focus is not on the next method');
      const removed = next(el, 'ecrypt-method-removed');
      await release();
      expect((await removed).method.last4).to.equal('4444');
      await settled(el);
      expect(backend.requests.map(r => r.method)).to.deep.equal(['DELETE']);
      expect(backend.sandbox.state.wallet(customerId)).to.have.length(2);
      await waitUntil(() => announced(el) === 'Mastercard ending in 4444 was removed.');
    });

    it('focuses the add button once the last method is gone, and shows the empty state', async () => {
      const backend = setupBackend();
      await backend.seedShopper([VISA]);
      const el = await mount();
      button(el, 'remove-button', '4242')!.click();
      await el.updateComplete;
      button(el, 'confirm-button', '4242')!.click();
      await next(el, 'ecrypt-method-removed');
      await settled(el);
      expect(el.shadowRoot!.querySelector('[part~="empty"]')).to.exist;
      await waitUntil(() => focused(el) === addButton(el), 'focus is not on the add button');
    });

    it('fires no native change outside checkout mode, even when the default goes', async () => {
      const { el } = await wallet();
      let changes = 0;
      el.addEventListener('change', () => changes++);
      const before = el.value;
      button(el, 'remove-button', '4242')!.click();
      await el.updateComplete;
      const removed = next(el, 'ecrypt-method-removed');
      button(el, 'confirm-button', '4242')!.click();
      await removed;
      await settled(el);
      expect(el.value, 'the default moved on').not.to.equal(before);
      expect(changes).to.equal(0);
    });

    it('puts the method back exactly where it was when removal fails', async () => {
      const { el } = await wallet();
      const before = snapshot(el);
      failNext('DELETE', /\/methods\/[^/]+$/, () => errorResponse('gateway_timeout', 504));
      button(el, 'remove-button', '4242')!.click();
      await el.updateComplete;
      button(el, 'confirm-button', '4242')!.click();
      const error = await next(el, 'ecrypt-error');
      expect([error.operation, error.code]).to.deep.equal(['remove', 'gateway_timeout']);
      await settled(el);
      expect(snapshot(el)).to.deep.equal(before);
      expect(notice(el)).to.equal("We couldn't remove Visa ending in 4242. Please try again.");
      await waitUntil(() => announced(el) === notice(el));
      await waitUntil(() => focused(el) === button(el, 'remove-button', '4242'), 'focus is not back on Remove');
    });

    it("shows a method the merchant's policy keeps without a Remove button, and says why", async () => {
      const { el } = await wallet({
        canRemove: (m: { last4: string }) => (m.last4 === '4444' ? { allowed: false, reason: 'It pays for your subscription.' } : true),
      });
      expect(button(el, 'remove-button', '4444')).to.equal(null);
      expect(rowOf(el, '4444').querySelector('[part~="remove-blocked"]')!.textContent!.trim()).to.equal(
        "Can't be removed. It pays for your subscription.",
      );
      expect(button(el, 'default-button', '4444'), 'it can still be the default').not.to.equal(null);
      expect(button(el, 'remove-button', '4242')).not.to.equal(null);
      expect(rowOf(el, '4242').querySelector('[part~="remove-blocked"]')).to.equal(null);
    });

    it("shows the merchant's reason when the backend blocks the removal", async () => {
      // The policy changed after the list was shown (a subscription began in another tab).
      let blocked = false;
      const { backend, el } = await wallet({
        canRemove: () => (blocked ? { allowed: false, reason: 'It pays for an active subscription.' } : true),
      });
      blocked = true;
      const before = snapshot(el);
      button(el, 'remove-button', '4242')!.click();
      await el.updateComplete;
      button(el, 'confirm-button', '4242')!.click();
      const error = await next(el, 'ecrypt-error');
      expect(error.code).to.equal('remove_blocked');
      await settled(el);
      expect(snapshot(el)).to.deep.equal(before);
      expect(notice(el)).to.equal("Visa ending in 4242 can't be removed. It pays for an active subscription.");
      expect(backend.requests.map(r => r.method)).to.deep.equal(['DELETE']);
    });
  });

  describe('keyboard only', () => {
    it('makes a method the default with Tab and Enter', async () => {
      const { backend, el } = await wallet();
      el.focus();
      const target = button(el, 'default-button', '4444')!;
      for (let i = 0; i < 10 && focused(el) !== target; i++) await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal(target);
      const changed = next(el, 'ecrypt-default-changed');
      await sendKeys({ press: 'Enter' });
      expect((await changed).method.last4).to.equal('4444');
      await settled(el);
      expect(focused(el)).to.equal(rowOf(el, '4444'));
      expect(backend.requests.map(r => r.method)).to.deep.equal(['PUT']);
    });

    it('removes with Enter, Tab to the confirm button and Space', async () => {
      const { el } = await wallet();
      el.focus();
      const target = button(el, 'remove-button', '6789')!;
      for (let i = 0; i < 10 && focused(el) !== target; i++) await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => focused(el)?.matches('[part~="cancel-button"]'));
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      expect(focused(el)).to.equal(button(el, 'confirm-button', '6789'));
      const removed = next(el, 'ecrypt-method-removed');
      await sendKeys({ press: 'Space' });
      expect((await removed).method.last4).to.equal('6789');
    });

    it('cancels a removal with Escape, and with Enter on Cancel', async () => {
      const { backend, el } = await wallet();
      button(el, 'remove-button', '4242')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => focused(el)?.matches('[part~="cancel-button"]'));
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => focused(el) === button(el, 'remove-button', '4242'), 'Escape did not cancel');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => focused(el)?.matches('[part~="cancel-button"]'));
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => focused(el) === button(el, 'remove-button', '4242'), 'Enter on Cancel did not cancel');
      expect(backend.requests).to.have.length(0);
    });
  });

  it('still sends and settles changes where custom states take only `--` names (Chromium 90 to 124)', async () => {
    const { backend, el } = await wallet();
    const { add, delete: remove } = CustomStateSet.prototype;
    // Those engines throw a SyntaxError for any other name.
    const strict = (original: (name: string) => unknown) =>
      function (this: CustomStateSet, name: string) {
        if (!name.startsWith('--')) throw new DOMException(`The state '${name}' must start with '--'.`, 'SyntaxError');
        return original.call(this, name);
      };
    CustomStateSet.prototype.add = strict(add) as typeof add;
    CustomStateSet.prototype.delete = strict(remove) as typeof remove;
    try {
      const changed = next(el, 'ecrypt-default-changed');
      button(el, 'default-button', '4444')!.click();
      await waitUntil(() => backend.requests.length === 1, 'the change was never sent');
      expect((await changed).method.last4).to.equal('4444');
      await waitUntil(() => button(el, 'remove-button', '6789')!.getAttribute('aria-disabled') === 'false', 'the wallet stayed busy');
      button(el, 'remove-button', '6789')!.click();
      await el.updateComplete;
      const removed = next(el, 'ecrypt-method-removed');
      button(el, 'confirm-button', '6789')!.click();
      expect((await removed).method.last4).to.equal('6789');
      expect(backend.requests.map(r => r.method)).to.deep.equal(['PUT', 'DELETE']);
    } finally {
      Object.assign(CustomStateSet.prototype, { add, delete: remove });
    }
  });

  it('ignores another change while one is in flight, marks the actions unavailable and says why when pressed', async () => {
    const { backend, el } = await wallet();
    const { hold, release } = gate();
    hold();
    button(el, 'default-button', '4444')!.click();
    await el.updateComplete;
    for (const part of ['remove-button', 'default-button'])
      expect(button(el, part, '6789')!.getAttribute('aria-disabled'), part).to.equal('true');
    button(el, 'remove-button', '6789')!.click();
    await el.updateComplete;
    expect(rowOf(el, '6789').querySelector('[part~="confirm"]')).to.be.null;
    await waitUntil(() => announced(el) === 'Please wait until the current change is saved.', 'the ignored press was not explained');
    await release();
    await settled(el);
    expect(backend.requests.map(r => r.method)).to.deep.equal(['PUT']);
    expect(button(el, 'remove-button', '6789')!.getAttribute('aria-disabled')).to.equal('false');
  });

  it('keeps a method added while a removal is pending when that removal is rolled back', async () => {
    const { el } = await wallet();
    const order = numbers(el);
    const form = await openAdd(el);
    const answer = deferNext('DELETE', /\/methods\/[^/]+$/);
    button(el, 'remove-button', '4444')!.click();
    await el.updateComplete;
    button(el, 'confirm-button', '4444')!.click();
    await el.updateComplete;
    const { EcryptMethodAddedEvent } = await import('../../src/events/wallet-events.js');
    form.dispatchEvent(new EcryptMethodAddedEvent({ ...ADDED }));
    await el.updateComplete;
    expect(numbers(el)).to.deep.equal([...order.filter(n => n !== '•••• 4444'), '•••• 1117']);
    answer(errorResponse('rate_limited', 429, { retryAfter: 30 }));
    await next(el, 'ecrypt-error');
    await settled(el);
    expect(numbers(el)).to.deep.equal([...order, '•••• 1117']);
  });

  it('keeps a method added while a make-default is pending when that change is rolled back, and the old default', async () => {
    const { el } = await wallet();
    const order = numbers(el);
    const form = await openAdd(el);
    const answer = deferNext('PUT', /\/default$/);
    button(el, 'default-button', '4444')!.click();
    await el.updateComplete;
    const { EcryptMethodAddedEvent } = await import('../../src/events/wallet-events.js');
    form.dispatchEvent(new EcryptMethodAddedEvent({ ...ADDED }));
    await el.updateComplete;
    answer(errorResponse('rate_limited', 429, { retryAfter: 30 }));
    await next(el, 'ecrypt-error');
    await settled(el);
    expect(numbers(el)).to.deep.equal([...order, '•••• 1117']);
    expect(el.methods.filter(m => m.isDefault).map(m => m.last4)).to.deep.equal(['4242']);
  });

  it('puts a removed default back as an ordinary method when a method added meanwhile became the default', async () => {
    const { el } = await wallet();
    const order = numbers(el);
    const form = await openAdd(el);
    const answer = deferNext('DELETE', /\/methods\/[^/]+$/);
    button(el, 'remove-button', '4242')!.click();
    await el.updateComplete;
    button(el, 'confirm-button', '4242')!.click();
    await el.updateComplete;
    const { EcryptMethodAddedEvent } = await import('../../src/events/wallet-events.js');
    form.dispatchEvent(new EcryptMethodAddedEvent({ ...ADDED, isDefault: true }));
    await el.updateComplete;
    answer(errorResponse('rate_limited', 429, { retryAfter: 30 }));
    await next(el, 'ecrypt-error');
    await settled(el);
    expect(numbers(el)).to.deep.equal([...order, '•••• 1117']);
    expect(el.methods.filter(m => m.isDefault).map(m => m.last4)).to.deep.equal(['1117']);
  });

  it('keeps the list the server sent while a removal was pending when that removal is refused: nothing comes back', async () => {
    const { el } = await wallet();
    const order = numbers(el);
    const mastercard = el.methods.find(m => m.last4 === '4444')!;
    const answer = deferNext('DELETE', /\/methods\/[^/]+$/);
    button(el, 'remove-button', '4444')!.click();
    await el.updateComplete;
    button(el, 'confirm-button', '4444')!.click();
    await el.updateComplete;
    // Meanwhile the method goes for good (another tab, or this very request whose answer is lost), and the list is reloaded.
    const { removeMethod } = await import('../../src/client/wallet-client.js');
    await removeMethod('/api/wallet', mastercard.id);
    await el.refresh();
    await el.updateComplete;
    answer(errorResponse('rate_limited', 429, { retryAfter: 30 }));
    await next(el, 'ecrypt-error');
    await settled(el);
    expect(numbers(el)).to.deep.equal(order.filter(n => n !== '•••• 4444'));
  });

  it('keeps the default the server sent while a make-default was pending when that change is refused', async () => {
    const { el } = await wallet();
    const mastercard = el.methods.find(m => m.last4 === '4444')!;
    const answer = deferNext('PUT', /\/default$/);
    button(el, 'default-button', '4444')!.click();
    await el.updateComplete;
    const { setDefaultMethod } = await import('../../src/client/wallet-client.js');
    await setDefaultMethod('/api/wallet', mastercard.id);
    await el.refresh();
    await el.updateComplete;
    answer(errorResponse('rate_limited', 429, { retryAfter: 30 }));
    await next(el, 'ecrypt-error');
    await settled(el);
    expect(el.methods.filter(m => m.isDefault).map(m => m.last4)).to.deep.equal(['4444']);
  });

  it('never lets a list the server sent before a removal was answered bring the method back', async () => {
    const { backend, el } = await wallet();
    const order = numbers(el);
    // The refresh reaches the server first; its answer comes only after the removal's.
    const held = holdAnswer('GET', /\/methods$/);
    const refreshed = el.refresh();
    await waitUntil(() => backend.requests.length === 1, 'the refresh did not reach the server');
    button(el, 'remove-button', '4444')!.click();
    await el.updateComplete;
    const removed = next(el, 'ecrypt-method-removed');
    button(el, 'confirm-button', '4444')!.click();
    await removed;
    await held.release();
    await refreshed;
    await el.updateComplete;
    expect(numbers(el)).to.deep.equal(order.filter(n => n !== '•••• 4444'));
    expect(
      backend.requests.map(r => r.method),
      'the older list is asked for again',
    ).to.deep.equal(['GET', 'DELETE', 'GET']);
  });

  describe('overtaken by another endpoint or a disconnect', () => {
    /** Every outcome event of a change, as heard on the element. */
    const listen = (el: EcryptWallet) => {
      const heard: string[] = [];
      for (const type of ['ecrypt-default-changed', 'ecrypt-method-removed', 'ecrypt-error', 'change'])
        el.addEventListener(type, () => heard.push(type));
      return heard;
    };
    const start = async (el: EcryptWallet, change: 'make default' | 'remove') => {
      if (change === 'make default') return button(el, 'default-button', '4444')!.click();
      button(el, 'remove-button', '4444')!.click();
      await el.updateComplete;
      button(el, 'confirm-button', '4444')!.click();
    };

    for (const change of ['make default', 'remove'] as const) {
      for (const outcome of ['succeeds', 'fails'] as const) {
        it(`drops a ${change} that ${outcome} after the endpoint changed: no list, rollback, event, busy or focus of the old wallet`, async () => {
          const { el } = await wallet();
          const held = holdAnswer(
            change === 'remove' ? 'DELETE' : 'PUT',
            /\/methods\/.+$/,
            outcome === 'fails' ? () => errorResponse('gateway_timeout', 504) : undefined,
          );
          failNext('GET', '/other/methods', () =>
            Response.json({ methods: [method({ id: 'wallet-entry-other-1', last4: '1111' })], limit: 4 }),
          );
          const heard = listen(el);
          await start(el, change);
          await el.updateComplete;
          el.endpoint = '/other';
          await waitUntil(() => numbers(el).join() === '•••• 1111', 'the other wallet did not load');
          expect(held.aborted, 'the change was aborted').to.be.true;
          await held.release();
          await el.updateComplete;
          expect(numbers(el)).to.deep.equal(['•••• 1111']);
          expect(heard).to.deep.equal([]);
          expect(notice(el)).to.be.undefined;
          expect(button(el, 'remove-button', '1111')!.getAttribute('aria-disabled'), 'busy').to.equal('false');
          expect(el.matches(':state(busy)')).to.be.false;
        });
      }
    }

    it('drops a change whose wallet left the page, and asks the server again when it comes back', async () => {
      const { backend, el } = await wallet();
      const order = numbers(el);
      const held = holdAnswer('DELETE', /\/methods\/[^/]+$/, () => errorResponse('gateway_timeout', 504));
      const heard = listen(el);
      await start(el, 'remove');
      const parent = el.parentElement!;
      el.remove();
      expect(held.aborted, 'the change was aborted').to.be.true;
      await held.release();
      expect(heard).to.deep.equal([]);
      expect(el.matches(':state(busy)')).to.be.false;
      const loaded = next(el, 'ecrypt-methods-loaded');
      parent.append(el);
      await loaded;
      await el.updateComplete;
      expect(numbers(el), 'the server kept the method').to.deep.equal(order);
      expect(
        backend.requests.map(r => `${r.method} ${r.pathname}`),
        'loaded again',
      ).to.deep.equal(['GET /api/wallet/methods']);
      expect(button(el, 'remove-button', '4444')!.getAttribute('aria-disabled')).to.equal('false');
    });
  });

  it('disables every action when disabled', async () => {
    const backend = setupBackend();
    await backend.seedShopper([VISA, MASTERCARD]);
    const el = await mount(html`<ecrypt-wallet endpoint="/api/wallet" disabled></ecrypt-wallet>`);
    const buttons = [...el.shadowRoot!.querySelectorAll('button')];
    expect(buttons.length).to.be.greaterThan(0);
    expect(buttons.every(b => b.disabled)).to.be.true;
  });
});
