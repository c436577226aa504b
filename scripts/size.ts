/**
 * `npm run size`: builds the self-contained (CDN) bundle in memory and prints
 * what a page downloads, minified, min+gzip and min+brotli, per piece:
 * - a baseline built in the same run: Lit + @lit/task alone;
 * - the wallet's first load: its entry plus every chunk it imports statically
 *   (Lit, @lit/task and shared code included; the lazy add-card excluded);
 * - the add-card chunk: what opening the form adds on top of that;
 * - each chunk either of them loads on demand (each locale's translations, the
 *   gateway tokenizer, the wording of save outcomes, the bank-account fields),
 *   each on top of everything before it, so no byte hides behind a lazy import.
 * The run fails (exit code 1) when a budgeted piece is over its min+gzip budget.
 * `--modules` adds where the bytes go, module by module.
 */
import { build, type Rollup } from 'vite';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ELEMENT_ENTRIES, templateMinifier } from '../vite.config.js';

/**
 * Min+gzip budgets in bytes; a piece over its budget fails the run.
 * The wallet's first load was set at 17 KB when the elements were rebuilt (16.05 KB then).
 * Localization (the locale controller, message ids, plural choices: about 2 KB) and the
 * truth-after-failure and removal-policy behaviour (about 1 KB) took it to 19.9 KB; the
 * features stay, so the budget is 21 KB until a trimming pass wins the bytes back.
 */
const BUDGET = { wallet: 21 * 1024, addCard: 10 * 1024 };

/** What a shopper would call each lazy chunk, by the start of its name; others print by file name. */
const LAZY_LABELS: [RegExp, string | ((name: string) => string)][] = [
  // src/locales/generated/<locale>.ts: a shopper downloads only their own.
  [/^[a-z]{2}(-[A-Z]{2})?$/, name => `${name} translations`],
  [/tokeni[sz]er/, 'gateway tokenizer'],
  [/outcome/, 'save outcome wording'],
  [/bank/, 'bank-account fields'],
];

type Chunk = Rollup.OutputChunk;
interface Size {
  min: number;
  gz: number;
  br: number;
}

async function bundle(entries: Record<string, string>): Promise<Map<string, Chunk>> {
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    mode: 'production',
    plugins: [templateMinifier()],
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      rollupOptions: { output: { minify: true } },
      lib: { entry: entries, formats: ['es'] },
    },
  })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
  const chunks = (Array.isArray(output) ? output : [output]).flatMap(o => o.output).filter((o): o is Chunk => o.type === 'chunk');
  return new Map(chunks.map(chunk => [chunk.fileName, chunk]));
}

/** The chunk and everything it imports statically, transitively. */
function staticClosure(chunks: Map<string, Chunk>, fileName: string, seen = new Set<string>()): Set<string> {
  if (seen.has(fileName)) return seen;
  seen.add(fileName);
  for (const imported of chunks.get(fileName)?.imports ?? []) staticClosure(chunks, imported, seen);
  return seen;
}

const gzip = (code: string) => gzipSync(code, { level: 9 }).length;
const brotli = (code: string) =>
  brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

/** Each file compressed on its own, as a server sends it. */
function measure(chunks: Map<string, Chunk>, files: Iterable<string>): Size {
  const size = { min: 0, gz: 0, br: 0 };
  for (const file of files) {
    const code = chunks.get(file)!.code;
    size.min += Buffer.byteLength(code);
    size.gz += gzip(code);
    size.br += brotli(code);
  }
  return size;
}

function entryFile(chunks: Map<string, Chunk>, name: string): string {
  const chunk = [...chunks.values()].find(c => c.isEntry && c.name === name);
  if (!chunk) throw new Error(`No entry chunk named ${name}`);
  return chunk.fileName;
}

/**
 * The chunks `files` import on demand (not other entries), each with what it adds on top of
 * `loaded`; `loaded` grows as they are counted, so a chunk shared by two lazy ones counts once.
 */
function lazyChunks(chunks: Map<string, Chunk>, files: Iterable<string>, loaded: Set<string>): Row[] {
  const lazy = [...new Set([...files].flatMap(file => chunks.get(file)!.dynamicImports))].filter(
    file => !loaded.has(file) && !chunks.get(file)!.isEntry,
  );
  return lazy.map(file => {
    const added = [...staticClosure(chunks, file)].filter(f => !loaded.has(f));
    for (const f of added) loaded.add(f);
    const name = chunks.get(file)!.name;
    const found = LAZY_LABELS.find(([pattern]) => pattern.test(name))?.[1] ?? name;
    const label = typeof found === 'function' ? found(name) : found;
    return { name: `  then on demand: ${label}`, size: measure(chunks, added) };
  });
}

interface Row {
  name: string;
  size: Size;
  budget?: number;
}

const chunks = await bundle(ELEMENT_ENTRIES);
const walletFiles = staticClosure(chunks, entryFile(chunks, 'ecrypt-wallet'));
const addCardFiles = [...staticClosure(chunks, entryFile(chunks, 'ecrypt-add-card'))].filter(f => !walletFiles.has(f));
const loaded = new Set([...walletFiles, ...addCardFiles]);
const wallet = measure(chunks, walletFiles);
const addCard = measure(chunks, addCardFiles);
// What each element itself loads on demand (locale wording, the tokenizer, the bank fields...).
const walletLazy = lazyChunks(chunks, walletFiles, loaded);
const addCardLazy = lazyChunks(chunks, addCardFiles, loaded);

// Baseline in the same run: what Lit and @lit/task cost by themselves.
// The entry lives inside the project so that `lit` resolves from node_modules.
const dir = join('node_modules', '.cache', 'ecrypt-size');
mkdirSync(dir, { recursive: true });
const baselineEntry = join(dir, 'baseline.ts');
writeFileSync(
  baselineEntry,
  "export { LitElement, html, css } from 'lit';\nexport { customElement, property, state } from 'lit/decorators.js';\nexport { Task } from '@lit/task';\n",
);
const baselineChunks = await bundle({ baseline: baselineEntry });
const baseline = measure(baselineChunks, baselineChunks.keys());
rmSync(dir, { recursive: true, force: true });

const rows: Row[] = [
  { name: 'baseline: lit + @lit/task', size: baseline },
  { name: '<ecrypt-wallet> first load', size: wallet, budget: BUDGET.wallet },
  ...walletLazy,
  { name: '<ecrypt-add-card> chunk (on top)', size: addCard, budget: BUDGET.addCard },
  ...addCardLazy,
];

const width = Math.max(...rows.map(row => row.name.length)) + 2;
console.log('piece'.padEnd(width), 'minified'.padStart(11), 'min+gzip'.padStart(11), 'min+brotli'.padStart(11), '  budget (min+gzip)');
for (const { name, size, budget } of rows) {
  const verdict = budget === undefined ? '' : `${kb(budget)} ${size.gz <= budget ? 'ok' : 'OVER'}`;
  console.log(name.padEnd(width), kb(size.min).padStart(11), kb(size.gz).padStart(11), kb(size.br).padStart(11), ' ', verdict);
}
console.log(
  `\nwallet first load = ${(wallet.gz / baseline.gz).toFixed(2)}x the Lit baseline; own code ≈ ${kb(wallet.gz - baseline.gz)} gzip`,
);
if (process.argv.includes('--modules')) {
  // Where the bytes go: minified length of each module inside the measured chunks.
  for (const [label, files] of [
    ['wallet', walletFiles],
    ['add-card', addCardFiles],
  ] as const) {
    const modules = [...files].flatMap(file => Object.entries(chunks.get(file)!.modules));
    modules.sort((a, b) => b[1].renderedLength - a[1].renderedLength);
    console.log(`\n${label} modules (minified bytes):`);
    for (const [id, info] of modules.slice(0, 25))
      console.log(String(info.renderedLength).padStart(8), id.replace(process.cwd() + '/', ''));
  }
  console.log(`\nwallet files: ${[...walletFiles].join(', ')}`);
  console.log(`add-card files: ${addCardFiles.join(', ')}`);
}

const over = rows.filter(row => row.budget !== undefined && row.size.gz > row.budget);
for (const row of over) console.error(`${row.name.trim()} is ${kb(row.size.gz - row.budget!)} over its ${kb(row.budget!)} budget.`);
if (over.length) process.exitCode = 1;
