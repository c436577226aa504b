/**
 * The server and sandbox entry points stay free of browser code: following every
 * static import from them never reaches the components, the client, the shared
 * browser helpers or Lit.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;

/** Every module reachable by static imports from `entry`: relative files (as paths under the root) and bare specifiers. */
function staticGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [resolve(ROOT, entry)];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(IMPORT)) {
      const specifier = match[1]!;
      if (!specifier.startsWith('.')) {
        packages.add(specifier);
        continue;
      }
      const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
      assert.ok(existsSync(target), `${relative(ROOT, file)} imports ${specifier}, which does not resolve`);
      queue.push(target);
    }
  }
  return { files: [...files].map(f => relative(ROOT, f).split(sep).join('/')).sort(), packages: [...packages].sort() };
}

const under = (files: string[], folders: string[]) => files.filter(f => folders.some(folder => f.startsWith(`${folder}/`)));

describe('entry points', () => {
  it('finds imports and re-exports (the parser is not blind)', () => {
    const graph = staticGraph('src/server/index.ts');
    assert.ok(graph.files.includes('src/server/handler.ts'), graph.files.join(', '));
    assert.ok(graph.files.includes('src/server/node.ts'), 'a re-export is followed');
    assert.ok(graph.files.length > 10, graph.files.join(', '));
  });

  it('src/server/index.ts reaches no component, client or browser-library code, nor Lit', () => {
    const graph = staticGraph('src/server/index.ts');
    assert.deepEqual(under(graph.files, ['src/components', 'src/client', 'src/lib']), []);
    assert.deepEqual(
      graph.packages.filter(p => p === 'lit' || p.startsWith('lit/') || p.startsWith('@lit/')),
      [],
    );
  });

  it('src/sandbox/index.ts reaches nothing of the server library or the components', () => {
    const graph = staticGraph('src/sandbox/index.ts');
    assert.ok(graph.files.length > 5, graph.files.join(', '));
    assert.deepEqual(under(graph.files, ['src/server', 'src/components']), []);
    assert.deepEqual(
      graph.packages.filter(p => p === 'lit' || p.startsWith('lit/') || p.startsWith('@lit/')),
      [],
    );
  });
});
