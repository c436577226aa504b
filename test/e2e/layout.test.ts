/**
 * The demo's layout, end to end: no layout shift while the wallet loads (cumulative layout shift
 * measured by a PerformanceObserver from the first paint, and printed), the fault panel never over
 * the page's content, the favicon there, the event log in display names, and the shop's removal
 * policy shown before anyone tries.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot, signIn, startHarness, type Harness } from './harness.js';

/** Targets: with `skeleton-rows` saying how many methods there are, and without. */
const CLS_KNOWN = 0.01;
const CLS_UNKNOWN = 0.05;

/** Sums every layout shift not caused by input, from the first paint on, into `window.__cls`. */
function observeLayoutShifts(): void {
  const record = window as unknown as { __cls: number };
  record.__cls = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
      if (!entry.hadRecentInput) record.__cls += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
}

/** Goes to `path`, waits until the wallet shows its list and two frames have passed (shifts are reported per frame), and answers the CLS. */
async function clsOf(page: Page, path: string, role: 'list' | 'radiogroup'): Promise<number> {
  await page.goto(path);
  await page.locator('ecrypt-wallet').getByRole(role).first().waitFor();
  await page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(() => (window as unknown as { __cls: number }).__cls);
}

describe('the demo layout', () => {
  let harness: Harness;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    harness = await startHarness();
    context = await harness.newContext();
    await context.addInitScript(observeLayoutShifts);
    page = await context.newPage();
    await signIn(page, 'Ada Lovelace');
  });

  after(async () => {
    await context?.close();
    await harness?.close();
  });

  it(`shifts less than ${CLS_KNOWN} while the wallet loads with its size known (skeleton-rows)`, async () => {
    const account = await clsOf(page, '/account', 'list');
    const checkout = await clsOf(page, '/checkout', 'radiogroup');
    console.log(`CLS, size known: account ${account.toFixed(4)}, checkout ${checkout.toFixed(4)}`);
    assert.ok(account < CLS_KNOWN, `account page CLS ${account}`);
    assert.ok(checkout < CLS_KNOWN, `checkout page CLS ${checkout}`);
  });

  it(`shifts less than ${CLS_KNOWN} with a slow gateway`, async t => {
    const armed = await context.request.post('/api/demo/faults', { data: { preset: 'slow' } });
    assert.equal(armed.status(), 200);
    t.after(() => context.request.delete('/api/demo/faults').then(() => {}));
    const account = await clsOf(page, '/account', 'list');
    console.log(`CLS, slow gateway, size known: account ${account.toFixed(4)}`);
    assert.ok(account < CLS_KNOWN, `account page CLS ${account}`);
  });

  it(`shifts less than ${CLS_UNKNOWN} when the page does not say how many methods to expect`, async t => {
    await page.route('**/account', async route => {
      const response = await route.fetch();
      const body = (await response.text()).replace(/ skeleton-rows="\d+"/, '');
      assert.ok(!body.includes('skeleton-rows'), 'the attribute is gone');
      await route.fulfill({ response, body });
    });
    t.after(() => page.unroute('**/account'));
    const account = await clsOf(page, '/account', 'list');
    console.log(`CLS, size unknown (2 rows expected, 3 arrive): account ${account.toFixed(4)}`);
    assert.ok(account < CLS_UNKNOWN, `account page CLS ${account}`);
  });

  it('keeps the fault panel clear of the content, at 1200 and 360 px', async () => {
    for (const width of [1200, 360]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto('/account');
      await page.locator('ecrypt-wallet').getByRole('list').waitFor();
      await page.locator('[data-fault-panel] summary').click();
      const [panel, main] = await Promise.all([page.locator('[data-fault-panel]').boundingBox(), page.locator('main').boundingBox()]);
      assert.ok(panel && main);
      assert.ok(
        panel.y >= main.y + main.height,
        `at ${width} px the open panel (y ${panel.y}) starts below the content (ends at ${main.y + main.height})`,
      );
      await screenshot(page, `layout-fault-panel-${width}`);
    }
    await page.setViewportSize({ width: 1200, height: 900 });
  });

  it('has a favicon', async () => {
    await page.goto('/account');
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    assert.ok(href);
    const icon = await context.request.get(href);
    assert.equal(icon.status(), 200);
    assert.match(icon.headers()['content-type'] ?? '', /svg/);
  });

  it('logs events with the names shoppers read, not internal brand codes', async () => {
    await page.goto('/account');
    const wallet = page.locator('ecrypt-wallet');
    await wallet.getByRole('button', { name: 'Make default: Bank account ending in 6789' }).click();
    const log = page.locator('[data-event-log]');
    await log.getByText('ecrypt-default-changed: Bank account •••• 6789').waitFor();
    const text = await log.innerText();
    assert.doesNotMatch(text, /\b(ach|visa|mastercard|amex|discover) ••••/);
  });

  it("shows the shop's removal policy: a card that pays for a subscription has no Remove, and says why", async () => {
    const other = await context.browser()!.newContext({ baseURL: harness.demo.url });
    try {
      const alan = await other.newPage();
      await signIn(alan, 'Alan Turing');
      const wallet = alan.locator('ecrypt-wallet');
      const debit = wallet.getByRole('group', { name: /^Visa ending in 5556/ });
      await debit.getByText("Can't be removed. It pays for your monthly coffee subscription.", { exact: false }).waitFor();
      assert.equal(await debit.getByRole('button', { name: /^Remove/ }).count(), 0);
      assert.equal(await wallet.getByRole('button', { name: 'Remove Visa ending in 9995' }).count(), 1, 'the other card can be removed');
      await screenshot(alan, 'layout-removal-policy');
    } finally {
      await other.close();
    }
  });
});
