/**
 * The elements under the strict policy `docs/security.md` gives merchants, with
 * Trusted Types enforced: list, make default, remove and a full add-card save
 * run in headless Chromium against the real handler and sandbox (the gateway on
 * another origin, as eCrypt is), with a `securitypolicyviolation` listener that
 * must stay silent. Twice: a page built by a bundler from the package's modules,
 * and a page that loads the self-contained CDN file.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { createSandbox, TEST_CARDS } from '../../src/sandbox/index.js';
import { startSandboxServer, type StandaloneServer } from '../../src/sandbox/standalone.js';
import { createWalletHandler } from '../../src/server/handler.js';
import { toNodeListener } from '../../src/server/node.js';
import { browserFinder } from '../e2e/harness.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HOST = '127.0.0.1';
const ENDPOINT = '/api/wallet';
const EXPIRY = `12${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`;

/** The policy of docs/security.md, with the gateway's origin in connect-src. */
const policy = (gateway: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${gateway}`,
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; ');

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css' };

interface Site {
  url: string;
  server: Server;
  gateway: StandaloneServer;
  customerId: string;
}

/** Serves `dir` under the strict policy and the wallet endpoint beside it, for one signed-in shopper. */
async function serveSite(dir: string): Promise<Site> {
  let route: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server = createServer((req, res) => route(req, res));
  server.listen(0, HOST);
  await once(server, 'listening');
  const url = `http://${HOST}:${(server.address() as AddressInfo).port}`;
  const sandbox = createSandbox({ allowedOrigins: [url] });
  const [customerId] = await sandbox.seed({
    customers: [
      {
        firstName: 'Strict',
        lastName: 'Policy',
        methods: [TEST_CARDS.visa.number, TEST_CARDS.mastercard.number].map(accountNumber => ({
          card: { accountNumber, expires: '1235' },
        })),
      },
    ],
  });
  assert.ok(customerId);
  const gateway = await startSandboxServer({ sandbox, port: 0, host: HOST });
  const wallet = toNodeListener(
    createWalletHandler({
      privateKey: sandbox.privateKey,
      publicKey: sandbox.publicKey,
      gatewayUrl: gateway.url,
      basePath: ENDPOINT,
      customerFor: () => customerId,
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    }),
  );
  route = (req, res) => {
    const pathname = new URL(req.url ?? '/', url).pathname;
    if (pathname.startsWith(`${ENDPOINT}/`)) return wallet(req, res);
    const file = normalize(join(dir, pathname === '/' ? 'index.html' : pathname));
    let content: Buffer;
    try {
      if (!file.startsWith(dir)) throw new Error('outside');
      content = readFileSync(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': policy(gateway.url),
    });
    res.end(content);
  };
  return { url, server, gateway, customerId };
}

async function closeSite(site: Site | undefined): Promise<void> {
  if (!site) return;
  site.server.closeAllConnections();
  await new Promise(resolve => site.server.close(resolve));
  await site.gateway.close();
}

/** Every violation the page reports, from before its first script runs (init scripts are not subject to the policy). */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', event => {
      seen.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber} ${event.sample}`,
      );
    });
  });
  const console: string[] = [];
  page.on('console', message => {
    if (/Content Security Policy|Trusted Type/i.test(message.text())) console.push(message.text());
  });
  return async () => [...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)), ...console];
}

/** List, make default, remove and add a card, as a shopper does. */
async function walkTheWallet(page: Page): Promise<void> {
  const wallet = page.locator('ecrypt-wallet');
  const method = (name: RegExp) => wallet.getByRole('group', { name });
  await method(/^Visa ending in 4242, .*default$/).waitFor();
  await method(/^Mastercard ending in 4444/).waitFor();

  await wallet.getByRole('button', { name: /^Make .*Mastercard ending in 4444/ }).click();
  await method(/^Mastercard ending in 4444, .*default$/).waitFor();

  await wallet.getByRole('button', { name: 'Remove Visa ending in 4242' }).click();
  await wallet
    .getByRole('group', { name: /^Remove Visa ending in 4242\?$/ })
    .getByRole('button', { name: 'Remove', exact: true })
    .click();
  await method(/^Visa ending in 4242/).waitFor({ state: 'detached' });

  await wallet.getByRole('button', { name: 'Add payment method' }).click();
  const form = wallet.locator('ecrypt-add-card');
  await form.getByLabel(/^Card number/).fill('6011 1111 1111 1117');
  await form.getByLabel(/^Expiry date/).fill(EXPIRY);
  await form.getByLabel(/^Security code/).fill('123');
  const postal = form.getByLabel(/^Billing postal code/);
  if ((await postal.count()) > 0) await postal.fill('94107');
  await form.getByRole('button', { name: 'Save card' }).click();
  await method(/^Discover ending in 1117/).waitFor();
  assert.equal(await wallet.getByRole('listitem').count(), 2);
}

describe('strict Content Security Policy with Trusted Types', () => {
  let browser: Browser;
  let work: string;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'ecrypt-csp-'));
    const { findChromium, chromiumArgs } = await browserFinder();
    browser = await chromium.launch({
      executablePath: await findChromium(),
      headless: true,
      args: chromiumArgs().filter(arg => !arg.startsWith('--user-data-dir')),
    });
  });

  after(async () => {
    await browser?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function run(dir: string): Promise<void> {
    let site: Site | undefined;
    const context = await browser.newContext();
    context.setDefaultTimeout(15_000);
    try {
      site = await serveSite(dir);
      const page = await context.newPage();
      const violations = await watchViolations(page);
      const errors: string[] = [];
      page.on('pageerror', error => errors.push(error.message));
      page.on('console', message => {
        if (message.type() === 'error') errors.push(message.text());
      });
      const response = await page.goto(site.url);
      assert.equal(response?.headers()['content-security-policy'], policy(site.gateway.url));
      try {
        await walkTheWallet(page);
      } catch (error) {
        // A blocked script or template usually shows as a wallet that never renders: say why.
        assert.fail(
          `${error instanceof Error ? error.message : String(error)}\nCSP violations: ${JSON.stringify(await violations(), null, 2)}\npage errors: ${JSON.stringify(errors, null, 2)}`,
        );
      }
      assert.deepEqual(await violations(), []);
    } finally {
      await context.close();
      await closeSite(site);
    }
  }

  it('a bundler build of a page with the elements raises no violation', { timeout: 180_000 }, async () => {
    const source = join(work, 'app');
    const out = join(work, 'app-dist');
    mkdirSync(source, { recursive: true });
    writeFileSync(
      join(source, 'index.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict policy</title>` +
        `<script type="module" src="./main.ts"></script></head>` +
        `<body><ecrypt-wallet endpoint="${ENDPOINT}"></ecrypt-wallet></body></html>`,
    );
    writeFileSync(join(source, 'main.ts'), `import ${JSON.stringify(join(ROOT, 'src/components/ecrypt-wallet/ecrypt-wallet.ts'))};\n`);
    await build({ configFile: false, root: source, logLevel: 'silent', build: { outDir: out, emptyOutDir: true, target: 'es2022' } });
    await run(out);
  });

  it('the self-contained CDN file raises no violation', { timeout: 180_000 }, async () => {
    const out = join(work, 'cdn');
    await build({
      configFile: join(ROOT, 'vite.config.ts'),
      root: ROOT,
      mode: 'cdn',
      logLevel: 'silent',
      build: { outDir: out, emptyOutDir: true },
    });
    writeFileSync(
      join(out, 'index.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict policy, CDN file</title>` +
        `<script type="module" src="/ecrypt-wallet.js"></script></head>` +
        `<body><ecrypt-wallet endpoint="${ENDPOINT}"></ecrypt-wallet></body></html>`,
    );
    await run(out);
  });
});
