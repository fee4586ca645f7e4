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

export default {
  files: ['test/components/**/*.test.ts'],
  nodeResolve: true,
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  concurrency: 2,
  testsFinishTimeout: 120_000,
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
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
        ],
      },
    }),
  ],
  testFramework: { config: { timeout: 10_000 } },
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter('.test-results/browser.json')],
};
