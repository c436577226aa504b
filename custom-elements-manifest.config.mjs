import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * The stock analyzer, plus clean-ups that make the manifest complete for tools
 * (editors, the framework type generators, docs/api):
 * - modules are sorted by path, so the output never depends on file-system order;
 * - the analyzer infers an event from every `dispatchEvent(new SomeEvent(...))` and
 *   names it after a constructor argument (`method`, `operation`). The documented
 *   `@fires` tags are the source of truth, so inferred entries no tag names are dropped;
 * - every event carries its class (`EcryptMethodAddedEvent`, from `src/events/`);
 * - a type written as an alias (`FieldMode`) also carries its value in `parsedType`
 *   (`'required' | 'optional' | 'hidden'`), the field editors and generators read;
 * - module paths name the published files: `dist/ecrypt-wallet.js` for an element's
 *   entry, the declaration in `dist/types/` for any other module.
 */
const DOCUMENTED_EVENT = /^(ecrypt-[a-z-]+|change)$/;

/** The published entry of each element module. */
const ENTRIES = {
  'src/components/ecrypt-wallet/ecrypt-wallet.ts': 'dist/ecrypt-wallet.js',
  'src/components/ecrypt-add-card/ecrypt-add-card.ts': 'dist/ecrypt-add-card.js',
};

const sourceFiles = dir =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(entry => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map(entry => join(entry.parentPath, entry.name));

/** Every event class in `src/events/` by the event name it is fired as. */
function eventClasses() {
  const classes = new Map([['change', 'Event']]);
  for (const file of sourceFiles('src/events')) {
    const text = readFileSync(file, 'utf8');
    for (const [, name, eventName] of text.matchAll(/class (\w+) extends \w+ \{\s*static readonly eventName = '([^']+)'/g)) {
      classes.set(eventName, name);
    }
  }
  return classes;
}

/** Every type alias of the sources whose value is a union of literals (`type FieldMode = 'a' | 'b'`). */
function literalAliases() {
  const aliases = new Map();
  for (const file of sourceFiles('src')) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      if (!ts.isTypeAliasDeclaration(statement) || statement.typeParameters) continue;
      const type = statement.type;
      const members = ts.isUnionTypeNode(type) ? type.types : [type];
      if (members.every(member => ts.isLiteralTypeNode(member))) aliases.set(statement.name.text, type.getText(source));
    }
  }
  return aliases;
}

/** The type text with each literal alias replaced by its value, or undefined when it names none. */
function resolve(text, aliases) {
  let changed = false;
  const resolved = text.replace(/\b[A-Z]\w*\b/g, name => {
    const value = aliases.get(name);
    if (value === undefined) return name;
    changed = true;
    return /[|&]/.test(text.replace(name, '')) || text.endsWith('[]') ? `(${value})` : value;
  });
  return changed ? resolved.replace(/^\((.*)\)$/, '$1') : undefined;
}

/** A source path as published. */
const published = path => ENTRIES[path.replace(/^\//, '')] ?? path.replace(/^\/?src\/(.*)\.ts$/, 'dist/types/$1.d.ts');

/** Rewrites every `path` and `module` reference of the manifest in place. */
function publishPaths(node) {
  if (Array.isArray(node)) return node.forEach(publishPaths);
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'path' || key === 'module') && typeof value === 'string' && /^\/?src\/.*\.ts$/.test(value)) node[key] = published(value);
    else publishPaths(value);
  }
}

function tidyManifest() {
  return {
    name: 'tidy-manifest',
    packageLinkPhase({ customElementsManifest }) {
      const classes = eventClasses();
      const aliases = literalAliases();
      // The file glob answers in whatever order the disk does; sorting makes the
      // manifest byte-identical from run to run, so the staleness check is exact.
      customElementsManifest.modules?.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      for (const mod of customElementsManifest.modules ?? []) {
        for (const declaration of mod.declarations ?? []) {
          for (const item of [...(declaration.members ?? []), ...(declaration.attributes ?? [])]) {
            const parsed = item.type?.text && resolve(item.type.text, aliases);
            if (parsed) item.type.parsedType = { text: parsed };
          }
          if (!declaration.events) continue;
          const byName = new Map();
          for (const event of declaration.events) {
            if (!event.name || !DOCUMENTED_EVENT.test(event.name)) continue;
            const seen = byName.get(event.name);
            const type = classes.has(event.name) ? { text: classes.get(event.name) } : (event.type ?? seen?.type);
            byName.set(event.name, { ...seen, ...event, type, description: event.description ?? seen?.description });
          }
          declaration.events = [...byName.values()];
        }
      }
      publishPaths(customElementsManifest);
    },
  };
}

export default {
  litelement: true,
  globs: ['src/components/**/*.ts'],
  exclude: ['src/components/**/*.styles.ts', 'src/components/**/*.messages.ts'],
  plugins: [tidyManifest()],
};
