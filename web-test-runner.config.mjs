import { mkdirSync, writeFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';

/** Counts passed and failed browser tests for the closing `N passed, M failed` line. */
function countingReporter(file) {
  const count = (suite) =>
    suite.tests.reduce(
      (acc, t) => (t.skipped ? acc : t.passed ? { ...acc, passed: acc.passed + 1 } : { ...acc, failed: acc.failed + 1 }),
      { passed: 0, failed: 0 },
    );
  const walk = (suite) =>
    suite.suites.reduce((acc, s) => {
      const inner = walk(s);
      return { passed: acc.passed + inner.passed, failed: acc.failed + inner.failed };
    }, count(suite));
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0 };
      for (const session of sessions) {
        if (session.testResults) {
          const r = walk(session.testResults);
          totals.passed += r.passed;
          totals.failed += r.failed;
        }
        // A file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && (session.errors?.length || !session.testResults)) totals.failed += 1;
      }
      mkdirSync('.test-results', { recursive: true });
      writeFileSync(file, JSON.stringify(totals));
    },
  };
}

/**
 * Dexie's `import` entry wraps its UMD build, which the dev server serves untransformed;
 * its own ES module build is equivalent (one instance per page either way).
 */
const dexieEsm = {
  name: 'dexie-esm',
  resolveImport({ source }) {
    if (source === 'dexie') return '/node_modules/dexie/dist/dexie.mjs';
  },
};

export default {
  files: ['test/components/**/*.test.ts', 'test/browser/**/*.test.ts'],
  nodeResolve: true,
  // Immer (under Redux Toolkit) reads process.env.NODE_ENV, which bundlers replace; the test
  // server serves modules unbundled, so pages get the value a bundler would give.
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html><head><script>globalThis.process = { env: { NODE_ENV: 'development' } };</script></head><body><script type="module" src="${testFramework}"></script></body></html>`,
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  // One page at a time: a page that is not the visible one gets no animation frames, and virtual
  // lists lay out rows only in frames (a 20,000-ticket queue test hung beside another page).
  concurrency: 1,
  testsFinishTimeout: 120_000,
  plugins: [dexieEsm, esbuildPlugin({ ts: true, json: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        args: [
          '--headless=new',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          // Test pages run side by side; a page in the background must not have its timers and
          // animation frames throttled, or waits for the next frame stall.
          '--disable-background-timer-throttling',
          '--disable-renderer-backgrounding',
          '--disable-backgrounding-occluded-windows',
        ],
      },
    }),
  ],
  testFramework: { config: { timeout: 10_000 } },
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter('.test-results/browser.json')],
};
