/**
 * A save whose answer was lost while offline, then the same card typed again
 * (Change card) instead of the retry: the backend answers `duplicate`, and the
 * wallet shows the card the gateway holds, once, without a reload.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startHarness, signIn, type Harness } from './harness.js';

let harness: Harness;
before(async () => (harness = await startHarness()));
after(() => harness?.close());

it('a duplicate found after a lost answer shows the saved card in the wallet, once', async () => {
  const context = await harness.newContext();
  const page = await context.newPage();
  await signIn(page, 'Alan Turing');
  const wallet = page.locator('ecrypt-wallet');
  await wallet.getByRole('list', { name: 'Saved payment methods' }).waitFor();
  await wallet.getByRole('button', { name: 'Add payment method' }).click();
  const form = wallet.locator('ecrypt-add-card');
  const fill = async () => {
    await form.getByLabel(/^Card number/).fill('5105 1051 0510 5100');
    await form.getByLabel(/^Expiry date/).fill('1229');
    await form.getByLabel(/^Security code/).fill('123');
    await form.getByLabel(/^Billing postal code/).fill('94107');
  };
  await fill();
  let armed = true;
  await page.route('**/api/wallet/methods', async route => {
    if (!armed || route.request().method() !== 'POST') return route.fallback();
    armed = false;
    // The shop stores the card; its answer is lost, and so is the wallet's read after it.
    await route.fetch();
    await context.setOffline(true);
    await route.abort('internetdisconnected');
  });
  await form.getByRole('button', { name: 'Save card' }).click();
  await form.getByText('We could not connect. Check your connection and try again.').first().waitFor();
  await context.setOffline(false);
  await form.getByRole('button', { name: 'Change card' }).click();
  await fill();
  await form.getByRole('button', { name: 'Save card' }).click();
  await form
    .getByText(/already saved/)
    .first()
    .waitFor();
  const stored = harness.demo.sandbox!.state.wallet('demo-shopper-alan').filter(entry => entry.accountNumber.endsWith('5100'));
  assert.equal(stored.length, 1);
  await wallet.getByRole('group', { name: /^Mastercard ending in 5100/ }).waitFor();
  assert.equal(await wallet.getByRole('group', { name: /^Mastercard ending in 5100/ }).count(), 1);
  await context.close();
});
