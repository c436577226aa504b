// Consumer tests: packs the tarball, installs it into the small apps beside this
// file (one shared npm cache), builds each as its author would (type-check, then
// bundle), and renders the wallet from each build in headless Chromium against the
// Express consumer's server: the package's own handler in front of its sandbox.
// `npm run test:consumers` (a few minutes: it installs from the registry); not part of `npm test`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../scripts/browser.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HERE = fileURLToPath(new URL('.', import.meta.url));
const APPS = ['vanilla', 'react', 'vue', 'express'];
const cache = process.env.CONSUMERS_NPM_CACHE ?? join(ROOT, 'node_modules', '.cache', 'consumers-npm');
const work = mkdtempSync(join(tmpdir(), 'ecrypt-consumers-'));

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

let server;
let tarball;

/** Copies a consumer app into the scratch folder and installs the tarball into it. */
function install(app) {
  const dir = join(work, app);
  cpSync(join(HERE, app), dir, { recursive: true });
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--cache', cache, tarball], dir);
  return dir;
}

let browser;
let origin;

before(async () => {
  if (process.env.CONSUMERS_SKIP_BUILD !== '1') run('npm', ['run', 'build'], ROOT);
  tarball = join(work, run('npm', ['pack', '--silent', '--pack-destination', work], ROOT).trim().split('\n').pop());
  for (const app of APPS) run('npm', ['run', 'build'], install(app));
  // The CDN page twice: with the one file alone (the first paint needs nothing else),
  // and with the folder as published (the add form loads from beside the file).
  const published = join(work, 'vanilla', 'node_modules', 'ecrypt-wallet-elements', 'dist', 'cdn');
  mkdirSync(join(work, 'cdn-file'));
  cpSync(join(HERE, 'cdn', 'index.html'), join(work, 'cdn-file', 'index.html'));
  cpSync(join(published, 'ecrypt-wallet.js'), join(work, 'cdn-file', 'ecrypt-wallet.js'));
  cpSync(published, join(work, 'cdn-folder'), { recursive: true });
  cpSync(join(HERE, 'cdn', 'index.html'), join(work, 'cdn-folder', 'index.html'));

  const pages = {
    '/vanilla': join(work, 'vanilla', 'dist'),
    '/react': join(work, 'react', 'dist'),
    '/vue': join(work, 'vue', 'dist'),
    '/cdn-file': join(work, 'cdn-file'),
    '/cdn-folder': join(work, 'cdn-folder'),
  };
  server = spawn(process.execPath, ['server.mjs'], {
    cwd: join(work, 'express'),
    env: { ...process.env, PORT: '0', PAGES: JSON.stringify(pages) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: server.stdout })) {
    origin = /listening on (http:\/\/\S+)/.exec(line)?.[1];
    if (origin) break;
  }
  browser = await chromium.launch({
    executablePath: await findChromium(),
    args: chromiumArgs().filter(arg => !arg.startsWith('--user-data-dir')),
  });
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (process.env.CONSUMERS_KEEP === '1') console.log(`consumer apps kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
});

/**
 * Opens a page, runs the steps and fails on any page error, console error or failed
 * request, naming them when a step times out too.
 */
async function visit(path, steps) {
  const { page, problems } = await open(path);
  try {
    await steps(page);
  } catch (error) {
    error.message += `\nThe page reported: ${JSON.stringify(problems, null, 2)}`;
    throw error;
  } finally {
    await page.close();
  }
  assert.deepEqual(problems, []);
}

async function open(path) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', error => problems.push(`page error: ${error.message}`));
  page.on('console', message => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on('response', response => response.status() >= 400 && problems.push(`${response.status()} ${response.url()}`));
  page.on('requestfailed', request => problems.push(`failed: ${request.url()}`));
  page.setDefaultTimeout(15_000);
  await page.goto(`${origin}${path}/`);
  return { page, problems };
}

/** Waits for the wallet to show its empty state (the shopper has no method yet). */
const emptyWallet = page => page.locator('ecrypt-wallet [part~="empty"]').first().waitFor();

describe('the packed package in consumer apps', () => {
  it('Vite + TypeScript: the root entry registers the elements and types the events', async () => {
    await visit('/vanilla', async page => {
      await emptyWallet(page);
      await page.waitForFunction(() => document.body.dataset.loaded === '0');
    });
  });

  it('React 19: the @lit/react component and the native element both render and report', async () => {
    await visit('/react', async page => {
      await page.locator('#count').waitFor();
      assert.equal(await page.locator('#count').textContent(), '0');
      await page.waitForFunction(() => document.body.dataset.native === '0');
      assert.equal(await page.locator('ecrypt-wallet').count(), 2);
    });
  });

  it('Vue 3: the element renders and the event reaches the template', async () => {
    await visit('/vue', async page => {
      await emptyWallet(page);
      assert.equal(await page.locator('#count').textContent(), '0');
    });
  });

  it('plain HTML: the CDN file alone paints the wallet', async () => {
    await visit('/cdn-file', async page => {
      await emptyWallet(page);
      await page.waitForFunction(() => document.body.dataset.loaded === '0');
    });
  });

  it('Next.js: the route module and a client component type-check against the route types of Next', { timeout: 600_000 }, () => {
    // `next typegen` writes the types `next build` checks routes with; tsc then checks them.
    run('npm', ['run', 'build'], install('next'));
  });

  it('plain HTML: the add form loads from beside the CDN file', async () => {
    await visit('/cdn-folder', async page => {
      await emptyWallet(page);
      await page.locator('ecrypt-wallet [part~="add-button"]').click();
      await page.locator('ecrypt-add-card [part~="form"]').waitFor();
    });
  });
});
