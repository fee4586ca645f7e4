import { ValidationError, type ValidationIssue } from '../errors.js';
import type { Agent, Ticket } from '../model/types.js';
import type { KnowledgeArticle } from './types.js';

/**
 * Canned responses (macros): named templates with placeholders such as
 * `{{customer.name}}` and `{{ticket.number}}`. Rendering produces plain text: values are
 * inserted as they are, in one pass (a value that contains `{{…}}` is not expanded again),
 * and never interpreted as HTML — show the result with `textContent`, or use `parts` to
 * style placeholders without building markup from strings.
 */

/** A validated canned response. */
export interface Macro {
  id: string;
  name: string;
  /** Template text with `{{path.to.value}}` placeholders. */
  body: string;
  tags?: string[];
  locale?: string;
  /** Placeholder paths in the order they first appear. */
  placeholders: string[];
}

/** Input of {@link createMacro}. */
export interface MacroInput {
  id: string;
  name: string;
  body: string;
  tags?: string[];
  locale?: string;
}

/** One piece of a rendered macro: literal text, or what a placeholder became. */
export interface MacroPart {
  text: string;
  /** Set for a placeholder: its path; `text` is its value, or the placeholder itself when missing. */
  placeholder?: string;
  missing?: boolean;
}

/** Result of {@link renderMacro}. */
export interface MacroRendering {
  /** Plain text, never HTML. */
  text: string;
  parts: MacroPart[];
  /** Placeholders without a usable value (absent, null, or not text-like), each once. */
  missing: string[];
}

/** Options of {@link renderMacro}. */
export interface RenderMacroOptions {
  /** What a missing placeholder becomes: `keep` shows `{{path}}` (default) so the agent sees the gap; `empty` drops it. */
  missing?: 'keep' | 'empty';
}

/** A path of identifiers separated by dots: `customer.name`, `ticket.number`, `items.0.name`. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_$][\w$]*(?:\.[\w$]+)*)\s*\}\}/g;
// Control characters other than tab and line breaks have no place in a message.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Validates a canned response and lists its placeholders. Throws `ValidationError` listing every bad field. */
export function createMacro(input: MacroInput): Macro {
  const issues: ValidationIssue[] = [];
  const i = (input ?? {}) as Partial<MacroInput>;
  if (typeof i.id !== 'string' || i.id.trim() === '') issues.push({ path: 'id', code: 'required', message: 'id must be a non-empty string' });
  if (typeof i.name !== 'string' || i.name.trim() === '') issues.push({ path: 'name', code: 'required', message: 'name must be a non-empty string' });
  if (typeof i.body !== 'string') issues.push({ path: 'body', code: 'invalid_type', message: 'body must be a string' });
  else if (/\{\{(?![^{}]*\}\})/.test(i.body)) issues.push({ path: 'body', code: 'invalid_format', message: 'a "{{" is never closed by "}}"' });
  if (i.tags !== undefined && (!Array.isArray(i.tags) || i.tags.some((t) => typeof t !== 'string'))) issues.push({ path: 'tags', code: 'invalid_type', message: 'tags must be strings' });
  if (i.locale !== undefined && typeof i.locale !== 'string') issues.push({ path: 'locale', code: 'invalid_type', message: 'locale must be a string' });
  if (issues.length > 0) throw new ValidationError(issues, 'macro');
  const placeholders = [...new Set([...i.body!.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
  const macro: Macro = { id: i.id!, name: i.name!, body: i.body!, placeholders };
  if (i.tags) macro.tags = [...i.tags];
  if (i.locale !== undefined) macro.locale = i.locale;
  return macro;
}

/** The value at `path` in `context`, following own properties only (never the prototype chain). */
function lookup(context: unknown, path: string): unknown {
  let value: unknown = context;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.replace(CONTROL, '');
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(', ');
  return undefined;
}

/**
 * Renders a macro (or a template string) with values from `context`. Values are inserted
 * as plain text; a missing one stays visible as `{{path}}` (or is dropped, see options)
 * and is listed in `missing`.
 */
export function renderMacro(macro: Macro | string, context: Record<string, unknown>, options: RenderMacroOptions = {}): MacroRendering {
  const template = typeof macro === 'string' ? macro : macro.body;
  const parts: MacroPart[] = [];
  const missing: string[] = [];
  let at = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m.index > at) parts.push({ text: template.slice(at, m.index) });
    const path = m[1]!;
    const value = asText(lookup(context, path));
    if (value === undefined) {
      if (!missing.includes(path)) missing.push(path);
      parts.push({ text: options.missing === 'empty' ? '' : m[0], placeholder: path, missing: true });
    } else {
      parts.push({ text: value, placeholder: path });
    }
    at = m.index + m[0].length;
  }
  if (at < template.length) parts.push({ text: template.slice(at) });
  return { text: parts.map((p) => p.text).join(''), parts, missing };
}

/** The usual context for a macro about a ticket: `ticket.*`, `customer.*`, `product.*` and `agent.name` (the public name). */
export function macroContext(ticket: Ticket, agent?: Pick<Agent, 'name' | 'publicName'>): Record<string, unknown> {
  return {
    ticket: { number: ticket.number, subject: ticket.subject, status: ticket.status, priority: ticket.priority, type: ticket.type, scheduledAt: ticket.scheduledAt },
    customer: { name: ticket.customer.name, organization: ticket.customer.organization },
    product: { ...ticket.product },
    ...(agent ? { agent: { name: agent.publicName ?? agent.name } } : {}),
  };
}

/**
 * A macro as a knowledge article, so agents find canned responses with the same index
 * (placeholders are left out of the searchable text). The article keeps `kind: 'macro'`.
 */
export function macroArticle(macro: Macro): KnowledgeArticle & { kind: 'macro' } {
  const article: KnowledgeArticle & { kind: 'macro' } = {
    id: macro.id,
    title: macro.name,
    body: macro.body.replace(PLACEHOLDER, ' '),
    kind: 'macro',
  };
  if (macro.tags) article.tags = macro.tags;
  if (macro.locale !== undefined) article.locale = macro.locale;
  return article;
}
