/**
 * The stock analyzer, plus one clean-up: it infers an event from every
 * `dispatchEvent(new SomeEvent(...))` and names it after a constructor argument,
 * which yields entries such as `method` or `operation`. The documented `@fires`
 * tags are the source of truth, so inferred entries that no tag names are dropped.
 */
const DOCUMENTED_EVENT = /^(ecrypt-[a-z-]+|change)$/;

function keepDocumentedEvents() {
  return {
    name: 'keep-documented-events',
    packageLinkPhase({ customElementsManifest }) {
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
  plugins: [keepDocumentedEvents()],
};
