import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { wtrShims } from './scripts/dependency-shims.mjs';
import { CHROME_ARGS, findChrome } from './scripts/find-chrome.mjs';
import { commonjsToEsm } from './scripts/wtr-commonjs-plugin.mjs';
import { fileHost } from './scripts/wtr-file-host-plugin.mjs';
import { referenceServer } from './scripts/wtr-server-plugin.mjs';
import { summaryReporter } from './scripts/wtr-summary-reporter.mjs';

let executablePath;
try {
  executablePath = findChrome();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

export default {
  files: ['src/**/*.test.ts', 'test/browser/**/*.test.ts'],
  // `browser`: a package's browser build where its package.json maps one.
  nodeResolve: { browser: true, exportConditions: ['browser', 'production'] },
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  browserStartTimeout: 60000,
  testsStartTimeout: 60000,
  testsFinishTimeout: 180000,
  browsers: [chromeLauncher({ launchOptions: { executablePath, headless: true, args: CHROME_ARGS } })],
  plugins: [
    // The drop-in build's replacements of packages the dependencies import: tests run what ships.
    wtrShims(),
    commonjsToEsm(),
    esbuildPlugin({ ts: true, target: 'chrome130', tsconfig: 'tsconfig.json' }),
    referenceServer(),
    fileHost(),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html><head><script>window.process = { env: { NODE_ENV: 'production' } };</script></head>
<body><script type="module" src="${testFramework}"></script></body></html>`,
  reporters: [defaultReporter({ reportTestResults: true, reportTestProgress: false }), summaryReporter()],
};
