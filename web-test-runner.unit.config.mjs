// Fast unit tests of the pure modules (markdown, agent commands, call states, destinations, event
// stream ordering, the local cache on real IndexedDB) in headless Chromium, without a server:
// `npm run test:unit`, a few seconds. The browser suite (web-test-runner.config.mjs) runs the rest.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumArgs, chromiumPath } from './test/chromium.mjs';

export default {
  files: ['src/**/*.unit.test.ts'],
  nodeResolve: { exportConditions: ['development'] },
  concurrency: 1,
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
  browsers: [playwrightLauncher({ product: 'chromium', launchOptions: { executablePath: chromiumPath(), args: chromiumArgs() } })],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html><body>
<script>window.process = { env: { NODE_ENV: 'development' } };</script>
<script type="module" src="${testFramework}"></script>
</body></html>`,
};
