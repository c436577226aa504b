/**
 * Nothing lost or doubled when the connection drops mid-save or the tab closes
 * mid-remove, end to end: the demo in this process, a real browser, and after
 * every step the gateway's own state read from the embedded sandbox.
 *
 * Chromium's offline mode fails requests that start after it is switched on,
 * not those already on the wire. So "offline as Save is pressed" switches it on
 * from a route the instant the request is about to leave, and "offline after the
 * shop received the save" lets the route deliver the request itself, then
 * switches offline and fails the browser's request as a lost connection would.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as wait } from 'node:timers/promises';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { DEMO_GATEWAY_TIMEOUT_MS } from '../../demo/server/faults.js';
import { findShopper, sandboxCustomerId } from '../../demo/server/shoppers.js';
import { IDEMPOTENCY_HEADER } from '../../src/protocol/index.js';
import type { Sandbox, WalletEntry } from '../../src/sandbox/index.js';
import { signIn, startHarness, type Harness } from './harness.js';

const FUTURE_EXPIRY = `12${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`;
const GATEWAY_WALLET = /^\/v1\/customers\/[^/]+\/wallet$/;
const GATEWAY_WALLET_ENTRY = /^\/v1\/customers\/[^/]+\/wallet\/[^/]+$/;
const NETWORK_ERROR = 'We could not connect. Check your connection and try again.';
/** Every card number typed below, to look for in what the demo logged. */
const TYPED_CARDS = ['4111111111111111', '6011111111111117', '5105105105105100', '5200828282828210'];

/** Waits until `condition` holds, for state only Node can see (the sandbox); fails naming `what`. */
async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting until ${what}.`);
    // The sandbox has no events to wait on; a short poll is how its state is watched from outside.
    await wait(10);
  }
}

/**
 * Hands the first `method` request matching `url` to `handle`; every other request
 * (a preflight, a reload of the list) goes on untouched.
 */
async function interceptFirst(
  page: Page,
  url: string | ((url: URL) => boolean),
  method: string,
  handle: (route: Route) => Promise<void> | void,
) {
  let armed = true;
  await page.route(url, async route => {
    if (!armed || route.request().method() !== method) return route.fallback();
    armed = false;
    await handle(route);
  });
}

/** A promise with its resolver, for a value a route handler hands over. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>(done => (resolve = done));
  return { promise, resolve };
}

describe('offline mid-save and a tab closed mid-remove', () => {
  let harness: Harness;
  let sandbox: Sandbox;

  /** The gateway's own wallet of a demo shopper. */
  const gatewayWallet = (shopperId: string): WalletEntry[] => {
    const shopper = findShopper(shopperId);
    assert.ok(shopper, `${shopperId} is a demo shopper`);
    return sandbox.state.wallet(sandboxCustomerId(shopper));
  };
  const last4s = (entries: WalletEntry[]) => entries.map(entry => entry.accountNumber.slice(-4));
  const holding = (shopperId: string, last4: string) => last4s(gatewayWallet(shopperId)).filter(digits => digits === last4).length;

  const wallet = (page: Page) => page.locator('ecrypt-wallet');
  /** A saved method's row; the confirmation's "Remove … ending in 1234?" does not match. */
  const row = (page: Page, last4: string) => wallet(page).getByRole('group', { name: new RegExp(` ending in ${last4}(,|$)`) });

  /** The wallet element lists exactly the gateway's methods, each once. */
  async function showsGatewayWallet(page: Page, shopperId: string): Promise<void> {
    await wallet(page).getByRole('list', { name: 'Saved payment methods' }).waitFor();
    const entries = gatewayWallet(shopperId);
    assert.equal(await wallet(page).getByRole('listitem').count(), entries.length, 'as many rows as the gateway holds methods');
    for (const last4 of last4s(entries)) assert.equal(await row(page, last4).count(), 1, `one row for the method ending in ${last4}`);
  }

  async function signedIn(shopperName: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await harness.newContext();
    const page = await context.newPage();
    await signIn(page, shopperName);
    await wallet(page).getByRole('list', { name: 'Saved payment methods' }).waitFor();
    return { context, page };
  }

  async function fillCard(page: Page, number: string) {
    await wallet(page).getByRole('button', { name: 'Add payment method' }).click();
    const form = wallet(page).locator('ecrypt-add-card');
    await form.getByLabel(/^Card number/).fill(number);
    await form.getByLabel(/^Expiry date/).fill(FUTURE_EXPIRY);
    await form.getByLabel(/^Security code/).fill('123');
    await form.getByLabel(/^Billing postal code/).fill('94107');
    return form;
  }

  /** The shop's save request (not the gateway's tokenization). */
  const isSave = (page: Page) => (url: URL) => url.origin === new URL(page.url()).origin && url.pathname === '/api/wallet/methods';

  before(async () => {
    harness = await startHarness();
    assert.ok(harness.demo.sandbox, 'the demo runs on the embedded sandbox');
    sandbox = harness.demo.sandbox;
  });

  after(async () => {
    await harness?.close();
  });

  it('offline as the card leaves for the gateway: a clear error, the details kept, one card once back online', async t => {
    const { context, page } = await signedIn('Ada Lovelace');
    t.after(() => context.close());
    const before = gatewayWallet('ada').length;
    const form = await fillCard(page, '4111 1111 1111 1111');

    const tokenizeCalls = () => sandbox.requests.filter(request => request.path === '/v1/tokens' && request.method === 'POST').length;
    const tokenizedBefore = tokenizeCalls();
    const cut = deferred<void>();
    await interceptFirst(page, `${harness.demo.gatewayUrl}/v1/tokens`, 'POST', async route => {
      await context.setOffline(true);
      await route.continue();
      cut.resolve();
    });
    await form.getByRole('button', { name: 'Save card' }).click();
    await cut.promise;

    await form.getByText(NETWORK_ERROR).first().waitFor();
    // Nothing reached the gateway, nothing was saved, and what was typed is still there but the security code.
    assert.equal(tokenizeCalls(), tokenizedBefore);
    assert.equal(gatewayWallet('ada').length, before);
    assert.equal((await form.getByLabel(/^Card number/).inputValue()).replace(/\D/g, ''), '4111111111111111');
    assert.equal((await form.getByLabel(/^Expiry date/).inputValue()).replace(/\D/g, ''), FUTURE_EXPIRY);
    assert.equal(await form.getByLabel(/^Billing postal code/).inputValue(), '94107');
    assert.equal(await form.getByLabel(/^Security code/).inputValue(), '');

    await context.setOffline(false);
    await form.getByLabel(/^Security code/).fill('123');
    await form.getByRole('button', { name: 'Save card' }).click();
    await row(page, '1111').waitFor();
    assert.equal(holding('ada', '1111'), 1);
    assert.equal(gatewayWallet('ada').length, before + 1);
    await showsGatewayWallet(page, 'ada');

    // A fresh page (the shopper comes back later) shows the same, once.
    await page.reload();
    await showsGatewayWallet(page, 'ada');
    assert.equal(await row(page, '1111').count(), 1);
  });

  it('offline as the token leaves for the shop: the token is held, and the retry stores it once under the same key', async t => {
    const { context, page } = await signedIn('Alan Turing');
    t.after(() => context.close());
    const before = gatewayWallet('alan').length;
    const form = await fillCard(page, '6011 1111 1111 1117');

    const firstKey = deferred<string | null>();
    await interceptFirst(page, isSave(page), 'POST', async route => {
      firstKey.resolve(await route.request().headerValue(IDEMPOTENCY_HEADER));
      await context.setOffline(true);
      await route.continue();
    });
    await form.getByRole('button', { name: 'Save card' }).click();
    const key = await firstKey.promise;
    assert.ok(key, 'the save carries an idempotency key');

    await form.getByText(NETWORK_ERROR).first().waitFor();
    // The card was tokenized, so the form holds the token, shows only the masked card, and the number has left the inputs.
    await form.getByText('Discover ending in 1117, ready to save').waitFor();
    assert.equal(await form.getByLabel(/^Card number/).inputValue(), '');
    assert.equal(holding('alan', '1117'), 0, 'nothing reached the shop, so nothing was stored');
    assert.equal(await row(page, '1117').count(), 0);

    await context.setOffline(false);
    const retry = page.waitForRequest(request => request.method() === 'POST' && isSave(page)(new URL(request.url())));
    await form.getByRole('button', { name: 'Save card' }).click();
    assert.equal(await (await retry).headerValue(IDEMPOTENCY_HEADER), key, 'the retry resends the same request');
    await row(page, '1117').waitFor();
    assert.equal(holding('alan', '1117'), 1);
    assert.equal(gatewayWallet('alan').length, before + 1);
    await showsGatewayWallet(page, 'alan');
  });

  it('offline after the shop stored the card: the answer is lost, the retry gets the same method, stored once', async t => {
    const { context, page } = await signedIn('Alan Turing');
    t.after(() => context.close());
    const before = gatewayWallet('alan').length;
    const form = await fillCard(page, '5105 1051 0510 5100');

    const delivered = deferred<{ status: number; id?: string }>();
    await interceptFirst(page, isSave(page), 'POST', async route => {
      // The shop gets the request and answers it; the answer never reaches the page.
      const response = await route.fetch();
      const body = (await response.json()) as { method?: { id?: string } };
      await context.setOffline(true);
      await route.abort('internetdisconnected');
      delivered.resolve({ status: response.status(), id: body.method?.id });
    });
    await form.getByRole('button', { name: 'Save card' }).click();
    const first = await delivered.promise;
    assert.equal(first.status, 201);

    await form.getByText(NETWORK_ERROR).first().waitFor();
    await form.getByText('Mastercard ending in 5100, ready to save').waitFor();
    // Nothing lost: the gateway holds the card while the shopper is offline.
    assert.equal(holding('alan', '5100'), 1);

    await context.setOffline(false);
    const retried = page.waitForResponse(response => response.request().method() === 'POST' && isSave(page)(new URL(response.url())));
    await form.getByRole('button', { name: 'Save card' }).click();
    const retry = await retried;
    const { method } = (await retry.json()) as { method: { id: string } };
    assert.equal(method.id, first.id, 'the retry answers the method the lost answer carried');
    await row(page, '5100').waitFor();
    assert.equal(holding('alan', '5100'), 1);
    assert.equal(gatewayWallet('alan').length, before + 1);
    await showsGatewayWallet(page, 'alan');
  });

  it('offline while the gateway still holds the save: the retry sent once back online stores the card once', async t => {
    const { context, page } = await signedIn('Grace Hopper');
    t.after(async () => {
      sandbox.faults.clear();
      await context.close();
    });
    // Grace's wallet is full; make room through the shop first.
    const expired = gatewayWallet('grace').find(entry => entry.accountNumber.endsWith('3222'));
    assert.ok(expired, "Grace's expired Mastercard is saved");
    const removed = await context.request.delete(`/api/wallet/methods/${expired.id}`);
    assert.equal(removed.status(), 200);
    await page.reload();
    await showsGatewayWallet(page, 'grace');
    const before = gatewayWallet('grace').length;
    const form = await fillCard(page, '5200 8282 8282 8210');

    // The gateway sits on the save, within the shop's gateway timeout, so that the retry usually arrives while the
    // first request still runs (it then waits for it); when the machine is slow it arrives after, and is replayed.
    sandbox.faults.add({ method: 'POST', path: GATEWAY_WALLET, latencyMs: DEMO_GATEWAY_TIMEOUT_MS - 1000, times: 1 });
    const delivered = deferred<Promise<{ status: number; id?: string }>>();
    await interceptFirst(page, isSave(page), 'POST', async route => {
      const answer = route.fetch().then(async response => ({
        status: response.status(),
        id: ((await response.json()) as { method?: { id?: string } }).method?.id,
      }));
      delivered.resolve(answer);
      await until(() => sandbox.faults.list().length === 0, 'the gateway has the save');
      await context.setOffline(true);
      await route.abort('internetdisconnected');
    });
    await form.getByRole('button', { name: 'Save card' }).click();
    const first = await delivered.promise;

    await form.getByText(NETWORK_ERROR).first().waitFor();
    await form.getByText('Mastercard ending in 8210, ready to save').waitFor();

    await context.setOffline(false);
    const retried = page.waitForResponse(response => response.request().method() === 'POST' && isSave(page)(new URL(response.url())));
    await form.getByRole('button', { name: 'Save card' }).click();
    const { method } = (await (await retried).json()) as { method: { id: string } };
    const original = await first;
    assert.equal(original.status, 201);
    assert.equal(method.id, original.id, 'the retry and the lost answer name the same method');

    await row(page, '8210').waitFor();
    assert.equal(holding('grace', '8210'), 1);
    assert.equal(gatewayWallet('grace').length, before + 1);
    await showsGatewayWallet(page, 'grace');
  });

  it('the tab closed while the removal waits at the gateway: a new page shows it removed, once', async t => {
    const { context, page } = await signedIn('Ada Lovelace');
    t.after(async () => {
      sandbox.faults.clear();
      await context.close();
    });
    const amex = gatewayWallet('ada').find(entry => entry.accountNumber.endsWith('0005'));
    assert.ok(amex, "Ada's Amex is saved");
    const before = gatewayWallet('ada').length;
    const deletes = () => sandbox.requests.filter(request => request.method === 'DELETE' && request.path.endsWith(`/wallet/${amex.id}`));

    sandbox.faults.add({ method: 'DELETE', path: GATEWAY_WALLET_ENTRY, latencyMs: 1500, times: 1 });
    await wallet(page).getByRole('button', { name: 'Remove American Express ending in 0005' }).click();
    const confirm = wallet(page).getByRole('group', { name: 'Remove American Express ending in 0005?' });
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await until(() => sandbox.faults.list().length === 0, 'the gateway has the removal');
    await page.close();

    // The shop finishes the removal without the page; the gateway removes the card once.
    await until(() => deletes().length > 0, 'the gateway answered the removal');
    assert.deepEqual(
      deletes().map(request => request.status),
      [200],
    );
    assert.equal(holding('ada', '0005'), 0);
    assert.equal(gatewayWallet('ada').length, before - 1);

    const again = await context.newPage();
    await again.goto('/account');
    await showsGatewayWallet(again, 'ada');
    assert.equal(await row(again, '0005').count(), 0);
  });

  it('the tab closed while a removal the gateway then refuses waits there: a new page still shows the method, once', async t => {
    const { context, page } = await signedIn('Alan Turing');
    t.after(async () => {
      sandbox.faults.clear();
      await context.close();
    });
    const before = gatewayWallet('alan');
    const visa = before.find(entry => entry.accountNumber.endsWith('9995'));
    assert.ok(visa, "Alan's second Visa is saved");
    const deletes = () => sandbox.requests.filter(request => request.method === 'DELETE' && request.path.endsWith(`/wallet/${visa.id}`));

    // The gateway sits on the removal, then fails it without removing anything.
    sandbox.faults.add({ method: 'DELETE', path: GATEWAY_WALLET_ENTRY, latencyMs: 1500, status: 503, times: 1 });
    await wallet(page).getByRole('button', { name: 'Remove Visa ending in 9995' }).click();
    const confirm = wallet(page).getByRole('group', { name: 'Remove Visa ending in 9995?' });
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await until(() => sandbox.faults.list().length === 0, 'the gateway has the removal');
    await page.close();

    await until(() => deletes().length > 0, 'the gateway answered the removal');
    assert.deepEqual(
      deletes().map(request => request.status),
      [503],
    );
    assert.deepEqual(gatewayWallet('alan'), before, 'the gateway still holds every method');

    const again = await context.newPage();
    await again.goto('/account');
    await showsGatewayWallet(again, 'alan');
    assert.equal(await row(again, '9995').count(), 1);
  });

  it('logged no card number through any of it', () => {
    const leaks = harness.logs.filter(line => TYPED_CARDS.some(number => line.replace(/\D/g, '').includes(number)));
    assert.deepEqual(leaks, []);
  });
});
