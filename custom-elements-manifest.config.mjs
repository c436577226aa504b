/**
 * The stock analyzer, plus two clean-ups:
 * - modules are sorted by path, so the output never depends on file-system order;
 * - the analyzer infers an event from every `dispatchEvent(new SomeEvent(...))` and
 *   names it after a constructor argument (`method`, `operation`). The documented
 *   `@fires` tags are the source of truth, so inferred entries no tag names are dropped.
 */
const DOCUMENTED_EVENT = /^(ecrypt-[a-z-]+|change)$/;

function tidyManifest() {
  return {
    name: 'tidy-manifest',
    packageLinkPhase({ customElementsManifest }) {
      // The file glob answers in whatever order the disk does; sorting makes the
      // manifest byte-identical from run to run, so the staleness check is exact.
      customElementsManifest.modules?.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      for (const mod of customElementsManifest.modules ?? []) {
        for (const declaration of mod.declarations ?? []) {
          if (!declaration.events) continue;
          const byName = new Map();
          for (const event of declaration.events) {
            if (!event.name || !DOCUMENTED_EVENT.test(event.name)) continue;
            const seen = byName.get(event.name);
            byName.set(event.name, { ...seen, ...event, description: event.description ?? seen?.description });
          }
          declaration.events = [...byName.values()];
        }
      }
    },
  };
}

export default {
  litelement: true,
  globs: ['src/components/**/*.ts'],
  exclude: ['src/components/**/*.styles.ts', 'src/components/**/*.messages.ts'],
  plugins: [tidyManifest()],
};
