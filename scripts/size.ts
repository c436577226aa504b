/**
 * `npm run size`: builds the self-contained (CDN) bundle in memory and prints
 * what a page downloads, min+gzip, per entry:
 * - the wallet's first load: its entry plus every chunk it imports statically
 *   (Lit, @lit/task and shared code included; the lazy add-card excluded);
 * - the add-card chunk: what opening the form adds on top of that;
 * - a baseline built in the same run: Lit + @lit/task alone.
 * It prints figures and budgets; it never fails the build.
 */
import { build, type Rollup } from 'vite';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ELEMENT_ENTRIES, templateMinifier } from '../vite.config.js';

const BUDGET = { wallet: 12 * 1024, addCard: 8 * 1024 };

type Chunk = Rollup.OutputChunk;

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
const brotli = (code: string) => brotliCompressSync(code).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

function measure(chunks: Map<string, Chunk>, files: Iterable<string>) {
  let min = 0;
  let gz = 0;
  let br = 0;
  for (const file of files) {
    const code = chunks.get(file)!.code;
    min += Buffer.byteLength(code);
    gz += gzip(code);
    br += brotli(code);
  }
  return { min, gz, br };
}

function entryFile(chunks: Map<string, Chunk>, name: string): string {
  const chunk = [...chunks.values()].find(c => c.isEntry && c.name === name);
  if (!chunk) throw new Error(`No entry chunk named ${name}`);
  return chunk.fileName;
}

const chunks = await bundle(ELEMENT_ENTRIES);
const walletFiles = staticClosure(chunks, entryFile(chunks, 'ecrypt-wallet'));
const addCardFiles = [...staticClosure(chunks, entryFile(chunks, 'ecrypt-add-card'))].filter(f => !walletFiles.has(f));
const wallet = measure(chunks, walletFiles);
const addCard = measure(chunks, addCardFiles);

// What the add form itself loads on demand (bank entry, the gateway tokenizer), each
// on top of everything already loaded, so no byte is hidden by a lazy import.
const loaded = new Set([...walletFiles, ...addCardFiles]);
const addCardLazy = [...new Set(addCardFiles.flatMap(file => chunks.get(file)!.dynamicImports))]
  .filter(file => !loaded.has(file) && !chunks.get(file)!.isEntry)
  .map(file => {
    const files = [...staticClosure(chunks, file)].filter(f => !loaded.has(f));
    return [`  then on demand: ${chunks.get(file)!.name}`, measure(chunks, files), undefined] as const;
  });

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

const rows = [
  ['baseline: lit + @lit/task', baseline, undefined],
  ['<ecrypt-wallet> first load', wallet, BUDGET.wallet],
  ['<ecrypt-add-card> lazy chunk (on top)', addCard, BUDGET.addCard],
  ...addCardLazy,
] as const;

console.log('entry'.padEnd(40), 'minified'.padStart(11), 'min+gzip'.padStart(11), 'min+brotli'.padStart(11), '  budget (gzip)');
for (const [name, size, budget] of rows) {
  const verdict = budget === undefined ? '' : `${kb(budget)} ${size.gz <= budget ? 'ok' : 'OVER'}`;
  console.log(name.padEnd(40), kb(size.min).padStart(11), kb(size.gz).padStart(11), kb(size.br).padStart(11), ' ', verdict);
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
}
console.log(`wallet files: ${[...walletFiles].join(', ')}`);
console.log(`add-card files: ${addCardFiles.join(', ')}`);
