// Writes the API reference, docs/api/<tag>.md, from custom-elements.json (and the
// payload of each event from its class in src/events/). With --check it writes
// nothing and fails when a committed page differs from what it would write, as
// scripts/check-manifest.mjs does for the manifest itself.
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import * as prettier from 'prettier';

const OUT = 'docs/api';
const check = process.argv.includes('--check');

/** A table cell: one line, pipes escaped. */
const cell = text => (text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
const code = text => (text ? `\`${cell(text).replace(/`/g, "'")}\`` : '');
const table = (head, rows) =>
  rows.length
    ? [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map(row => `| ${row.join(' | ')} |`), '']
    : [];

/** The public fields of each event class in src/events/, inherited ones included. */
function eventPayloads() {
  const classes = new Map();
  for (const file of readdirSync('src/events').filter(name => name.endsWith('.ts'))) {
    const path = join('src/events', file);
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const doc = node =>
      ts
        .getJSDocCommentsAndTags(node)
        .map(comment => ts.getTextOfJSDocComment(comment.comment) ?? '')
        .join(' ');
    for (const statement of source.statements) {
      if (!ts.isClassDeclaration(statement) || !statement.name) continue;
      const fields = [];
      for (const member of statement.members) {
        const isStatic = ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Static;
        if (ts.isPropertyDeclaration(member) && !isStatic && member.type)
          fields.push({
            name: member.name.getText(source) + (member.questionToken ? '?' : ''),
            type: member.type.getText(source),
            description: doc(member),
          });
        if (ts.isConstructorDeclaration(member))
          for (const parameter of member.parameters)
            if (ts.getCombinedModifierFlags(parameter) & ts.ModifierFlags.Readonly)
              fields.push({
                name: parameter.name.getText(source) + (parameter.questionToken ? '?' : ''),
                type: parameter.type?.getText(source) ?? '',
                description: '',
              });
      }
      const base = statement.heritageClauses?.[0]?.types[0]?.expression.getText(source);
      classes.set(statement.name.text, { base, fields, description: doc(statement) });
    }
  }
  const fieldsOf = name => {
    const found = classes.get(name);
    return found ? [...fieldsOf(found.base), ...found.fields] : [];
  };
  return name => ({ description: classes.get(name)?.description ?? '', fields: fieldsOf(name) });
}

function page(element, payloadOf) {
  const members = (element.members ?? []).filter(
    m => m.privacy === undefined && !m.static && !m.name.startsWith('#') && !m.name.startsWith('_'),
  );
  const fields = members.filter(m => m.kind === 'field');
  const methods = members.filter(m => m.kind === 'method' && m.description);
  const type = t => code(t?.parsedType?.text ?? t?.text);
  const lines = [
    `# \`<${element.tagName}>\``,
    '',
    '<!-- Generated from custom-elements.json by scripts/api-docs.mjs (npm run analyze); do not edit. -->',
    '',
    element.summary ?? '',
    '',
    `Class: \`${element.name}\`. Import: \`ecrypt-wallet-elements\` (both elements) or \`ecrypt-wallet-elements/${element.tagName}.js\`.`,
    '',
  ];
  const section = (title, rows) => (rows.length ? [`## ${title}`, '', ...rows] : []);
  lines.push(
    ...section(
      'Attributes',
      table(
        ['Attribute', 'Property', 'Type', 'Default', 'Description'],
        (element.attributes ?? []).map(a => [code(a.name), code(a.fieldName), type(a.type), code(a.default), cell(a.description)]),
      ),
    ),
    ...section(
      'Properties',
      table(
        ['Property', 'Type', 'Default', 'Description'],
        fields.map(f => [code(f.name) + (f.readonly ? ' (read-only)' : ''), type(f.type), code(f.default), cell(f.description)]),
      ),
    ),
    ...section(
      'Methods',
      table(
        ['Method', 'Returns', 'Description'],
        methods.map(m => [
          code(`${m.name}(${(m.parameters ?? []).map(p => `${p.name}${p.optional ? '?' : ''}: ${p.type?.text ?? 'unknown'}`).join(', ')})`),
          type(m.return?.type),
          cell(m.description),
        ]),
      ),
    ),
  );
  const events = element.events ?? [];
  if (events.length) {
    lines.push('## Events', '', 'Every event bubbles and is composed. Payload fields are read from the event object itself.', '');
    lines.push(
      ...table(
        ['Event', 'Class', 'Payload', 'Description'],
        events.map(e => {
          const payload = payloadOf(e.type?.text);
          return [
            code(e.name),
            code(e.type?.text),
            payload.fields.map(f => `${code(`${f.name}: ${f.type}`)}${f.description ? ` ${cell(f.description)}` : ''}`).join('<br>'),
            cell(e.description),
          ];
        }),
      ),
    );
  }
  lines.push(
    ...section(
      'Slots',
      table(
        ['Slot', 'Description'],
        (element.slots ?? []).map(s => [s.name ? code(s.name) : '(default)', cell(s.description)]),
      ),
    ),
    ...section(
      'CSS parts',
      table(
        ['Part', 'Description'],
        (element.cssParts ?? []).map(p => [code(p.name), cell(p.description)]),
      ),
    ),
    ...section(
      'CSS custom properties',
      table(
        ['Property', 'Default', 'Description'],
        (element.cssProperties ?? []).map(p => [code(p.name), code(p.default), cell(p.description)]),
      ),
    ),
    ...section(
      'Custom states',
      table(
        ['State', 'Description'],
        (element.cssStates ?? []).map(s => [code(`:state(${s.name})`), cell(s.description)]),
      ),
    ),
  );
  return (
    lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const payloadOf = eventPayloads();
const elements = manifest.modules.flatMap(m => m.declarations ?? []).filter(d => d.customElement && d.tagName);
let stale = 0;
if (!check) mkdirSync(OUT, { recursive: true });
for (const element of elements) {
  const file = join(OUT, `${element.tagName}.md`);
  // Formatted as `prettier --check .` wants it, so the page is the same either way.
  const text = await prettier.format(page(element, payloadOf), { ...(await prettier.resolveConfig(file)), filepath: file });
  if (!check) writeFileSync(file, text);
  else if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    console.error(`${file} is stale: run \`npm run analyze\` and commit the result.`);
    stale++;
  }
}
if (check && !stale) console.log(`${OUT}/ is up to date.`);
process.exitCode = stale ? 1 : 0;
