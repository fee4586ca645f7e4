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
 * Dynamic imports a customer page in remote mode never makes: local mode's desk and the full
 * client the provider loads for it or for agent elements (createClient, Dexie, the local
 * engine), and agent-only pieces (the event stream, canned responses).
 */
const NOT_CUSTOMER = /full-client|dexie-storage|local-service|memory-storage|http-event-stream|knowledge\/macros/;

/**
 * The dynamic imports of a customer page in remote mode that wait for the customer (or the
 * first server answer), and when each happens. Any other dynamic import of the page — the
 * IndexedDB outbox, which the client opens at once, and any added later — counts with the page.
 */
const ON_DEMAND: Array<{ key: string; match: RegExp; when: string }> = [
  { key: 'answer_checks', match: /customer-answers/, when: 'the first server answer (the lean answer schemas): at once on a page that tracks a ticket' },
  { key: 'input_checks', match: /customer-checks|build-ticket/, when: "the customer's first edit, submission, reply or rating (the lean input schemas)" },
  { key: 'article_sanitiser', match: /sanitize-html/, when: 'the first help article opened' },
  { key: 'upload', match: /http-upload/, when: 'the first file uploaded' },
];

/**
 * `contents` bundled with its dependencies, minified (production Lit), gzip-compressed, as one
 * file. `load` decides which dynamic imports are bundled in ('inline') and which are left out
 * as the chunks a bundler would split off ('external'); default: all inlined.
 */
async function bundled(contents: string, load: (path: string) => 'inline' | 'external' = () => 'inline'): Promise<number> {
  const out = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    conditions: ['production'],
    platform: 'browser',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [{ name: 'lazy', setup: (b) => b.onResolve({ filter: /.*/ }, (a) => (a.kind === 'dynamic-import' && load(a.path) === 'external' ? { path: a.path, external: true } : undefined)) }],
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
  // customer page's budget is below. (120 kB until the client and its Dexie store landed; 160 kB
  // until the agent queue with its virtualizer, the ticket workspace and attachments landed.)
  metrics.aftercare_min_gzip_kb = { value: kb(min), unit: 'kB', better: 'lower', target: 200, note: 'everything, self-contained: nine elements, both clients, staff engines, Dexie' };
  metrics.lit_baseline_gzip_kb = { value: kb(lit), unit: 'kB', better: 'lower', note: 'lit + decorators alone' };
  metrics.min_vs_lit_ratio = { value: min / lit, unit: '×', better: 'lower', note: 'aftercare.min.js / lit' };

  // The customer page (remote mode): <ac-provider api-base> with the form, the tracker, the
  // survey and the knowledge search, as a page bundles them. The budget (issue 7) is what loads
  // with the page — its code and the outbox store the client opens at once. The chunks that load
  // later, on first use, are measured one by one and in total beside it, not hidden: see
  // ON_DEMAND for when each loads. Local mode's desk and agent pieces are not part of it.
  const page = `import './dist/components/provider.js'; import './dist/components/ticket-form.js'; import './dist/components/ticket-tracker.js'; import './dist/components/satisfaction.js'; import './dist/components/kb-search.js';`;
  const atStart = (path: string) => (NOT_CUSTOMER.test(path) || ON_DEMAND.some((d) => d.match.test(path)) ? 'external' : 'inline');
  const withPage = await bundled(page, atStart);
  metrics.customer_page_gzip_kb = {
    value: kb(withPage),
    unit: 'kB',
    better: 'lower',
    target: 40,
    note: 'provider + form + tracker + satisfaction + KB search + lean client, HTTP transport, outbox, Lit: what loads with the page, remote mode (budget); chunks loaded on first use below',
  };
  // Each on its own over the page (the two checks share the lean schema code, so these do not add up).
  for (const { key, match, when } of ON_DEMAND) {
    const size = (await bundled(page, (path) => (atStart(path) === 'inline' || match.test(path) ? 'inline' : 'external'))) - withPage;
    metrics[`customer_page_on_${key}_gzip_kb`] = { value: kb(size), unit: 'kB', better: 'lower', note: `loaded on ${when}` };
  }
  const total = await bundled(page, (path) => (NOT_CUSTOMER.test(path) ? 'external' : 'inline'));
  metrics.customer_page_total_gzip_kb = {
    value: kb(total),
    unit: 'kB',
    better: 'lower',
    note: `everything a customer page can load in remote mode: the page and every chunk it loads on first use (${kb(total - withPage).toFixed(1)} kB of them)`,
  };
  // The lean client on its own, as a page without elements would use it.
  metrics.customer_client_gzip_kb = {
    value: kb(await bundled(`export { createCustomerClient, customerHttpTransport } from './dist/index.js';`, atStart)),
    unit: 'kB',
    better: 'lower',
    note: 'createCustomerClient + customerHttpTransport + outbox, at start (checks load on first use)',
  };
  // What the provider loads on demand for local mode and agent elements.
  metrics.provider_full_client_gzip_kb = {
    value: kb(await bundled(`export * from './dist/components/provider/full-client.js';`, () => 'external')),
    unit: 'kB',
    better: 'lower',
    note: 'createClient (Redux store, workflows, SLA) + httpTransport: loaded by <ac-provider> in local mode or when an agent element asks; Dexie and the local engine load after it in local mode',
  };

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
