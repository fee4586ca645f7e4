import type { AutomationResult, NotificationEffect } from '../automation/create-automation.js';
import { AftercareError, ConflictError, NotFoundError, ValidationError, WorkflowError } from '../errors.js';
import type { KnowledgeIndex } from '../knowledge/types.js';
import { createKnowledgeIndex } from '../knowledge/create-knowledge-index.js';
import { attachmentIssues, attachmentPolicy } from '../model/attachments.js';
import { createTicket, workflowForType } from '../model/create-ticket.js';
import { generateId, randomBytes } from '../model/ids.js';
import type { MessageInput, RatingInput, TicketInput } from '../model/schema.js';
import { compactLocalDate } from '../model/ticket-number.js';
import { ticketTimeline } from '../model/timeline.js';
import type { Actor, Agent, AttachmentMeta, Ticket, TicketEvent } from '../model/types.js';
import { updateTicket } from '../model/update-ticket.js';
import { changeCollaborators, linkSubtask, mergeTickets, type CollaboratorChange } from '../model/ticket-links.js';
import type { ValidationIssue } from '../errors.js';
import { computeAgentLoads, type RouteTrace } from '../routing/create-router.js';
import { evaluateSla } from '../sla/evaluate.js';
import { slaStatement } from '../sla/statement.js';
import type { Workflow } from '../workflow/create-workflow.js';
import { installationWorkflow, standardWorkflow } from '../workflow/standard-workflow.js';
import type { TransitionResult } from '../workflow/types.js';
import { MAX_PAGE, NO_DUE } from './query.js';
import type { StatusCategory } from '../model/constants.js';
import type { MergeInput, SplitInput } from './types.js';
import type { AssignInput, BlobLike, EngineOptions, StorageAdapter, StoredTicket, TicketService, TransitionInput, WriteOptions } from './types.js';

/** The local engine: a whole service desk over a storage adapter. */
export interface LocalService extends TicketService {
  readonly storage: StorageAdapter;
  /**
   * Runs time rules and SLA escalations due by `now` (default the clock) on every open,
   * pending or resolved ticket that has one due; returns the ids of tickets it changed.
   */
  tick(now?: number): Promise<string[]>;
  /** When {@link LocalService.tick} next has work: epoch ms, or undefined when nothing is scheduled. */
  nextWakeUp(now?: number): Promise<number | undefined>;
  /** An uploaded file: its metadata and its bytes. `NotFoundError` when there is none with that id. */
  getAttachment(id: string): Promise<{ meta: AttachmentMeta; data: BlobLike }>;
  /**
   * `ticket` as its customer sees it: {@link customerView} plus what the desk states to them —
   * its SLA clocks (`sla`, with the engine's policies and calendars) and the workflow actions
   * they may take now (`customerActions`).
   */
  forCustomer(ticket: Ticket): Ticket;
}

const SYSTEM: Actor = { kind: 'system', id: 'aftercare', name: 'Aftercare' };
/** Tickets time rules look at: resolved ones too (closing them some days after resolution is the usual rule). */
const TIMED: StatusCategory[] = ['open', 'pending', 'solved'];
const DEFAULT_AGENT: Actor = { kind: 'agent', id: 'local-agent', name: 'Agent', role: 'admin' };

/**
 * A customer's view of a ticket, built from an explicit list of what customers may know (so a
 * field added later stays internal until someone decides otherwise): public events only,
 * without agent ids; no tags, groups, assignee ids, custom fields, sub-tasks or escalation
 * level; the priority the customer asked for, not one raised internally.
 */
export function customerView(ticket: Ticket): Ticket {
  const created = ticket.events.find((e) => e.type === 'created');
  const asked = created?.type === 'created' ? created.data.priority : ticket.priority;
  return {
    id: ticket.id,
    number: ticket.number,
    type: ticket.type,
    subject: ticket.subject,
    description: ticket.description,
    status: ticket.status,
    priority: asked,
    channel: ticket.channel,
    customer: ticket.customer,
    ...(ticket.product ? { product: ticket.product } : {}),
    customFields: {},
    tags: [],
    collaboratorIds: [],
    childIds: [],
    // The customer follows a merged duplicate to the ticket that continues it.
    ...(ticket.mergedIntoId ? { mergedIntoId: ticket.mergedIntoId } : {}),
    attachments: ticket.attachments,
    ...(ticket.location ? { location: ticket.location } : {}),
    workflowId: ticket.workflowId,
    escalationLevel: 0,
    reopenCount: ticket.reopenCount,
    ...(ticket.resolution ? { resolution: { note: ticket.resolution.note, at: ticket.resolution.at } } : {}),
    ...(ticket.satisfaction ? { satisfaction: ticket.satisfaction } : {}),
    ...(ticket.scheduledAt ? { scheduledAt: ticket.scheduledAt } : {}),
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    statusChangedAt: ticket.statusChangedAt,
    ...(ticket.resolvedAt ? { resolvedAt: ticket.resolvedAt } : {}),
    ...(ticket.closedAt ? { closedAt: ticket.closedAt } : {}),
    revision: ticket.revision,
    events: ticketTimeline(ticket, 'customer'),
  };
}

/** The same JSON for the same data, whatever the key order: what an idempotency key is checked against. */
export function fingerprint(value: unknown): string {
  const canon = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(canon) : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, canon((x as Record<string, unknown>)[k])])) : x;
  return JSON.stringify(canon(value)) ?? 'undefined';
}

/** An unguessable token (192 random bits, URL-safe) for one customer's access to one ticket. */
export function newAccessToken(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return Array.from(randomBytes(32), (b) => alphabet[b & 63]).join('');
}

/**
 * Creates the local engine: validation, numbering, workflow, routing, automation and SLA
 * over `storage`. Used by `createClient` in local mode and by the mock backend of
 * `aftercare/testing`, so both enforce exactly the same rules. Writes are serialised, so
 * an idempotency key is checked and recorded without a race.
 */
export function createLocalService(storage: StorageAdapter, engine: EngineOptions = {}): LocalService {
  const clock = engine.now ?? (() => Date.now());
  const workflows = new Map<string, Workflow>([
    [standardWorkflow.id, standardWorkflow],
    [installationWorkflow.id, installationWorkflow],
  ]);
  if (engine.workflow && typeof engine.workflow !== 'function') workflows.set(engine.workflow.id, engine.workflow);
  const workflowOf = (ticket: Ticket): Workflow => workflows.get(ticket.workflowId) ?? standardWorkflow;
  const chooseWorkflow = (type: string): Workflow => {
    const chosen = engine.workflow;
    const w = chosen === undefined ? workflowForType(type) : typeof chosen === 'function' ? chosen(type) : chosen;
    workflows.set(w.id, w);
    return w;
  };
  const filePolicy = attachmentPolicy(engine.attachments);
  const policies = engine.policies ?? [];
  const calendars = engine.calendars ?? {};
  let knowledge: KnowledgeIndex | undefined;

  /** Earliest due instant of a running clock (epoch ms). */
  const slaDue = (ticket: Ticket, now: number): number => {
    if (policies.length === 0) return NO_DUE;
    const evaluation = evaluateSla(ticket, policies, { calendars, now, workflows: Object.fromEntries(workflows) });
    let due = NO_DUE;
    for (const m of Object.values(evaluation?.metrics ?? {})) {
      if (m && m.dueAt && (m.state === 'running' || m.state === 'warning' || m.state === 'breached')) due = Math.min(due, Date.parse(m.dueAt));
    }
    return due;
  };

  const forCustomer = (ticket: Ticket, now = clock()): Ticket => {
    const view = customerView(ticket);
    const customer: Actor = { kind: 'customer', id: ticket.customer.id, name: ticket.customer.name };
    view.customerActions = workflowOf(ticket).actions(ticket, customer, { now }).map((a) => a.id);
    const evaluation = policies.length > 0 ? evaluateSla(ticket, policies, { calendars, now, workflows: Object.fromEntries(workflows) }) : undefined;
    if (evaluation) view.sla = slaStatement(evaluation, now);
    return view;
  };

  const toRow = (ticket: Ticket, now: number): StoredTicket => {
    const category = workflowOf(ticket).status(ticket.status) ? workflowOf(ticket).category(ticket.status) : 'open';
    return {
      id: ticket.id,
      number: ticket.number,
      status: ticket.status,
      category,
      open: category === 'open' || category === 'pending' ? 1 : 0,
      assigneeId: ticket.assigneeId ?? '',
      groupId: ticket.groupId ?? '',
      customerId: ticket.customer.id,
      priority: ticket.priority,
      slaDue: slaDue(ticket, now),
      createdAt: Date.parse(ticket.createdAt),
      updatedAt: Date.parse(ticket.updatedAt),
      ticket,
    };
  };

  // Notifications of the write in progress: handed to `notify` only once the write is stored.
  let pending: NotificationEffect[] = [];
  const deliver = () => {
    const effects = pending;
    pending = [];
    for (const effect of effects) {
      try {
        engine.notify?.(effect);
      } catch {
        // A notifier's failure is the notifier's to report; the ticket is stored.
      }
    }
  };

  // One write at a time: idempotency keys and revisions are checked and written together.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const step = async () => {
      pending = [];
      const result = await task();
      deliver();
      return result;
    };
    const run = queue.then(step, step);
    queue = run.catch(() => undefined);
    return run;
  };

  const openTickets = async (category: StatusCategory[] = ['open', 'pending']): Promise<Ticket[]> => {
    const out: Ticket[] = [];
    let cursor: string | undefined;
    do {
      const page = await storage.list({ category, limit: MAX_PAGE, sort: 'created', ...(cursor ? { cursor } : {}) });
      for (const r of page.rows) out.push(r.ticket);
      cursor = page.next;
    } while (cursor);
    return out;
  };

  const automationContext = async (now: number) => {
    if (!engine.router || !engine.agents) return { now };
    const loads = computeAgentLoads(await openTickets(), { isOpen: () => true });
    return { now, router: engine.router, agents: engine.agents, routeContext: { ...engine.routeContext, now, loads } };
  };

  /** Runs automation event rules on what just happened; keeps the events in order. */
  const automate = async (result: TransitionResult, now: number): Promise<TransitionResult> => {
    if (!engine.automation || result.events.length === 0) return result;
    const r: AutomationResult = engine.automation.handle(result.ticket, result.events, await automationContext(now));
    pending.push(...r.effects);
    return { ticket: r.ticket, events: [...result.events, ...r.events] };
  };

  /** Routes a new ticket: group, priority, tags, and an agent when one is available. */
  const route = async (ticket: Ticket, now: number): Promise<TransitionResult> => {
    if (!engine.router) return { ticket, events: [] };
    const open = await openTickets();
    const decision = engine.router.route(ticket, engine.agents ?? [], { ...engine.routeContext, now, loads: computeAgentLoads(open, { isOpen: () => true }) });
    const events: TicketEvent[] = [];
    let next = ticket;
    const patch: Parameters<typeof updateTicket>[1] = {};
    if (decision.priority && decision.priority !== next.priority) patch.priority = decision.priority;
    if (decision.group && decision.group !== next.groupId) patch.groupId = decision.group;
    if (decision.tags.length > 0) patch.addTags = decision.tags;
    if (Object.keys(patch).length > 0) {
      const r = updateTicket(next, patch, { actor: SYSTEM, now });
      next = r.ticket;
      events.push(...r.events);
    }
    if (decision.assignee) {
      const agent = engine.agents?.find((a) => a.id === decision.assignee);
      const r = workflowOf(next).transition(next, 'assign', {
        actor: SYSTEM,
        now,
        assigneeId: decision.assignee,
        ...(agent ? { assigneeName: agent.publicName ?? agent.name } : {}),
        ...(decision.group ? { groupId: decision.group } : {}),
      });
      next = r.ticket;
      events.push(...r.events);
    }
    return { ticket: next, events };
  };

  /**
   * A write's attachments as stored: one that names an uploaded file by `id` gets the stored
   * name, type, size and URL, whatever the writer claimed about them.
   */
  const withStoredAttachments = async <T>(input: T): Promise<T> => {
    const list = (input as { attachments?: unknown } | null)?.attachments;
    if (!Array.isArray(list) || list.length === 0) return input;
    const resolved = await Promise.all(
      list.map(async (a: unknown) => {
        const id = (a as { id?: unknown } | null)?.id;
        const stored = typeof id === 'string' && id !== '' ? await storage.getAttachment(id) : undefined;
        return stored ? { ...stored.meta } : a;
      }),
    );
    return { ...input, attachments: resolved };
  };

  /** The next number of the local day: `AC-20261123-0001`. */
  const nextNumber = async (now: number) => {
    const day = compactLocalDate(new Date(now), engine.numberFormat?.timeZone ?? 'UTC');
    const prefix = engine.numberFormat?.prefix ?? 'AC';
    const sequence = await storage.nextSequence(`number:${prefix}:${day}`);
    return `${prefix}-${day}-${String(sequence).padStart(engine.numberFormat?.digits ?? 4, '0')}`;
  };

  /**
   * Whether a customer's access token opens ticket `id`: the ticket it was handed out for, or
   * the ticket a merged duplicate continues in (the customer follows their request there).
   */
  const opens = async (token: string, id: string): Promise<boolean> => {
    let at = await storage.getAccess(token);
    // A continuation may itself have been merged later: follow a few hops, never a loop.
    for (let hops = 0; at !== undefined && hops < 5; hops++) {
      if (at === id) return true;
      at = (await storage.get(at))?.ticket.mergedIntoId;
    }
    return false;
  };

  /** Refuses customers (an access token, or a customer actor): links, merges and collaborators are the desk's. */
  const agentsOnly = (action: string, options: WriteOptions & { actor?: Actor }) => {
    if (options.accessToken !== undefined || (options.actor !== undefined && options.actor.kind !== 'agent')) {
      throw new WorkflowError('INVALID_TRANSITION', { action, status: '', reason: 'role' }, `Only agents may ${action} tickets`);
    }
  };

  /** Ticket `id` for an agent's write that touches a second ticket too; checks the revision the agent saw. */
  const loadForAgent = async (id: string, action: string, options: WriteOptions & { actor?: Actor }) => {
    agentsOnly(action, options);
    const { row, actor } = await load(id, options, DEFAULT_AGENT);
    if (options.expectedRevision !== undefined && row.ticket.revision !== options.expectedRevision) {
      throw new ConflictError(id, `Ticket ${id} is at revision ${row.ticket.revision}, not ${options.expectedRevision}`);
    }
    return { row, actor };
  };

  /** A repeat of an idempotency key used for a two-ticket write: both tickets as they are now. */
  const replayPair = async (key: string | undefined, id: string, op: string, print: string): Promise<[Ticket, Ticket] | undefined> => {
    if (key === undefined) return undefined;
    const done = await storage.getKey(key);
    if (!done) return undefined;
    if (done.ticketId !== id || done.op !== op || done.fingerprint !== print) throw new ConflictError(id, `Idempotency key ${key} was used for a different request`);
    const [first, second] = await storage.getMany([id, done.result]);
    if (!first) throw new NotFoundError(id);
    if (!second) throw new NotFoundError(done.result);
    return [first.ticket, second.ticket];
  };

  /** Loads a ticket for a write, checking a customer's access token; returns who acts. */
  const load = async (id: string, options: WriteOptions & { actor?: Actor }, defaultActor: Actor) => {
    if (typeof id !== 'string' || id === '') throw new ValidationError([{ path: 'id', code: 'required', message: 'is required' }], 'ticket id');
    const row = await storage.get(id);
    if (!row) throw new NotFoundError(id);
    if (options.accessToken !== undefined) {
      if (!(await opens(options.accessToken, id))) throw new NotFoundError(id);
      const c = row.ticket.customer;
      return { row, actor: { kind: 'customer', id: c.id, name: c.name } as Actor, customer: true };
    }
    return { row, actor: options.actor ?? defaultActor, customer: options.actor?.kind === 'customer' };
  };

  /**
   * A write to an existing ticket: the operation, automation, storage with a revision check.
   * A repeat of an idempotency key returns the ticket as it is, without acting again.
   */
  const change = (
    id: string,
    options: WriteOptions & { actor?: Actor },
    defaultActor: Actor,
    request: { op: string; payload: unknown },
    operation: (ticket: Ticket, actor: Actor, now: number) => TransitionResult | Promise<TransitionResult>,
  ): Promise<Ticket> =>
    serial(async () => {
      const key = options.idempotencyKey;
      const print = fingerprint(request.payload);
      if (key !== undefined) {
        const done = await storage.getKey(key);
        if (done) {
          // Access first: a wrong token learns nothing, not even that the key was used.
          const { row, customer } = await load(id, options, defaultActor);
          if (done.ticketId !== id || (done.op !== undefined && (done.op !== request.op || done.fingerprint !== print))) {
            throw new ConflictError(id, `Idempotency key ${key} was used for a different request`);
          }
          return customer ? forCustomer(row.ticket) : row.ticket;
        }
      }
      const { row, actor, customer } = await load(id, options, defaultActor);
      if (options.expectedRevision !== undefined && row.ticket.revision !== options.expectedRevision) {
        throw new ConflictError(id, `Ticket ${id} is at revision ${row.ticket.revision}, not ${options.expectedRevision}`);
      }
      const now = clock();
      const result = await automate(await operation(row.ticket, actor, now), now);
      if (result.events.length > 0 || result.ticket !== row.ticket) {
        await storage.write([toRow(result.ticket, now)], {
          expectedRevision: { [id]: row.ticket.revision },
          ...(key !== undefined ? { keys: [{ key, ticketId: id, result: '', op: request.op, fingerprint: print }] } : {}),
        });
      }
      return customer ? forCustomer(result.ticket, now) : result.ticket;
    });

  const service: LocalService = {
    storage,
    forCustomer: (ticket) => forCustomer(ticket),

    create(input: TicketInput, options = {}) {
      return serial(async () => {
        const key = options.idempotencyKey;
        const print = fingerprint(input);
        if (key !== undefined) {
          const done = await storage.getKey(key);
          if (done) {
            // Only the same request gets the original ticket (and its access token) back.
            if (done.op !== undefined && (done.op !== 'create' || done.fingerprint !== print)) {
              throw new ConflictError(done.ticketId, `Idempotency key ${key} was used for a different request`);
            }
            const row = await storage.get(done.ticketId);
            if (row) return { ticket: row.ticket, accessToken: done.result, replayed: true };
          }
        }
        const now = clock();
        // Validate before a number is spent.
        const draft = createTicket(await withStoredAttachments(input), { now, workflow: chooseWorkflow, ...(options.actor ? { actor: options.actor } : {}) });
        const created: Ticket = { ...draft, number: await nextNumber(now) };
        const routed = await route(created, now);
        const result = await automate({ ticket: routed.ticket, events: [...created.events, ...routed.events] }, now);
        const accessToken = newAccessToken();
        await storage.write([toRow(result.ticket, now)], {
          access: [{ token: accessToken, ticketId: created.id }],
          ...(key !== undefined ? { keys: [{ key, ticketId: created.id, result: accessToken, op: 'create', fingerprint: print }] } : {}),
        });
        return { ticket: result.ticket, accessToken, replayed: false };
      });
    },

    async get(id, options = {}) {
      const row = typeof id === 'string' && id !== '' ? await storage.get(id) : undefined;
      if (!row) throw new NotFoundError(String(id));
      if (options.accessToken !== undefined) {
        if (!(await opens(options.accessToken, id))) throw new NotFoundError(id);
        return forCustomer(row.ticket);
      }
      return row.ticket;
    },

    async list(query = {}) {
      const page = await storage.list(query);
      return { tickets: page.rows.map((r) => r.ticket), total: page.total, ...(page.next ? { next: page.next } : {}) };
    },

    transition(id, input: TransitionInput, options = {}) {
      if (!input || typeof input !== 'object' || typeof input.action !== 'string' || input.action === '') {
        return Promise.reject(new ValidationError([{ path: 'action', code: 'required', message: 'is required' }], 'transition'));
      }
      return change(id, options, DEFAULT_AGENT, { op: 'transition', payload: input }, (ticket, actor, now) => {
        const { action, ...rest } = input;
        return workflowOf(ticket).transition(ticket, action, { ...rest, actor, now });
      });
    },

    reply(id, message: MessageInput, options = {}) {
      return change(id, options, DEFAULT_AGENT, { op: 'reply', payload: message }, async (ticket, actor, now) => workflowOf(ticket).reply(ticket, await withStoredAttachments(message), { actor, now }));
    },

    note(id, message: MessageInput, options = {}) {
      if (options.accessToken !== undefined || options.actor?.kind === 'customer') {
        return Promise.reject(new WorkflowError('INVALID_TRANSITION', { action: 'note', status: '', reason: 'role' }, 'Customers cannot write internal notes'));
      }
      return change(id, options, DEFAULT_AGENT, { op: 'note', payload: message }, async (ticket, actor, now) => workflowOf(ticket).note(ticket, await withStoredAttachments(message), { actor, now }));
    },

    assign(id, input: AssignInput, options = {}) {
      return change(id, options, DEFAULT_AGENT, { op: 'assign', payload: input }, async (ticket, actor, now) => {
        if (input?.assigneeId === undefined) {
          // No agent named: the routing rules decide, as for a new ticket.
          const routed = await route({ ...ticket, ...(input?.groupId ? { groupId: input.groupId } : {}) }, now);
          if (routed.ticket.assigneeId === undefined || routed.ticket.assigneeId === ticket.assigneeId) {
            throw new WorkflowError('GUARD_FAILED', { action: 'assign', status: ticket.status, reason: 'assignee_required' }, 'No agent is available to take this ticket');
          }
          return routed;
        }
        const agent = engine.agents?.find((a) => a.id === input.assigneeId);
        const name = input.assigneeName ?? (agent ? agent.publicName ?? agent.name : undefined);
        return workflowOf(ticket).transition(ticket, 'assign', {
          actor,
          now,
          assigneeId: input.assigneeId,
          ...(name ? { assigneeName: name } : {}),
          ...(input.groupId ? { groupId: input.groupId } : {}),
        });
      });
    },

    rate(id, rating: RatingInput, options = {}) {
      return change(id, options, DEFAULT_AGENT, { op: 'rate', payload: rating }, (ticket, actor, now) => workflowOf(ticket).rate(ticket, rating, { actor, now }));
    },

    async changes(cursor, options = {}) {
      const seq = cursor === undefined || cursor === '' ? 0 : /^\d{1,15}$/.test(cursor) ? Number(cursor) : -1;
      if (seq < 0) throw new ValidationError([{ path: 'cursor', code: 'invalid_format', message: 'is not a cursor this service returned' }], 'changes request');
      const limit = Math.min(Math.max(1, Math.floor(options.limit ?? 200)), 1000);
      const page = await storage.changesSince(seq, limit);
      const rows = await storage.getMany(page.ids);
      return { tickets: rows.flatMap((r) => (r ? [r.ticket] : [])), cursor: String(page.seq), hasMore: page.hasMore };
    },

    async uploadAttachment(file, options = {}) {
      if (!file || typeof file !== 'object' || typeof file.size !== 'number' || typeof file.arrayBuffer !== 'function') {
        throw new ValidationError([{ path: 'file', code: 'invalid_type', message: 'must be a Blob or a File' }], 'attachment');
      }
      const name = options.name ?? file.name ?? '';
      const type = String(options.type ?? file.type ?? '').toLowerCase();
      const issues = attachmentIssues({ name, type, size: file.size }, filePolicy);
      if (issues.length > 0) throw new ValidationError(issues, 'attachment');
      if (options.signal?.aborted) throw new AftercareError('ABORTED', 'The upload was aborted');
      options.onProgress?.(0, file.size);
      const id = generateId();
      const meta: AttachmentMeta = { id, name, type, size: file.size, ...(engine.attachmentUrl ? { url: engine.attachmentUrl(id) } : {}) };
      const print = fingerprint({ name, type, size: file.size });
      const key = options.idempotencyKey;
      const stored = await storage.putAttachment({ id, meta, data: file, createdAt: clock(), fingerprint: print, ...(key !== undefined ? { key } : {}) });
      if (stored.id !== id && stored.fingerprint !== undefined && stored.fingerprint !== print) {
        throw new ConflictError(stored.id, `Idempotency key ${key} was used for a different file`);
      }
      options.onProgress?.(file.size, file.size);
      return { ...stored.meta };
    },

    async getAttachment(id) {
      const row = typeof id === 'string' && id !== '' ? await storage.getAttachment(id) : undefined;
      if (!row) throw new NotFoundError(String(id), `Attachment ${String(id)} was not found`);
      return { meta: { ...row.meta }, data: row.data };
    },

    async searchKnowledge(query, options) {
      knowledge ??= createKnowledgeIndex(engine.knowledge ?? []);
      return knowledge.search(query, options);
    },

    async suggestKnowledge(text, options) {
      knowledge ??= createKnowledgeIndex(engine.knowledge ?? []);
      return knowledge.suggest(text, options);
    },

    merge(id, input: MergeInput, options = {}) {
      if (!input || typeof input !== 'object' || typeof input.targetId !== 'string' || input.targetId === '') {
        return Promise.reject(new ValidationError([{ path: 'targetId', code: 'required', message: 'is required' }], 'merge'));
      }
      return serial(async () => {
        const print = fingerprint(input);
        const replay = await replayPair(options.idempotencyKey, id, 'merge', print);
        if (replay) return { source: replay[0], target: replay[1] };
        const { row, actor } = await loadForAgent(id, 'merge', options);
        const targetRow = await storage.get(input.targetId);
        if (!targetRow) throw new NotFoundError(input.targetId);
        const now = clock();
        const merged = mergeTickets(row.ticket, targetRow.ticket, workflowOf(row.ticket), { actor, now });
        const source = await automate(merged.source, now);
        const target = await automate(merged.target, now);
        await storage.write([toRow(source.ticket, now), toRow(target.ticket, now)], {
          expectedRevision: { [id]: row.ticket.revision, [targetRow.id]: targetRow.ticket.revision },
          ...(options.idempotencyKey !== undefined ? { keys: [{ key: options.idempotencyKey, ticketId: id, result: targetRow.id, op: 'merge', fingerprint: print }] } : {}),
        });
        return { source: source.ticket, target: target.ticket };
      });
    },

    split(id, input: SplitInput, options = {}) {
      const issues: ValidationIssue[] = [];
      if (!input || typeof input !== 'object') issues.push({ path: '', code: 'invalid_type', message: 'must be an object' });
      else {
        for (const k of Object.keys(input)) if (!['groupId', 'subject', 'description', 'priority'].includes(k)) issues.push({ path: k, code: 'unknown_field', message: 'is not a field of a sub-task' });
        if (input.groupId === undefined || input.groupId === '') issues.push({ path: 'groupId', code: 'required', message: 'is required: the department the sub-task goes to' });
      }
      if (issues.length > 0) return Promise.reject(new ValidationError(issues, 'sub-task'));
      return serial(async () => {
        const print = fingerprint(input);
        const replay = await replayPair(options.idempotencyKey, id, 'split', print);
        if (replay) return { parent: replay[0], child: replay[1] };
        const { row, actor } = await loadForAgent(id, 'split', options);
        const parent = row.ticket;
        const workflow = workflowOf(parent);
        if (workflow.status(parent.status) && workflow.category(parent.status) === 'closed') {
          throw new WorkflowError('INVALID_TRANSITION', { action: 'split', status: parent.status, reason: 'status' }, `Ticket ${parent.number} is closed`);
        }
        const now = clock();
        const { id: customerId, name, tier, contact, organization } = parent.customer;
        // Validated as a new ticket (subject, description, group, priority): the same rules and error paths.
        const draft = createTicket(
          {
            type: parent.type,
            subject: input.subject,
            ...(input.description !== undefined ? { description: input.description } : {}),
            priority: input.priority ?? parent.priority,
            channel: parent.channel,
            customer: { id: customerId, name, tier, contact, ...(organization ? { organization } : {}) },
            ...(parent.product ? { product: parent.product } : {}),
            groupId: input.groupId,
          },
          { now, workflow: chooseWorkflow, actor },
        );
        const linked = linkSubtask(parent, { ...draft, number: await nextNumber(now) }, { actor, now });
        const child = await automate({ ticket: linked.child.ticket, events: [...draft.events, ...linked.child.events] }, now);
        const parentAfter = await automate(linked.parent, now);
        await storage.write([toRow(parentAfter.ticket, now), toRow(child.ticket, now)], {
          expectedRevision: { [id]: parent.revision },
          ...(options.idempotencyKey !== undefined ? { keys: [{ key: options.idempotencyKey, ticketId: id, result: child.ticket.id, op: 'split', fingerprint: print }] } : {}),
        });
        return { parent: parentAfter.ticket, child: child.ticket };
      });
    },

    updateCollaborators(id, collaborators: CollaboratorChange, options = {}) {
      try {
        agentsOnly('update collaborators of', options);
      } catch (error) {
        return Promise.reject(error);
      }
      return change(id, options, DEFAULT_AGENT, { op: 'collaborators', payload: collaborators }, (ticket, actor, now) => {
        const known = engine.agents;
        if (known && known.length > 0) {
          const unknown = (collaborators?.add ?? []).flatMap((agentId, i) =>
            known.some((a) => a.id === agentId) ? [] : [{ path: `add[${i}]`, code: 'unknown_value' as const, message: `no agent "${String(agentId)}" on this desk` }],
          );
          if (unknown.length > 0) throw new ValidationError(unknown, 'collaborators');
        }
        return changeCollaborators(ticket, collaborators, { actor, now });
      });
    },

    async listAgents() {
      // Copies: callers may keep or change what they get without touching the engine's list.
      return JSON.parse(JSON.stringify(engine.agents ?? [])) as Agent[];
    },

    async suggestAssignee(id) {
      const row = typeof id === 'string' && id !== '' ? await storage.get(id) : undefined;
      if (!row) throw new NotFoundError(String(id));
      if (!engine.router) return { trace: { matchedRules: [], rulesEvaluated: 0, candidates: [], explanation: ['No routing rules are configured.'] } };
      const now = clock();
      // The ticket's own load does not count against the agents it might go to.
      const open = (await openTickets()).filter((t) => t.id !== id);
      const decision = engine.router.route(row.ticket, engine.agents ?? [], { ...engine.routeContext, now, loads: computeAgentLoads(open, { isOpen: () => true }) });
      // The trace is worded on first read; copy it into plain data for callers and the wire.
      const trace = JSON.parse(JSON.stringify(decision.trace)) as RouteTrace;
      return {
        ...(decision.assignee ? { assignee: decision.assignee } : {}),
        ...(decision.group ? { group: decision.group } : {}),
        ...(decision.priority ? { priority: decision.priority } : {}),
        trace,
      };
    },

    async nextWakeUp(now = clock()) {
      let next: number | undefined;
      const tickets = await openTickets(TIMED);
      if (engine.automation) {
        const w = engine.automation.nextWakeUp(tickets, { now });
        if (w) next = Date.parse(w.at);
      }
      return next;
    },

    tick(now = clock()) {
      return serial(async () => {
        if (!engine.automation) return [];
        const changed: string[] = [];
        const context = await automationContext(now);
        for (const ticket of await openTickets(TIMED)) {
          const r = engine.automation.tick(ticket, context);
          if (r.events.length === 0) continue;
          try {
            await storage.write([toRow(r.ticket, now)], { expectedRevision: { [ticket.id]: ticket.revision } });
            pending.push(...r.effects);
            changed.push(ticket.id);
          } catch (error) {
            // Another tab changed it meanwhile: the next tick sees the new state.
            if (!(error instanceof ConflictError)) throw error;
          }
        }
        return changed;
      });
    },
  };
  return service;
}
