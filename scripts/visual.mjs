// What the visual regression tests need from the test runner (web-test-runner.config.mjs):
// - `visualFontsPlugin()`: one font for every screenshot on every machine. The test browser's
//   own fonts depend on the system it runs on; Open Sans ships inside the @sparticuz/chromium
//   package (pinned, present wherever `npm ci` ran), so it is read from that package's font
//   archive and served as a stylesheet, `/__visual-fonts.css`, declaring the family
//   'Visual Sans' with the faces inline. Nothing is written to disk.
// - `visualRegression()`: @web/test-runner-visual-regression comparing against the baselines
//   committed in test/visual/baselines/; the screenshots that differ and their diff images go
//   to test-results/visual/ (git-ignored). `--update-visual-baseline` on the command line or
//   UPDATE_VISUAL_BASELINE=1 rewrites the baselines instead.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { visualRegressionPlugin } from '@web/test-runner-visual-regression/plugin';

const root = dirname(dirname(new URL(import.meta.url).pathname));
const require = createRequire(import.meta.url);

/** The files of a ustar archive, by base name. */
function untar(archive) {
  const files = new Map();
  const text = (from, to) => archive.subarray(from, to).toString('latin1').replace(/\0.*$/s, '');
  for (let offset = 0; offset + 512 <= archive.length;) {
    const name = text(offset, offset + 100);
    if (!name) break;
    const size = parseInt(text(offset + 124, offset + 136).trim() || '0', 8);
    const type = text(offset + 156, offset + 157);
    if (type === '0' || type === '') files.set(name.split('/').pop(), archive.subarray(offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** The stylesheet declaring 'Visual Sans' (Open Sans regular and bold, inline). */
function fontStylesheet() {
  // The package exports no subpath but its entry, so its folder is found from there.
  let dir = dirname(require.resolve('@sparticuz/chromium'));
  while (!existsSync(join(dir, 'bin', 'fonts.tar.br')) && dirname(dir) !== dir) dir = dirname(dir);
  const archive = join(dir, 'bin', 'fonts.tar.br');
  const files = untar(brotliDecompressSync(readFileSync(archive)));
  const face = (file, weight) => {
    const font = files.get(file);
    if (!font) throw new Error(`${file} is missing from ${archive}`);
    return `@font-face { font-family: 'Visual Sans'; font-weight: ${weight}; font-style: normal; src: url(data:font/ttf;base64,${font.toString('base64')}) format('truetype'); }`;
  };
  return [face('OpenSans-Regular.ttf', '100 500'), face('OpenSans-Bold.ttf', '600 900')].join('\n');
}

export function visualFontsPlugin() {
  let css;
  return {
    name: 'visual-fonts',
    serve(context) {
      if (context.path !== '/__visual-fonts.css') return undefined;
      css ??= fontStylesheet();
      return { body: css, type: 'css' };
    },
  };
}

export const VISUAL_BASELINES = resolve(root, 'test/visual/baselines');
export const VISUAL_FAILURES = resolve(root, 'test-results/visual');

export function visualRegression() {
  return visualRegressionPlugin({
    update: process.argv.includes('--update-visual-baseline') || process.env.UPDATE_VISUAL_BASELINE === '1',
    baseDir: VISUAL_BASELINES,
    getBaselineName: ({ name }) => join(VISUAL_BASELINES, name),
    getFailedName: ({ name }) => join(VISUAL_FAILURES, name),
    getDiffName: ({ name }) => join(VISUAL_FAILURES, `${name}-diff`),
    // Same browser, same font, same pixels: a per-pixel colour tolerance for anti-aliasing and
    // at most 16 differing pixels, far fewer than one character turned bold or a box moved.
    diffOptions: { threshold: 0.1 },
    failureThresholdType: 'pixel',
    failureThreshold: 16,
  });
}
