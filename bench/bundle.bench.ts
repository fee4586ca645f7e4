// Size of what integrators ship: each entry point's own code, and each entry bundled
// with its dependencies (minified, production Lit), gzip-compressed. Lit alone is the
// baseline in the same run, so the ratio shows what Aftercare adds on top of Lit.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Metric } from './harness.js';

const kb = (bytes: number) => bytes / 1024;
const gzip = (code: string | Uint8Array) => gzipSync(code, { level: 9 }).length;

/** Own code of a dist entry: the file and the chunks it imports, not external packages. */
function ownFiles(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const m of code.matchAll(/(?:from|import)\s*["'](\.{1,2}\/[^"']+)["']/g)) ownFiles(join(dirname(file), m[1]!), seen);
  return seen;
}

/**
 * `contents` bundled with its dependencies, minified, gzip-compressed. `initialOnly`: what a
 * page loads up front — production build, and what sits behind a dynamic `import()` (local
 * mode's storage and engine, the IndexedDB outbox) left out, as a bundler splits it into
 * chunks loaded on demand.
 */
async function bundled(contents: string, { initialOnly = false } = {}): Promise<number> {
  const out = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    conditions: ['production'],
    platform: 'browser',
    logLevel: 'silent',
    ...(initialOnly
      ? {
          define: { 'process.env.NODE_ENV': '"production"' },
          plugins: [{ name: 'lazy', setup: (b) => b.onResolve({ filter: /.*/ }, (a) => (a.kind === 'dynamic-import' ? { path: a.path, external: true } : undefined)) }],
        }
      : {}),
  });
  return gzip(out.outputFiles[0]!.contents);
}

export async function run(): Promise<Record<string, Metric>> {
  if (!existsSync('dist/aftercare.min.js')) execSync('npm run build', { stdio: 'inherit' });
  const entries = { core: 'dist/index.js', components: 'dist/components/index.js', testing: 'dist/testing.js' };
  const metrics: Record<string, Metric> = {};

  const min = gzip(readFileSync('dist/aftercare.min.js'));
  const lit = await bundled(`export { LitElement, html, css, nothing } from 'lit'; export * from 'lit/decorators.js';`);
  // The no-bundler file carries everything: every element, the staff engines and local mode's
  // Dexie storage (about 27 kB of it). Pages that care about size use the ES modules; the
  // customer page's budget is below. (120 kB until the client and its Dexie store landed.)
  metrics.aftercare_min_gzip_kb = { value: kb(min), unit: 'kB', better: 'lower', target: 160, note: 'everything, self-contained (Dexie included)' };
  metrics.lit_baseline_gzip_kb = { value: kb(lit), unit: 'kB', better: 'lower', note: 'lit + decorators alone' };
  metrics.min_vs_lit_ratio = { value: min / lit, unit: '×', better: 'lower', note: 'aftercare.min.js / lit' };

  // What a customer-facing page loads from the core (remote mode): the client with its
  // Redux store, the HTTP transport and the idb outbox; validate and create a ticket, show
  // statuses and the public timeline, promise a reply time. Knowledge search goes to the
  // server. Staff-side engines (routing, automation, intake) and local mode's Dexie storage
  // are behind dynamic imports, not loaded. Elements join this list as they land.
  const customer = await bundled(
    `export { createClient, httpTransport, selectTicket, selectTimeline, createTicket, ValidationError, QueuedError, standardWorkflow, installationWorkflow, ticketTimeline, createCalendar, chinaWorkdays, evaluateSla } from './dist/index.js';`,
    { initialOnly: true },
  );
  metrics.customer_core_gzip_kb = { value: kb(customer), unit: 'kB', better: 'lower', target: 40, note: 'customer page, remote mode: initial load of the core (client, transport, outbox), minified (budget)' };

  // The customer page with its elements (remote mode), as the elements land. The 40 kB budget
  // of the complete customer bundle (issue 7) gets its target once every customer element is in.
  const customerPage = await bundled(
    `export { createClient, httpTransport } from './dist/index.js'; import './dist/components/provider.js'; import './dist/components/ticket-form.js'; import './dist/components/ticket-tracker.js'; import './dist/components/satisfaction.js'; import './dist/components/kb-search.js';`,
    { initialOnly: true },
  );
  metrics.customer_page_gzip_kb = { value: kb(customerPage), unit: 'kB', better: 'lower', note: 'provider + form + tracker + satisfaction + KB search + client, transport, outbox, Lit: initial load, remote mode (budget 40 kB: open)' };

  for (const [name, file] of Object.entries(entries)) {
    const own = [...ownFiles(file)].reduce((sum, f) => sum + readFileSync(f, 'utf8'), '');
    metrics[`${name}_own_gzip_kb`] = { value: kb(gzip(own)), unit: 'kB', better: 'lower', note: `${file} and its chunks, unminified` };
    metrics[`${name}_bundled_gzip_kb`] = {
      value: kb(await bundled(`export * from './${file}';`)),
      unit: 'kB',
      better: 'lower',
      note: name === 'core' ? 'every core export with dependencies, minified (staff-side engines included)' : 'with dependencies, minified',
    };
  }
  return metrics;
}
