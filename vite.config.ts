import { defineConfig, type PluginOption } from 'vite';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';

/** The two element entry points; `<ecrypt-wallet>` imports `<ecrypt-add-card>` lazily. */
export const ELEMENT_ENTRIES = {
  'ecrypt-wallet': 'src/components/ecrypt-wallet/ecrypt-wallet.ts',
  'ecrypt-add-card': 'src/components/ecrypt-add-card/ecrypt-add-card.ts',
};

/**
 * Minifies the HTML in `html```...``` and the CSS in `css```...``` templates, which
 * a JS minifier must leave alone: about a fifth of the elements' bytes.
 */
export const templateMinifier = (): PluginOption => ({ ...minifyTemplateLiterals(), apply: 'build' });

/**
 * Library build of the browser code.
 * - `vite build`: the npm build in `dist/`, with `lit`, `@lit/task` and `@lit/localize` left as
 *   imports so an app that already uses Lit loads one copy.
 * - `vite build --mode cdn`: self-contained modules in `dist/cdn/` for a page or
 *   CMS block without a bundler (one `<script type="module">`).
 * The server and sandbox are never part of either: they are Node/edge code.
 */
export default defineConfig(({ mode }) => {
  const cdn = mode === 'cdn';
  return {
    plugins: [templateMinifier()],
    build: {
      outDir: cdn ? 'dist/cdn' : 'dist',
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
      // Library mode keeps whitespace by default; merchants ship these files as they are.
      minify: true,
      lib: {
        entry: ELEMENT_ENTRIES,
        formats: ['es'],
      },
      rollupOptions: {
        external: cdn ? [] : [/^lit(\/|$)/, /^@lit\/task/, /^@lit\/localize/],
        // Full minification: library mode otherwise leaves whitespace in.
        output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
      },
    },
  };
});
