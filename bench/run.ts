// `npm run bench` runs every bench/<name>.bench.ts; `npm run bench -- <name>` runs one.
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { machine, report, type Benchmark } from './harness.js';

const available = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();
const wanted = process.argv.slice(2).filter((a) => a !== '--');
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(2);
}

const missed: string[] = [];
for (const name of wanted.length > 0 ? wanted : available) {
  const mod = (await import(pathToFileURL(`bench/${name}.bench.ts`).href)) as Benchmark;
  const metrics = await mod.run();
  missed.push(...report({ name, machine: machine(), metrics }));
}
if (missed.length > 0) {
  console.error(`\nMissed targets: ${missed.join(', ')}`);
  process.exit(1);
}
console.log('\nAll targets met.');
