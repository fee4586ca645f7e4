// Runs a benchmark's page half in headless Chromium: bundles `pageBench` from the bench module
// with esbuild, serves it from 127.0.0.1 (IndexedDB and module scripts need a real origin) and
// returns what it resolves to. Node-only modules stay here, out of the page bundle.
import { createServer } from 'node:http';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';

/** The flags the project's browser tests use. */
export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Bundles `modulePath`'s `pageBench` export, runs it in Chromium and returns its result. */
export async function runPageBench<T>(modulePath: string, options: { viewport?: { width: number; height: number } } = {}): Promise<T> {
  const bundle = await build({
    stdin: { contents: `import { pageBench } from './${modulePath}';\nglobalThis.pageBench = pageBench;\n`, resolveDir: process.cwd(), loader: 'ts', sourcefile: 'bench-page.ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    tsconfig: 'tsconfig.json',
    external: ['esbuild', 'puppeteer-core', 'node:*'],
    write: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]!.text;
  const server = createServer((req, res) => {
    if (req.url === '/bench.js') res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
    else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><meta charset="utf-8"><title>bench</title><body></body><script type="module" src="/bench.js"></script>');
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  let browser: Awaited<ReturnType<typeof puppeteer.launch>> | undefined;
  try {
    browser = await puppeteer.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true, protocolTimeout: 300_000 });
    const page = await browser.newPage();
    if (options.viewport) await page.setViewport(options.viewport);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => typeof (globalThis as { pageBench?: unknown }).pageBench === 'function', { timeout: 30_000 }).catch(() => {
      throw new Error(`the bench page did not load: ${pageErrors.join('; ') || 'no error reported'}`);
    });
    // BENCH_PROFILE=<file>: also write a CPU profile of the page run (open it in Chrome DevTools).
    const profileFile = process.env.BENCH_PROFILE;
    const cdp = profileFile ? await page.createCDPSession() : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const result = await page.evaluate(() => (globalThis as unknown as { pageBench: () => Promise<T> }).pageBench());
    if (cdp && profileFile) {
      const { profile } = await cdp.send('Profiler.stop');
      const { writeFileSync } = await import('node:fs');
      writeFileSync(profileFile, JSON.stringify(profile));
    }
    return result;
  } finally {
    await browser?.close().catch(() => undefined);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
