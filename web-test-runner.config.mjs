// Component and browser tests, in headless Chromium found on this machine (never downloaded).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';
import { testServersPlugin } from './scripts/wtr-test-servers.mjs';

// @lit-labs/virtualizer can raise this benign ResizeObserver message; mocha would count it as
// a failure, so the test page swallows exactly that one.
const testRunnerHtml = (testFramework) => `<!doctype html>
<html>
  <body>
    <script>
      window.addEventListener('error', (e) => {
        if (String(e.message).includes('ResizeObserver loop')) e.stopImmediatePropagation();
      });
    </script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`;

export default {
  files: ['packages/components/src/**/*.test.ts', 'packages/protocol/test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  concurrency: 1,
  testRunnerHtml,
  testFramework: { config: { timeout: 10000 } },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' }),
    testServersPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS },
    }),
  ],
};
