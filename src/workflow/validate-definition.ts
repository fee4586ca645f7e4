import { ACTOR_ROLES, LOCALES, STATUS_CATEGORIES, type ActorRole } from '../model/constants.js';
import type { GuardDefinition, LocalizedText, WorkflowDefinition } from './types.js';

const GUARD_KINDS = new Set([
  'note_required',
  'assignee_required',
  'schedule_required',
  'has_assignee',
  'assignee_or_role',
  'within_days',
  'after_days',
  'rated',
  'any',
]);
const EFFECTS = new Set(['set_assignee', 'clear_assignee', 'set_resolution', 'escalate', 'set_schedule']);
const TIMESTAMPS = new Set(['resolvedAt', 'statusChangedAt', 'createdAt', 'updatedAt']);

function labelProblems(where: string, labels: LocalizedText | undefined): string[] {
  if (!labels || typeof labels !== 'object') return [`${where} has no labels`];
  return LOCALES.filter((l) => typeof labels[l] !== 'string' || labels[l].trim() === '').map(
    (l) => `${where} has no ${l} label`,
  );
}

function guardProblems(where: string, guard: GuardDefinition): string[] {
  if (!GUARD_KINDS.has(guard?.kind)) return [`${where} has unknown guard kind "${String(guard?.kind)}"`];
  switch (guard.kind) {
    case 'within_days':
    case 'after_days': {
      const out: string[] = [];
      if (!(typeof guard.days === 'number' && guard.days >= 0 && Number.isFinite(guard.days)))
        out.push(`${where} guard ${guard.kind} needs a non-negative number of days`);
      if (!TIMESTAMPS.has(guard.since)) out.push(`${where} guard ${guard.kind} measures from unknown field "${guard.since}"`);
      return out;
    }
    case 'assignee_or_role':
      // Definitions arrive as JSON: report a missing list instead of crashing on it.
      if (!Array.isArray(guard.roles)) return [`${where} guard assignee_or_role needs a list of roles`];
      return guard.roles.filter((r) => !ACTOR_ROLES.includes(r)).map((r) => `${where} guard names unknown role "${r}"`);
    case 'any':
      return !Array.isArray(guard.guards) || guard.guards.length === 0
        ? [`${where} guard any has no guards`]
        : guard.guards.flatMap((g) => guardProblems(where, g));
    default:
      return [];
  }
}

/** Every status reachable from `start` by following transitions. */
function reachable(start: string, edges: Map<string, Set<string>>): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length) {
    for (const next of edges.get(queue.shift()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/**
 * Lists what is wrong with a definition: unknown statuses, roles, guards or effects,
 * missing labels, unreachable statuses, no terminal status, statuses that can never
 * finish. An empty list means the definition is sound.
 */
export function workflowDefinitionProblems(def: WorkflowDefinition): string[] {
  if (!def || typeof def !== 'object') return ['the definition must be an object'];
  const problems: string[] = [];
  if (typeof def.id !== 'string' || def.id.trim() === '') problems.push('id is required');
  const statusIds = new Set<string>();
  for (const s of def.statuses ?? []) {
    if (statusIds.has(s.id)) problems.push(`status "${s.id}" is declared twice`);
    statusIds.add(s.id);
    if (!STATUS_CATEGORIES.includes(s.category)) problems.push(`status "${s.id}" has unknown category "${s.category}"`);
    problems.push(...labelProblems(`status "${s.id}" agent`, s.labels?.agent));
    problems.push(...labelProblems(`status "${s.id}" customer`, s.labels?.customer));
  }
  if (statusIds.size === 0) problems.push('statuses are required');
  if (!statusIds.has(def.initialStatus)) problems.push(`initial status "${def.initialStatus}" is not declared`);

  const edges = new Map<string, Set<string>>();
  const actionIds = new Set<string>();
  for (const a of def.actions ?? []) {
    const where = `action "${a.id}"`;
    if (actionIds.has(a.id)) problems.push(`${where} is declared twice`);
    actionIds.add(a.id);
    problems.push(...labelProblems(where, a.labels));
    if (!a.transitions?.length) problems.push(`${where} has no transitions`);
    for (const t of a.transitions ?? []) {
      if (!Array.isArray(t?.from)) {
        problems.push(`${where} has a transition without a list of "from" statuses`);
        continue;
      }
      for (const from of t.from) {
        if (!statusIds.has(from)) problems.push(`${where} starts from unknown status "${from}"`);
        const to = t.to ?? from;
        if (t.to !== undefined && !statusIds.has(t.to)) problems.push(`${where} leads to unknown status "${t.to}"`);
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)!.add(to);
      }
    }
    if (!a.roles?.length) problems.push(`${where} names no roles`);
    for (const r of a.roles ?? []) if (!ACTOR_ROLES.includes(r as ActorRole)) problems.push(`${where} names unknown role "${r}"`);
    for (const g of a.guards ?? []) problems.push(...guardProblems(where, g));
    for (const e of a.effects ?? []) if (!EFFECTS.has(e)) problems.push(`${where} has unknown effect "${e}"`);
    if (a.visibility !== undefined && a.visibility !== 'public' && a.visibility !== 'internal')
      problems.push(`${where} has unknown visibility "${a.visibility}"`);
  }

  const byId = new Map((def.actions ?? []).map((a) => [a.id, a]));
  for (const [status, actionId] of Object.entries(def.onCustomerReply ?? {})) {
    const action = byId.get(actionId);
    if (!statusIds.has(status)) problems.push(`onCustomerReply names unknown status "${status}"`);
    if (!action) problems.push(`onCustomerReply names unknown action "${actionId}"`);
    else if (!action.transitions?.some((t) => Array.isArray(t?.from) && t.from.includes(status)))
      problems.push(`onCustomerReply action "${actionId}" cannot start from "${status}"`);
  }
  if (def.onRating !== undefined && !byId.has(def.onRating)) problems.push(`onRating names unknown action "${def.onRating}"`);

  if (problems.length > 0) return problems; // graph checks need a consistent graph

  const terminal = def.statuses.filter((s) => s.category === 'closed').map((s) => s.id);
  if (terminal.length === 0) problems.push('no terminal status (a status of category "closed")');
  const fromInitial = reachable(def.initialStatus, edges);
  for (const s of statusIds) {
    if (!fromInitial.has(s)) problems.push(`status "${s}" is unreachable from "${def.initialStatus}"`);
    else if (terminal.length && ![...reachable(s, edges)].some((r) => terminal.includes(r)))
      problems.push(`status "${s}" can never reach a terminal status`);
  }
  return problems;
}
