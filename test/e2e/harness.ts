/**
 * What every end-to-end test needs: the demo started in this process on free
 * ports, the same headless Chromium the browser tests use (playwright-core, no
 * download), screenshots under `test-results/screenshots/`, and keyboard helpers
 * that look through shadow roots.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';

interface BrowserFinder {
  findChromium(): Promise<string>;
  chromiumArgs(): string[];
}

/** `scripts/browser.mjs` (plain JS without declarations), typed here. */
export async function browserFinder(): Promise<BrowserFinder> {
  return (await import(new URL('../../scripts/browser.mjs', import.meta.url).href)) as BrowserFinder;
}

export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

export interface Harness {
  demo: RunningDemo;
  browser: Browser;
  /** Problems the demo logged; a test may assert there were none. */
  logs: string[];
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const logs: string[] = [];
  // No keys from the developer's shell: the tests always run on the sandbox.
  const demo = await startDemo({ log: line => logs.push(line), env: {} });
  let browser: Browser;
  try {
    const { findChromium, chromiumArgs } = await browserFinder();
    browser = await chromium.launch({
      executablePath: await findChromium(),
      headless: true,
      // Playwright makes its own fresh profile and refuses a --user-data-dir argument.
      args: chromiumArgs().filter(arg => !arg.startsWith('--user-data-dir')),
    });
  } catch (error) {
    await demo.close();
    throw error;
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    demo,
    browser,
    logs,
    async newContext() {
      const context = await browser.newContext({ baseURL: demo.url, viewport: { width: 1200, height: 900 }, colorScheme: 'light' });
      context.setDefaultTimeout(15_000);
      return context;
    },
    async close() {
      await browser.close();
      await demo.close();
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The accessible name of the focused element, looking through shadow roots. */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    let element: Element | null = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element) return '';
    const labels = (element as HTMLInputElement).labels;
    const name = element.getAttribute('aria-label') ?? (labels && labels.length > 0 ? labels[0]?.textContent : element.textContent) ?? '';
    return name.replace(/\s+/g, ' ').trim();
  });
}

/**
 * Waits until the page itself moves focus to an element whose name matches, as
 * the wallet does when its lazily loaded add form is ready; pressing Tab before
 * that would race the element's own focus move.
 */
export async function focusArrives(page: Page, name: RegExp, timeoutMs = 15_000): Promise<void> {
  try {
    await page.waitForFunction(
      ({ source, flags }) => {
        let element: Element | null = document.activeElement;
        while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
        if (!element) return false;
        const labels = (element as HTMLInputElement).labels;
        const label =
          element.getAttribute('aria-label') ?? (labels && labels.length > 0 ? labels[0]?.textContent : element.textContent) ?? '';
        return new RegExp(source, flags).test(label.replace(/\s+/g, ' ').trim());
      },
      { source: name.source, flags: name.flags },
      { timeout: timeoutMs },
    );
  } catch {
    throw new Error(`Focus never moved to ${name}; the last focused element was "${await focusedName(page)}".`);
  }
}

/** Presses Tab until the focused element's name matches, as a keyboard user would. */
export async function tabTo(page: Page, name: RegExp, maxPresses = 40): Promise<void> {
  let last = '';
  for (let i = 0; i <= maxPresses; i++) {
    last = await focusedName(page);
    if (name.test(last)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${name}; the last focused element was "${last}".`);
}

/** Signs in through the demo's sign-in page by picking a shopper and lands on the account page. */
export async function signIn(page: Page, shopperName: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('radio', { name: new RegExp(shopperName) }).check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(/\/account$/);
}
