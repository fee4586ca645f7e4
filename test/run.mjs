#!/usr/bin/env node
// Runs every test runner and prints one closing line `N passed, M failed`.
// Core tests run in plain Node (proving the core needs no DOM); element tests in Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const results = '.test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const only = process.argv[2]; // 'core' | 'browser' | undefined (both)

function testFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((f) => String(f).endsWith('.test.ts'))
    .map((f) => join(dir, String(f)))
    .sort();
}

const totals = { passed: 0, failed: 0 };
let runnerFailed = false;

if (only !== 'browser') {
  const tap = join(results, 'core.tap');
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...testFiles('test/core')],
    { stdio: 'inherit' },
  );
  const summary = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (key) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(summary)?.[1] ?? NaN);
  const [pass, fail, cancelled] = [count('pass'), count('fail'), count('cancelled')];
  if (Number.isNaN(pass)) {
    console.error('core tests: no summary from node --test');
    totals.failed += 1;
    runnerFailed = true;
  } else {
    totals.passed += pass;
    totals.failed += fail + (cancelled || 0);
  }
  if (run.status !== 0) runnerFailed = true;
}

if (only !== 'core') {
  const file = join(results, 'browser.json');
  const run = spawnSync('npx', ['wtr', '--config', 'web-test-runner.config.mjs'], { stdio: 'inherit' });
  if (existsSync(file)) {
    const browser = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += browser.passed;
    totals.failed += browser.failed;
  } else {
    console.error('browser tests: the runner wrote no results');
    totals.failed += 1;
  }
  if (run.status !== 0) runnerFailed = true;
}

// A runner that failed without a failing test (crash, bad config) still fails the run.
if (runnerFailed && totals.failed === 0) totals.failed = 1;
writeFileSync(join(results, 'summary.json'), JSON.stringify(totals));
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
