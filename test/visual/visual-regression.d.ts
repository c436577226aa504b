// The package's own types re-export './browser/commands.mjs', which has no .d.mts beside it, so
// TypeScript finds no `visualDiff`; this is what its browser/commands.d.ts declares.
declare module '@web/test-runner-visual-regression' {
  export function visualDiff(element: Node, name: string): Promise<void>;
}
