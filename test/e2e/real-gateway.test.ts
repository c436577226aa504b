/**
 * With `ECRYPT_PRIVATE_KEY` / `ECRYPT_PUBLIC_KEY` / `ECRYPT_BASE_URL` the demo talks
 * to that gateway instead of starting its own sandbox. A separate sandbox with other
 * keys stands in for real eCrypt here: nothing seeded, no admin routes, and the
 * demo's shoppers get their eCrypt customer on the first save.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';
import { startSandboxServer, type StandaloneServer } from '../../src/sandbox/standalone.js';
import { browserFinder, screenshot } from './harness.js';

const KEYS = { publicKey: 'pk_e2e_gateway_public', privateKey: 'sk_e2e_gateway_private' };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('the demo against a gateway from the environment', () => {
  let gateway: StandaloneServer;
  let demo: RunningDemo;
  let browser: Browser;
  let page: Page;

  before(async () => {
    // The gateway must allow the demo's origin for browser tokenization, so the demo's port is chosen first.
    const port = await freePort();
    gateway = await startSandboxServer({ port: 0, ...KEYS, allowedOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`] });
    demo = await startDemo({
      port,
      log: () => {},
      env: { ECRYPT_PRIVATE_KEY: KEYS.privateKey, ECRYPT_PUBLIC_KEY: KEYS.publicKey, ECRYPT_BASE_URL: `${gateway.url}/v1` },
    });
    const { findChromium, chromiumArgs } = await browserFinder();
    browser = await chromium.launch({
      executablePath: await findChromium(),
      headless: true,
      args: chromiumArgs().filter(arg => !arg.startsWith('--user-data-dir')),
    });
    const context = await browser.newContext({ baseURL: demo.url, viewport: { width: 1200, height: 900 } });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
  });

  after(async () => {
    await browser?.close();
    await demo?.close();
    await gateway?.close();
  });

  it('uses that gateway and its public key, with no sandbox and no fault panel', async () => {
    assert.equal(demo.mode, 'ecrypt');
    assert.equal(demo.sandbox, null);
    assert.equal(demo.gatewayUrl, gateway.url);

    await page.goto('/');
    await page.getByRole('radio', { name: /Alan Turing/ }).check();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(/\/account$/);
    await page.locator('ecrypt-wallet').getByText("You haven't saved a payment method yet.").waitFor();
    assert.equal(await page.getByText('Sandbox faults').isVisible(), false);

    const config = (await (await page.request.get('/api/wallet/config')).json()) as { publicKey: string; gatewayUrl: string };
    assert.equal(config.publicKey, KEYS.publicKey);
    assert.equal(config.gatewayUrl, gateway.url);
    assert.equal((await page.request.get('/api/demo/faults')).status(), 404);
  });

  it('creates the eCrypt customer on the first save and charges the saved card', async () => {
    const wallet = page.locator('ecrypt-wallet');
    await wallet.getByRole('button', { name: 'Add payment method' }).click();
    const form = wallet.locator('ecrypt-add-card');
    await form.getByLabel(/^Card number/).fill('4242 4242 4242 4242');
    await form.getByLabel(/^Expiry date/).fill('1235');
    await form.getByLabel(/^Security code/).fill('123');
    await form.getByLabel(/^Billing postal code/).fill('02139');
    await form.getByRole('button', { name: 'Save card' }).click();
    await wallet.getByRole('group', { name: /^Visa ending in 4242/ }).waitFor();
    await screenshot(page, 'real-gateway-account');

    const [customerId, ...others] = gateway.sandbox.state.customerIds();
    assert.ok(customerId);
    assert.deepEqual(others, []);
    assert.equal(gateway.sandbox.state.wallet(customerId).length, 1);

    await page.goto('/checkout');
    await wallet.getByRole('radio', { name: /^Visa ending in 4242/ }).check();
    await page.getByRole('button', { name: /^Place order/ }).click();
    await page.getByRole('heading', { name: 'Order placed' }).waitFor();
    assert.ok(gateway.sandbox.requests.some(r => r.method === 'POST' && r.path === '/v1/transactions/sale' && r.status === 200));
  });
});
