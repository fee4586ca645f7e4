import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';

// No static import of the core here: it is imported below, after the DOM globals are known to be absent.

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const DOM_GLOBALS = [
  'window',
  'document',
  'HTMLElement',
  'customElements',
  'navigator',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'location',
  'self',
] as const;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

describe('the core runs without a DOM', () => {
  it('imports and works with every DOM global undefined', async () => {
    // Newer Node versions define some of these (navigator); hide them so the check means the same everywhere.
    for (const name of DOM_GLOBALS) {
      if (name in globalThis) Object.defineProperty(globalThis, name, { value: undefined, configurable: true, writable: true });
    }
    assert.equal(typeof window, 'undefined');
    assert.equal(typeof document, 'undefined');
    assert.equal(typeof HTMLElement, 'undefined');
    assert.equal(typeof customElements, 'undefined');
    assert.equal(typeof navigator, 'undefined');
    assert.equal(typeof localStorage, 'undefined');
    assert.equal(typeof sessionStorage, 'undefined');
    assert.equal(typeof indexedDB, 'undefined');
    assert.equal(typeof location, 'undefined');
    assert.equal(typeof self, 'undefined');

    const core = await import('../../src/index.js');

    // The public names of the contract are there.
    for (const name of ['createTicket', 'createWorkflow', 'standardWorkflow', 'ticketTimeline', 'createCalendar', 'evaluateSla'] as const)
      assert.equal(typeof core[name], name === 'standardWorkflow' ? 'object' : 'function', name);
    for (const name of ['ValidationError', 'WorkflowError', 'WorkflowDefinitionError', 'AftercareError'] as const)
      assert.equal(typeof core[name], 'function', name);

    // And they work: a whole ticket life without a DOM.
    const now = Date.parse('2026-11-22T01:00:00.000Z');
    const agent = { kind: 'agent' as const, id: 'agent-1' };
    let ticket = core.createTicket({ subject: '冰箱不制冷', customer: { name: '王芳', contact: { phone: '13900139000' } } }, { now });
    assert.equal(ticket.status, 'new');
    assert.match(ticket.id, /^[0-9a-f-]{36}$/);
    ticket = core.standardWorkflow.transition(ticket, 'assign', { actor: agent, assigneeId: 'agent-1', now: now + 1 }).ticket;
    ticket = core.standardWorkflow.transition(ticket, 'start', { actor: agent, now: now + 2 }).ticket;
    ticket = core.standardWorkflow.transition(ticket, 'resolve', { actor: agent, note: 'done', now: now + 3 }).ticket;
    ticket = core.standardWorkflow.rate(ticket, { score: 5 }, { actor: { kind: 'customer' }, now: now + 4 }).ticket;
    assert.equal(ticket.status, 'closed');
    assert.equal(ticket.revision, 5);
    assert.equal(core.formatTicketNumber(new Date(now), 1, { timeZone: 'Asia/Shanghai' }), 'AC-20261122-0001');

    // Importing did not install any browser global either.
    for (const name of DOM_GLOBALS) assert.equal((globalThis as Record<string, unknown>)[name], undefined, name);
  });
});

describe('the core source stays DOM- and storage-free', () => {
  const files = sourceFiles(SRC);
  const rel = (file: string) => relative(SRC, file);
  // Browser storage lives in two adapters that the client loads by dynamic import() only in
  // browsers (local mode, the outbox); the client itself only asks whether IndexedDB exists.
  const STORAGE_ADAPTERS = [join('client', 'dexie-storage.ts'), join('client', 'idb-outbox.ts')];
  // The clients' write path checks whether IndexedDB exists to choose the default outbox (and local store).
  const MAY_NAME_INDEXEDDB = [...STORAGE_ADAPTERS, join('client', 'write-queue.ts')];

  it('finds the core sources', () => {
    assert.ok(files.length >= 15, `only ${files.length} files under src/`);
    assert.ok(files.some((f) => rel(f) === 'index.ts'));
    assert.ok(files.some((f) => rel(f) === join('workflow', 'create-workflow.ts')));
  });

  it('mentions no document., localStorage, sessionStorage or indexedDB', () => {
    const offenders: string[] = [];
    for (const file of files) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/\bdocument\.|\blocalStorage\b|\bsessionStorage\b/.test(line) || (/\bindexedDB\b/.test(line) && !MAY_NAME_INDEXEDDB.includes(rel(file))))
            offenders.push(`${rel(file)}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(offenders, []);
  });

  it('never reaches the global window', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      text.split('\n').forEach((line, i) => {
        if (/\bwindow\s*\./.test(line) || /\b(?:globalThis|self)\s*\.\s*window\b/.test(line)) offenders.push(`${rel(file)}:${i + 1}: ${line.trim()}`);
      });
    }
    assert.deepEqual(offenders, []);
  });

  it('imports no lit, dexie or idb (nor Node built-ins or the components), storage only in its adapters', () => {
    const offenders: string[] = [];
    const specifier = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
    for (const file of files) {
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(specifier)) {
        const storage = /^(?:dexie|idb)(?:\/|$)/.test(spec!);
        if (/^(?:lit|@lit|lit-html|lit-element)(?:\/|$)/.test(spec!) || (storage && !STORAGE_ADAPTERS.includes(rel(file))) || spec!.startsWith('node:') || /\bcomponents\//.test(spec!))
          offenders.push(`${rel(file)}: ${spec}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('loads the storage adapters only by dynamic import()', () => {
    const offenders: string[] = [];
    const staticImport = /(?:^|\n)\s*(?:import|export)\b[^;(]*?from\s*['"]([^'"]+)['"]/g;
    for (const file of files) {
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(staticImport)) {
        if (/(?:dexie-storage|idb-outbox)\.js$/.test(spec!) && !/^import\s+type\b/.test(spec!)) offenders.push(`${rel(file)}: ${spec}`);
      }
    }
    assert.deepEqual(offenders, []);
  });
});
