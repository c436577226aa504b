/**
 * scripts/browser.mjs, the Chromium finder of the browser and end-to-end runs:
 * $CHROME_PATH wins when it names a file, and a wrong one is a clear error
 * rather than a silent fallback to another browser.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { findChromium } from '../../scripts/browser.mjs';

describe('findChromium', () => {
  const saved = process.env.CHROME_PATH;
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'browser-finder-'));
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROME_PATH;
    else process.env.CHROME_PATH = saved;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('returns $CHROME_PATH first when it points to an existing file', async () => {
    const fake = join(dir, 'my-chrome');
    writeFileSync(fake, '');
    process.env.CHROME_PATH = fake;
    assert.equal(await findChromium(), fake);
  });

  it('throws a clear error naming $CHROME_PATH when it points nowhere', async () => {
    const missing = join(dir, 'no-such-chrome');
    process.env.CHROME_PATH = missing;
    await assert.rejects(findChromium(), (error: Error) => {
      assert.match(error.message, /CHROME_PATH/);
      assert.ok(error.message.includes(missing), error.message);
      assert.match(error.message, /does not exist/);
      return true;
    });
  });
});
