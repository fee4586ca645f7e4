import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type * as Core from '../src/index.js';

/** One measured figure. A `target` is a promise: missing it fails the run. */
export interface Metric {
  value: number;
  unit: string;
  better: 'lower' | 'higher';
  target?: number;
  /** What the figure is compared with in the same run, e.g. a peer library. */
  note?: string;
}

/** What a benchmark module reports. */
export interface BenchResult {
  name: string;
  machine: string;
  metrics: Record<string, Metric>;
}

/** A benchmark module: `bench/<name>.bench.ts` exports `run`. */
export interface Benchmark {
  run(): Promise<Record<string, Metric>>;
}

/** A short description of the machine, so results from different hosts are not confused. */
export function machine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model.trim() ?? 'unknown cpu'} ×${cpu.length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** Whether a metric meets its target (true when it has none). */
export function meetsTarget(m: Metric): boolean {
  if (m.target === undefined) return true;
  return m.better === 'lower' ? m.value <= m.target : m.value >= m.target;
}

/** Prints a table, prints and writes the JSON; returns the names of missed targets. */
export function report(result: BenchResult, dir = 'bench/results'): string[] {
  const rows = Object.entries(result.metrics).map(([key, m]) => ({
    metric: key,
    value: Number(m.value.toFixed(3)),
    unit: m.unit,
    target: m.target === undefined ? '' : `${m.better === 'lower' ? '≤' : '≥'} ${m.target}`,
    status: m.target === undefined ? '' : meetsTarget(m) ? 'ok' : 'MISSED',
    note: m.note ?? '',
  }));
  console.log(`\n## ${result.name} — ${result.machine}`);
  console.table(rows);
  const json = JSON.stringify(result, null, 2);
  console.log(json);
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/${result.name}.json`, `${json}\n`);
  return Object.entries(result.metrics)
    .filter(([, m]) => !meetsTarget(m))
    .map(([key]) => `${result.name}.${key}`);
}

/**
 * The core as integrators run it: `src/index.ts` compiled by esbuild as the rollup build
 * compiles it (ES2022, no name-keeping wrappers), bundled into one temporary module. Timing
 * the sources through tsx instead measures its per-function `__name` wrappers too (about
 * 10% of routing time). Types come from the sources: the compiled module exports the same API.
 */
export async function shippedCore(): Promise<typeof Core> {
  const outfile = 'node_modules/.cache/aftercare-bench/core.mjs';
  await build({ entryPoints: ['src/index.ts'], bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', tsconfig: 'tsconfig.json', outfile, logLevel: 'error' });
  return (await import(`${pathToFileURL(outfile).href}?t=${Date.now()}`)) as typeof Core;
}
