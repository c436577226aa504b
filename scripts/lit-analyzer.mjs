// `npm run lint:templates`: lit-analyzer (type checks of Lit templates: each
// binding against the element's properties, attributes, events and slots) over
// the code that ships and the demo, strict rules, no warnings allowed.
// Extra arguments (files or globs, `--rules.<rule> off`...) go to its CLI.
//
// Two adjustments, both for false positives of lit-analyzer 2.0.3:
// - It reads Lit's `nothing` and `noChange` sentinels as plain symbols, so
//   `role=${picking ? 'radiogroup' : nothing}` fails as "Symbol is not assignable
//   to the ARIA roles", although Lit documents `nothing` as the way to leave an
//   attribute out. Symbols are dropped from a binding's type before the rules
//   compare it, as upstream's fix does (runem/lit-analyzer#364, released in its
//   maintained fork); every other part of the type is still checked.
// - `no-invalid-css` is off: its CSS data (vscode-css-languageservice 4.3, 2020)
//   rejects properties every current browser supports, such as `accent-color`.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const bindingTypes = require('lit-analyzer/lib/rules/util/type/extract-binding-types.js');

const isSymbol = type => type.kind === 'ES_SYMBOL' || type.kind === 'ES_SYMBOL_UNIQUE';
const extractBindingTypes = bindingTypes.extractBindingTypes;
bindingTypes.extractBindingTypes = (assignment, context) => {
  const types = extractBindingTypes(assignment, context);
  const { typeB } = types;
  if (typeB.kind !== 'UNION' || !typeB.types.some(isSymbol)) return types;
  const rest = typeB.types.filter(type => !isSymbol(type));
  return { ...types, typeB: rest.length === 1 ? rest[0] : { ...typeB, types: rest } };
};

const args = process.argv.slice(2);
const globs = args.some(arg => !arg.startsWith('-')) ? [] : ['src/**/*.ts', 'demo/**/*.ts'];
process.argv = [...process.argv.slice(0, 2), '--strict', '--maxWarnings', '0', '--rules.no-invalid-css', 'off', ...args, ...globs];
await require('lit-analyzer').cli();
