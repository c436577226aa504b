import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fileURLToPath } from 'node:url';
import { findChromium, chromiumArgs } from './scripts/browser.mjs';
import { visualFontsPlugin, visualRegression } from './scripts/visual.mjs';

const executablePath = await findChromium();

/** Browser tests: elements and anything else that renders, in headless Chromium. */
export default {
  // test/visual/: visual regression, part of every plain run (npm test); `npm run test:visual` runs it alone.
  files: ['test/components/**/*.test.ts', 'test/client/**/*.test.ts', 'test/visual/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  browserStartTimeout: 60000,
  testsFinishTimeout: 300000,
  plugins: [
    visualFontsPlugin(),
    visualRegression(),
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      // Without the tsconfig, legacy decorators reach the browser untransformed.
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath, headless: true, args: chromiumArgs() },
    }),
  ],
};
