// Finds a Chromium for tests and end-to-end runs without any set-up step:
// $CHROME_PATH, then an installed Chrome/Chromium, else the Chromium that ships
// inside the npm package @sparticuz/chromium (unpacked to the temp dir on first use).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const INSTALLED = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
];

/** @returns {Promise<string>} */
export async function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH points to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  const installed = INSTALLED.find(path => existsSync(path));
  if (installed) return installed;
  const { default: chromium } = await import('@sparticuz/chromium');
  return chromium.executablePath();
}

/**
 * Flags for a headless Chromium on a closed network: without the background
 * networking ones it floods the network with connections that are refused.
 */
export function chromiumArgs() {
  return [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
    `--user-data-dir=${mkdtempSync(join(tmpdir(), 'ecrypt-chromium-'))}`,
  ];
}
