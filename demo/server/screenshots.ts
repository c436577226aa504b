/**
 * Takes the README's screenshots from a freshly started demo:
 * `npx tsx demo/server/screenshots.ts` writes `docs/images/account.png` and
 * `docs/images/checkout.png` (light) plus `account-dark.png` and `account-ar.png`
 * (Arabic, right to left, through the demo's language picker).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { startDemo } from './demo.js';

interface BrowserFinder {
  findChromium(): Promise<string>;
  chromiumArgs(): string[];
}

const OUT = fileURLToPath(new URL('../../docs/images/', import.meta.url));

async function settle(page: Page, role: 'listitem' | 'radio'): Promise<void> {
  await page.locator('ecrypt-wallet').getByRole(role).first().waitFor();
  // Let fonts and the last paint land.
  await page.evaluate(() => document.fonts.ready);
}

async function main(): Promise<void> {
  const { findChromium, chromiumArgs } = (await import(new URL('../../scripts/browser.mjs', import.meta.url).href)) as BrowserFinder;
  mkdirSync(OUT, { recursive: true });
  const demo = await startDemo({ log: () => {}, env: {} });
  const browser = await chromium.launch({
    executablePath: await findChromium(),
    headless: true,
    args: chromiumArgs().filter(arg => !arg.startsWith('--user-data-dir')),
  });
  try {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({
        baseURL: demo.url,
        viewport: { width: 1100, height: 760 },
        deviceScaleFactor: 1,
        colorScheme: scheme,
      });
      const page = await context.newPage();
      await page.goto('/');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL(/\/account$/);
      await settle(page, 'listitem');
      const suffix = scheme === 'dark' ? '-dark' : '';
      await page.screenshot({ path: `${OUT}account${suffix}.png` });
      if (scheme === 'light') {
        await page.goto('/checkout');
        await settle(page, 'radio');
        await page.screenshot({ path: `${OUT}checkout.png` });
        await page.goto('/account');
        await page.locator('[data-language]').selectOption('ar');
        await page.locator('ecrypt-wallet').getByRole('button', { name: 'إضافة طريقة دفع' }).waitFor();
        await settle(page, 'listitem');
        await page.screenshot({ path: `${OUT}account-ar.png` });
        await page.evaluate(() => localStorage.removeItem('demo-language'));
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await demo.close();
  }
  console.log(`Screenshots written to ${OUT}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
