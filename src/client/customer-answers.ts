import { AGENT_ROLES, CHANNELS, PRIORITIES } from '../model/constants.js';
import * as l from '../model/lean-schema.js';
import type { AttachmentMeta, Ticket } from '../model/types.js';
import type { CreatedTicket } from './types.js';

// What the answers of the customer's half of the REST contract must look like — a ticket, a
// created ticket, search hits, suggestions, a stored attachment — as lean schemas
// (`lean-schema.ts`), so that customer pages check answers without valibot. The valibot schemas
// in `http-customer-schemas.ts` are the reference (the agents' transport builds on them); a
// differential property test runs both on the same answers. Servers may add fields.

const SLA_STATES = ['running', 'paused', 'warning', 'breached', 'met'] as const;

const instant = l.pipe(l.string(), l.check((s: string) => !Number.isNaN(Date.parse(s)), 'invalid_format'));
const count = l.pipe(l.number(), l.integer(), l.minValue(0));
const nonEmpty = l.pipe(l.string(), l.minLength(1));
const str = l.string();
const num = l.number();
const strings = l.array(str);
const maybeStr = l.nullish(str);
const highlights = l.array(l.tuple([num, num]));

/**
 * Optional top-level ticket fields: absent in the contract; `null` is tolerated and removed.
 * @internal
 */
export const OPTIONAL_TICKET_FIELDS = [
  'product',
  'category',
  'assigneeId',
  'groupId',
  'parentId',
  'mergedIntoId',
  'location',
  'resolution',
  'satisfaction',
  'scheduledAt',
  'resolvedAt',
  'closedAt',
  'sla',
  'customerActions',
] as const;

const event = l.looseObject({
  id: nonEmpty,
  ticketId: str,
  type: nonEmpty,
  at: instant,
  actor: l.looseObject({ kind: l.picklist(['customer', 'agent', 'system']), id: maybeStr, name: maybeStr, role: l.nullish(l.picklist(AGENT_ROLES)) }),
  visibility: l.picklist(['public', 'internal']),
  data: l.looseObject({}),
});

const ticket = l.pipe(
  l.looseObject<Record<string, unknown>>({
    id: nonEmpty,
    number: str,
    type: nonEmpty,
    subject: str,
    description: str,
    status: nonEmpty,
    priority: l.picklist(PRIORITIES),
    channel: l.picklist(CHANNELS),
    customer: l.looseObject({ id: str, name: str, tier: str, contact: l.looseObject({ phone: maybeStr, email: maybeStr, wechat: maybeStr }) }),
    product: l.nullish(l.looseObject({})),
    customFields: l.record(str, l.unknown()),
    tags: strings,
    category: maybeStr,
    assigneeId: maybeStr,
    groupId: maybeStr,
    collaboratorIds: strings,
    parentId: maybeStr,
    childIds: strings,
    mergedIntoId: maybeStr,
    attachments: l.array(l.looseObject({ id: str, name: str, type: str, size: num })),
    location: l.nullish(l.looseObject({ address: str })),
    workflowId: str,
    escalationLevel: count,
    reopenCount: count,
    resolution: l.nullish(l.looseObject({ note: str, at: instant })),
    satisfaction: l.nullish(l.looseObject({ score: num, at: instant })),
    scheduledAt: l.nullish(instant),
    createdAt: instant,
    updatedAt: instant,
    statusChangedAt: instant,
    resolvedAt: l.nullish(instant),
    closedAt: l.nullish(instant),
    revision: count,
    events: l.array(event),
    sla: l.nullish(l.looseObject({ at: instant, metrics: l.record(str, l.looseObject({ state: l.picklist(SLA_STATES), target: num, dueAt: l.nullish(instant) })) })),
    customerActions: l.nullish(strings),
  }),
  (raw) => {
    const out = { ...raw };
    for (const key of OPTIONAL_TICKET_FIELDS) if (out[key] === null) delete out[key];
    return out;
  },
) as l.LeanSchema<unknown> as l.LeanSchema<Ticket>;

const attachment = l.pipe(
  l.looseObject<{ id: string; name: string; type: string; size: number; url?: string | null }>({
    id: nonEmpty,
    name: str,
    type: str,
    size: count,
    url: maybeStr,
  }),
  ({ id, name, type, size, url }) => ({ id, name, type, size, ...(typeof url === 'string' ? { url } : {}) }),
) as l.LeanSchema<unknown> as l.LeanSchema<AttachmentMeta>;

/** @internal */
export const ticketAnswer = l.standard(ticket);
/** @internal */
export const createdAnswer = l.standard(l.looseObject<CreatedTicket>({ ticket, accessToken: nonEmpty, replayed: l.boolean() }));
/** @internal */
export const hitsAnswer = l.standard(
  l.looseObject<{ hits: unknown[] }>({
    hits: l.array(
      l.looseObject({
        id: str,
        score: num,
        confidence: num,
        title: str,
        titleHighlights: highlights,
        snippet: l.looseObject({ text: str, highlights }),
        locale: maybeStr,
        article: l.looseObject({ id: str, title: str, body: str }),
      }),
    ),
  }),
);
/** @internal */
export const suggestionsAnswer = l.standard(
  l.looseObject<{ suggestions: unknown[] }>({
    suggestions: l.array(l.looseObject({ id: str, title: str, score: num, confidence: num, highlights, locale: maybeStr })),
  }),
);
/** @internal */
export const attachmentAnswer = l.standard(attachment);
