/**
 * The demo, end to end in a real browser: what a newcomer does after `npm start`.
 * One shopper's journey in order (each step builds on the last), then the other
 * shopper, then a gateway fault. The demo runs in this process on free ports.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import type { PaymentMethod } from '../../src/protocol/index.js';
import { focusArrives, screenshot, signIn, startHarness, tabTo, type Harness } from './harness.js';

const FUTURE_EXPIRY = `12${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`;

describe('the demo shop', () => {
  let harness: Harness;
  let context: BrowserContext;
  let page: Page;
  /** Ada's method ids after her changes, to look for them in Grace's wallet. */
  let adaIds: string[] = [];

  const wallet = () => page.locator('ecrypt-wallet');
  const method = (name: RegExp) => wallet().getByRole('group', { name });
  const methodsFromBackend = async (): Promise<PaymentMethod[]> => {
    const response = await context.request.get('/api/wallet/methods');
    assert.equal(response.status(), 200);
    return ((await response.json()) as { methods: PaymentMethod[] }).methods;
  };

  before(async () => {
    harness = await startHarness();
    context = await harness.newContext();
    page = await context.newPage();
  });

  after(async () => {
    await context?.close();
    await harness?.close();
  });

  it('signs in as a demo shopper and shows the seeded wallet with every state', async () => {
    await page.goto('/');
    await screenshot(page, '01-sign-in');
    await signIn(page, 'Ada Lovelace');
    await page.getByText('Signed in as Ada Lovelace').waitFor();

    await wallet().getByRole('list', { name: 'Saved payment methods' }).waitFor();
    await method(/^Mastercard ending in 4444, expires soon, .*default$/).waitFor();
    await method(/^American Express ending in 0005, expired /).waitFor();
    await method(/^Bank account ending in 6789, checking/).waitFor();
    assert.equal(await wallet().getByRole('listitem').count(), 3);
    await screenshot(page, '02-account');
  });

  it('adds a Visa with the keyboard only and lists it', async () => {
    await tabTo(page, /^Add payment method$/);
    await page.keyboard.press('Enter');
    // The wallet loads the form on demand and focuses its first field once it is ready.
    await focusArrives(page, /^Card number/);
    await page.keyboard.type('4111 1111 1111 1111');
    await tabTo(page, /^Expiry date/);
    await page.keyboard.type(FUTURE_EXPIRY);
    await tabTo(page, /^Security code/);
    await page.keyboard.type('123');
    await tabTo(page, /^Billing postal code/);
    await page.keyboard.type('94107');
    await screenshot(page, '03-add-card');
    await tabTo(page, /^Save card$/);
    const tokenRequest = page.waitForRequest(request => /\/v1\/tokens/.test(request.url()) && request.method() === 'POST');
    await page.keyboard.press('Enter');
    // The card goes straight from the browser to the gateway, cross-origin: never through the shop.
    const tokenize = await tokenRequest;
    const pageOrigin = new URL(page.url()).origin;
    assert.notEqual(new URL(tokenize.url()).origin, pageOrigin, 'tokenization is cross-origin');
    const tokenResponse = await tokenize.response();
    assert.ok(tokenResponse, 'the tokenization request was answered');
    assert.equal(tokenResponse.headers()['access-control-allow-origin'], pageOrigin);

    await method(/^Visa ending in 1111, expires /).waitFor();
    assert.equal(await wallet().getByRole('listitem').count(), 4);
    // The form is gone and no input anywhere still holds the number.
    const leftovers = await page.evaluate(() => {
      const values: string[] = [];
      const roots: (Document | ShadowRoot)[] = [document];
      for (let root = roots.pop(); root; root = roots.pop()) {
        for (const input of root.querySelectorAll('input')) values.push(input.value);
        for (const element of root.querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
      }
      return values.filter(value => value.replace(/\D/g, '').includes('41111111'));
    });
    assert.deepEqual(leftovers, []);
  });

  it('makes the new Visa the default', async () => {
    await wallet()
      .getByRole('button', { name: /^Make .*Visa ending in 1111/ })
      .click();
    await method(/^Visa ending in 1111, .*default$/).waitFor();
    await method(/^Mastercard ending in 4444, expires soon, [^,]+$/).waitFor();
    const methods = await methodsFromBackend();
    assert.equal(methods.find(m => m.isDefault)?.last4, '1111');
  });

  it('removes another method through the confirmation', async () => {
    await wallet().getByRole('button', { name: 'Remove American Express ending in 0005' }).click();
    const confirm = wallet().getByRole('group', { name: /^Remove American Express ending in 0005\?$/ });
    await confirm.waitFor();
    await screenshot(page, '04-remove-confirmation');
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await method(/^American Express ending in 0005/).waitFor({ state: 'detached' });
    assert.equal(await wallet().getByRole('listitem').count(), 3);
  });

  it('submits the picked method from the checkout form and the order is approved', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Checkout' }).click();
    await page.waitForURL(/\/checkout$/);
    const group = wallet().getByRole('radiogroup', { name: 'Choose a payment method' });
    await group.waitFor();
    const visa = (await methodsFromBackend()).find(m => m.last4 === '1111');
    assert.ok(visa, 'the Visa is saved');
    // Pick a method other than the preselected default, then the Visa again: the form must carry the last pick.
    await group.getByRole('radio', { name: /^Mastercard ending in 4444/ }).check();
    await group.getByRole('radio', { name: /^Visa ending in 1111/ }).check();
    await screenshot(page, '05-checkout');

    const posted = page.waitForRequest(request => request.method() === 'POST' && new URL(request.url()).pathname === '/api/orders');
    await page.getByRole('button', { name: /^Place order/ }).click();
    const body = new URLSearchParams((await posted).postData() ?? '');
    assert.equal(body.get('paymentMethod'), visa.id);

    await page.waitForURL(/\/order\?id=/);
    await page.getByRole('heading', { name: 'Order placed' }).waitFor();
    await page.getByText('Visa ending in 1111').waitFor();
    await screenshot(page, '06-order-approved');
  });

  it('keeps every change after a reload', async () => {
    await page.goto('/account');
    await page.reload();
    await method(/^Visa ending in 1111, .*default$/).waitFor();
    await method(/^Mastercard ending in 4444/).waitFor();
    await method(/^Bank account ending in 6789/).waitFor();
    assert.equal(await method(/^American Express ending in 0005/).count(), 0);
    adaIds = (await methodsFromBackend()).map(m => m.id);
    assert.equal(adaIds.length, 3);
  });

  it("shows the other shopper only their own wallet, none of the first shopper's methods", async () => {
    await signIn(page, 'Grace Hopper');
    await page.getByText('Signed in as Grace Hopper').waitFor();
    await method(/^Visa ending in 4242, .*default$/).waitFor();
    assert.equal(await wallet().getByRole('listitem').count(), 4);
    assert.equal(await method(/ending in 1111/).count(), 0);
    assert.equal(await method(/ending in 6789/).count(), 0);
    const graceIds = (await methodsFromBackend()).map(m => m.id);
    assert.deepEqual(
      graceIds.filter(id => adaIds.includes(id)),
      [],
    );
    // Another shopper's method id cannot be charged either.
    const order = await context.request.post('/api/orders', { data: { paymentMethod: adaIds[0] } });
    const { order: answer } = (await order.json()) as { order: { status: string } };
    assert.notEqual(answer.status, 'approved');
    await screenshot(page, '07-other-shopper');
  });

  it('shows a clear error when the gateway fails, loses nothing, and succeeds once the fault is cleared', async t => {
    // Whatever happens here, the next tests get a working gateway.
    t.after(() => harness.demo.sandbox?.faults.clear());
    await signIn(page, 'Ada Lovelace');
    await method(/^Visa ending in 1111/).waitFor();

    await page.getByText('Sandbox faults').click();
    await page.getByRole('button', { name: 'Gateway 500s' }).click();
    await page.getByRole('status').filter({ hasText: 'Every gateway call fails with 500.' }).waitFor();

    await wallet().getByRole('button', { name: 'Add payment method' }).click();
    const form = wallet().locator('ecrypt-add-card');
    await form.getByLabel(/^Card number/).fill('6011 1111 1111 1117');
    await form.getByLabel(/^Expiry date/).fill(FUTURE_EXPIRY);
    await form.getByLabel(/^Security code/).fill('123');
    await form.getByLabel(/^Billing postal code/).fill('94107');
    await form.getByRole('button', { name: 'Save card' }).click();

    // Shown next to the form (the first match) and announced in its live region.
    await form.getByText('Something went wrong and nothing was saved. Try again.').first().waitFor();
    await screenshot(page, '08-gateway-fault');
    // Nothing lost: the typed details are still there and the wallet is as it was.
    assert.equal((await form.getByLabel(/^Card number/).inputValue()).replace(/\D/g, ''), '6011111111111117');
    assert.equal((await form.getByLabel(/^Expiry date/).inputValue()).replace(/\D/g, ''), FUTURE_EXPIRY);
    assert.equal(await form.getByLabel(/^Billing postal code/).inputValue(), '94107');
    assert.equal(await wallet().getByRole('listitem').count(), 3);
    // Except the security code, which the form deliberately never keeps after a failed attempt.
    assert.equal(await form.getByLabel(/^Security code/).inputValue(), '');

    await page.getByRole('button', { name: 'Clear faults' }).click();
    await page.getByRole('status').filter({ hasText: 'Faults cleared.' }).waitFor();
    await form.getByLabel(/^Security code/).fill('123');
    await form.getByRole('button', { name: 'Save card' }).click();
    await method(/^Discover ending in 1117/).waitFor();
    assert.equal(await wallet().getByRole('listitem').count(), 4);
    assert.equal((await methodsFromBackend()).length, 4);
  });

  it('renders the theming and embed pages with a working wallet', async () => {
    await page.goto('/theming');
    await wallet().getByRole('list', { name: 'Saved payment methods' }).waitFor();
    await page.getByRole('radio', { name: 'Dark' }).check();
    const css = await page.locator('[data-css]').textContent();
    assert.match(css ?? '', /--ecrypt-color-surface: #161a22;/);
    await screenshot(page, '09-theming');

    await page.goto('/embed');
    await wallet().getByRole('list', { name: 'Saved payment methods' }).waitFor();
    await screenshot(page, '10-embed');
  });
});
