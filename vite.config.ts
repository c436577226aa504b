import { defineConfig, type PluginOption } from 'vite';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';

/** The two element entry points; `<ecrypt-wallet>` imports `<ecrypt-add-card>` lazily. */
export const ELEMENT_ENTRIES = {
  'ecrypt-wallet': 'src/components/ecrypt-wallet/ecrypt-wallet.ts',
  'ecrypt-add-card': 'src/components/ecrypt-add-card/ecrypt-add-card.ts',
};

/** The npm build's entries: the elements, the package root (both elements) and the React wrappers. */
export const PACKAGE_ENTRIES = { ...ELEMENT_ENTRIES, index: 'src/index.ts', react: 'src/react/index.ts' };

/**
 * The CDN files, each built on its own so that each is one file: everything its first
 * paint needs is inside, and only the parts loaded later (the add form and its chunks,
 * the translations) sit beside it in `chunks/`, fetched relative to the file itself
 * (`import.meta.url`), so the folder can be copied or served from anywhere.
 */
const CDN_ENTRIES: Record<string, Record<string, string>> = {
  cdn: { 'ecrypt-wallet': ELEMENT_ENTRIES['ecrypt-wallet'] },
  'cdn-add-card': { 'ecrypt-add-card': ELEMENT_ENTRIES['ecrypt-add-card'] },
};

/**
 * Minifies the HTML in `html```...``` and the CSS in `css```...``` templates, which
 * a JS minifier must leave alone: about a fifth of the elements' bytes.
 */
export const templateMinifier = (): PluginOption => ({ ...minifyTemplateLiterals(), apply: 'build' });

/**
 * Library build of the browser code.
 * - `vite build`: the npm build in `dist/`, with `lit`, `@lit/*` and `react` left as
 *   imports so an app that already uses Lit loads one copy.
 * - `vite build --mode cdn` and `--mode cdn-add-card`: `dist/cdn/ecrypt-wallet.js` and
 *   `dist/cdn/ecrypt-add-card.js`, each one self-contained file for a page or CMS block
 *   without a bundler (one `<script type="module">`), with their lazy parts beside them.
 * The server and sandbox are never part of either: they are Node/edge code.
 */
export default defineConfig(({ mode }) => {
  const cdnEntry = CDN_ENTRIES[mode];
  const cdn = cdnEntry !== undefined;
  return {
    plugins: [templateMinifier()],
    build: {
      outDir: cdn ? 'dist/cdn' : 'dist',
      // The second CDN pass adds its file beside the first one's.
      emptyOutDir: mode !== 'cdn-add-card',
      target: 'es2022',
      // No maps in the published files: they were two thirds of the tarball, and the
      // declarations in dist/types say what every export is.
      sourcemap: false,
      // Library mode keeps whitespace by default; merchants ship these files as they are.
      minify: true,
      lib: {
        entry: cdnEntry ?? PACKAGE_ENTRIES,
        formats: ['es'],
      },
      rollupOptions: {
        // Lets the CDN file itself be the chunk that holds its first paint, exporting
        // whatever its lazy chunks take from it.
        ...(cdn && { preserveEntrySignatures: 'allow-extension' as const }),
        external: cdn ? [] : [/^lit(\/|$)/, /^@lit\/task/, /^@lit\/localize/, /^@lit\/react/, /^react(\/|$)/],
        // Full minification: library mode otherwise leaves whitespace in.
        output: {
          chunkFileNames: 'chunks/[name]-[hash].js',
          minify: true,
          // A CDN file holds every module its first paint loads (Lit included); the
          // chunks loaded later import what they share from it.
          ...(cdnEntry && {
            codeSplitting: { groups: [{ name: Object.keys(cdnEntry)[0]!, tags: ['$initial' as const] }] },
          }),
        },
      },
    },
  };
});
