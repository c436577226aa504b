// Fails when custom-elements.json no longer matches the element sources:
// regenerates it with the stock analyzer into a scratch folder and compares.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The analyzer resolves --outdir against the working directory, so the scratch
// folder lives inside the project (and out of git).
const outdir = join('node_modules', '.cache', 'ecrypt-cem');
rmSync(outdir, { recursive: true, force: true });
// The analyzer points package.json's `customElements` at wherever it wrote; put it back.
const packageJson = readFileSync('package.json', 'utf8');
try {
  execFileSync('npx', ['cem', 'analyze', '--outdir', outdir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const fresh = readFileSync(join(outdir, 'custom-elements.json'), 'utf8');
  const committed = readFileSync('custom-elements.json', 'utf8');
  if (fresh.trim() !== committed.trim()) {
    const freshLines = fresh.split('\n');
    const committedLines = committed.split('\n');
    const line = freshLines.findIndex((text, index) => text !== committedLines[index]);
    console.error('custom-elements.json is stale: run `npm run analyze` and commit the result.');
    console.error(`first difference at line ${line + 1}:\n  committed: ${committedLines[line]}\n  generated: ${freshLines[line]}`);
    process.exitCode = 1;
  } else {
    console.log('custom-elements.json is up to date.');
  }
} finally {
  writeFileSync('package.json', packageJson);
  rmSync(outdir, { recursive: true, force: true });
}
