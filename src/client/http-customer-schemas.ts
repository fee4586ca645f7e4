import * as v from 'valibot';
import { AGENT_ROLES, CHANNELS, PRIORITIES } from '../model/constants.js';
import { instantSchema } from '../model/schema.js';
import type { Ticket } from '../model/types.js';
import { OPTIONAL_TICKET_FIELDS } from './customer-answers.js';

// The valibot schemas of the answers of the customer's half of the REST contract: what a
// ticket, a created ticket, search hits and suggestions must look like. Loaded with valibot
// when the first answer arrives (`customerHttpTransport`), not with the page.

const SLA_STATES = ['running', 'paused', 'warning', 'breached', 'met'] as const;

// ---------------------------------------------------------------------------------------------
// Response schemas: what every success answer must look like. Servers may add fields.
// ---------------------------------------------------------------------------------------------

const instant = instantSchema;
/** @internal */
export const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const highlights = v.array(v.tuple([v.number(), v.number()]));

const actorResponseSchema = v.looseObject({
  kind: v.picklist(['customer', 'agent', 'system']),
  id: v.nullish(v.string()),
  name: v.nullish(v.string()),
  role: v.nullish(v.picklist(AGENT_ROLES)),
});

const eventResponseSchema = v.looseObject({
  id: v.pipe(v.string(), v.minLength(1)),
  ticketId: v.string(),
  type: v.pipe(v.string(), v.minLength(1)),
  at: instant,
  actor: actorResponseSchema,
  visibility: v.picklist(['public', 'internal']),
  data: v.looseObject({}),
});


/**
 * What every ticket a server returns must have (a loose object: servers may add fields). A
 * response that does not match is a `TransportError` with code `BAD_RESPONSE`.
 */
export const ticketResponseSchema = v.pipe(
  v.looseObject({
    id: v.pipe(v.string(), v.minLength(1)),
    number: v.string(),
    type: v.pipe(v.string(), v.minLength(1)),
    subject: v.string(),
    description: v.string(),
    status: v.pipe(v.string(), v.minLength(1)),
    priority: v.picklist(PRIORITIES),
    channel: v.picklist(CHANNELS),
    customer: v.looseObject({
      id: v.string(),
      name: v.string(),
      tier: v.string(),
      contact: v.looseObject({ phone: v.nullish(v.string()), email: v.nullish(v.string()), wechat: v.nullish(v.string()) }),
    }),
    product: v.nullish(v.looseObject({})),
    customFields: v.record(v.string(), v.unknown()),
    tags: v.array(v.string()),
    category: v.nullish(v.string()),
    assigneeId: v.nullish(v.string()),
    groupId: v.nullish(v.string()),
    collaboratorIds: v.array(v.string()),
    parentId: v.nullish(v.string()),
    childIds: v.array(v.string()),
    mergedIntoId: v.nullish(v.string()),
    attachments: v.array(v.looseObject({ id: v.string(), name: v.string(), type: v.string(), size: v.number() })),
    location: v.nullish(v.looseObject({ address: v.string() })),
    workflowId: v.string(),
    escalationLevel: count,
    reopenCount: count,
    resolution: v.nullish(v.looseObject({ note: v.string(), at: instant })),
    satisfaction: v.nullish(v.looseObject({ score: v.number(), at: instant })),
    scheduledAt: v.nullish(instant),
    createdAt: instant,
    updatedAt: instant,
    statusChangedAt: instant,
    resolvedAt: v.nullish(instant),
    closedAt: v.nullish(instant),
    revision: count,
    events: v.array(eventResponseSchema),
    sla: v.nullish(
      v.looseObject({
        at: instant,
        metrics: v.record(v.string(), v.looseObject({ state: v.picklist(SLA_STATES), target: v.number(), dueAt: v.nullish(instant) })),
      }),
    ),
    customerActions: v.nullish(v.array(v.string())),
  }),
  v.transform((raw): Ticket => {
    const ticket: Record<string, unknown> = { ...raw };
    for (const key of OPTIONAL_TICKET_FIELDS) if (ticket[key] === null) delete ticket[key];
    return ticket as unknown as Ticket;
  }),
);

/** @internal */
export const createdResponseSchema = v.looseObject({
  ticket: ticketResponseSchema,
  accessToken: v.pipe(v.string(), v.minLength(1)),
  replayed: v.boolean(),
});

/** @internal */
export const hitsResponseSchema = v.looseObject({
  hits: v.array(
    v.looseObject({
      id: v.string(),
      score: v.number(),
      confidence: v.number(),
      title: v.string(),
      titleHighlights: highlights,
      snippet: v.looseObject({ text: v.string(), highlights }),
      locale: v.nullish(v.string()),
      article: v.looseObject({ id: v.string(), title: v.string(), body: v.string() }),
    }),
  ),
});

/** @internal */
export const suggestionsResponseSchema = v.looseObject({
  suggestions: v.array(
    v.looseObject({
      id: v.string(),
      title: v.string(),
      score: v.number(),
      confidence: v.number(),
      highlights,
      locale: v.nullish(v.string()),
    }),
  ),
});
