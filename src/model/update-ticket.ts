import * as v from 'valibot';
import { PRIORITIES } from './constants.js';
import { generateId } from './ids.js';
import {
  customFieldValueSchema,
  idSchema,
  lineText,
  LIMITS,
  locationSchema,
  multilineText,
  productSchema,
  slugSchema,
  tagsSchema,
} from './schema.js';
import { ValidationError } from '../errors.js';
import type { Actor, FieldChangedEvent, Ticket } from './types.js';
import { parseOrThrow } from './validate.js';
import { toEpochMs } from '../workflow/create-workflow.js';
import type { TimeInput, TransitionResult } from '../workflow/types.js';

/** Fields that change without a workflow action. `null` clears an optional field. */
export const ticketPatchSchema = v.strictObject({
  subject: v.optional(lineText(LIMITS.subject)),
  description: v.optional(multilineText(LIMITS.description)),
  priority: v.optional(v.picklist(PRIORITIES)),
  category: v.optional(v.nullable(slugSchema)),
  groupId: v.optional(v.nullable(idSchema)),
  tags: v.optional(tagsSchema),
  addTags: v.optional(tagsSchema),
  removeTags: v.optional(tagsSchema),
  collaboratorIds: v.optional(v.pipe(v.array(idSchema), v.maxLength(50))),
  customFields: v.optional(v.record(slugSchema, v.union([customFieldValueSchema, v.undefined()]))),
  product: v.optional(v.nullable(productSchema)),
  location: v.optional(v.nullable(locationSchema)),
});

/** A change to a ticket's fields (see {@link ticketPatchSchema}). */
export type TicketPatch = v.InferInput<typeof ticketPatchSchema>;

/** Who changes the ticket, when, and whether customers see the change. */
export interface UpdateContext {
  actor: Actor;
  now?: TimeInput;
  /** Visibility of the `field_changed` events; default `internal`. */
  visibility?: 'public' | 'internal';
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Applies a field patch (priority, category, group, tags, custom fields, …), recording a
 * `field_changed` event per field that really changed. Pure; throws `ValidationError`
 * for a bad patch; returns the ticket unchanged with no events when nothing changes.
 */
export function updateTicket(ticket: Ticket, patch: TicketPatch, context: UpdateContext): TransitionResult {
  const p = parseOrThrow(ticketPatchSchema, patch, 'ticket patch');
  const at = new Date(toEpochMs(context.now)).toISOString();
  const next: Ticket = { ...ticket };
  const events: FieldChangedEvent[] = [];
  const change = (field: string, from: unknown, to: unknown) => {
    events.push({
      id: generateId(),
      ticketId: ticket.id,
      type: 'field_changed',
      at,
      actor: context.actor,
      visibility: context.visibility ?? 'internal',
      data: { field, from, to },
    });
  };
  const setOptional = <K extends 'category' | 'groupId' | 'product' | 'location'>(key: K, value: Ticket[K] | null | undefined) => {
    if (value === undefined) return;
    const to = value === null ? undefined : value;
    if (same(ticket[key], to)) return;
    if (to === undefined) delete next[key];
    else next[key] = to as Ticket[K];
    change(key, ticket[key], to);
  };
  if (p.subject !== undefined && p.subject !== ticket.subject) {
    next.subject = p.subject;
    change('subject', ticket.subject, p.subject);
  }
  if (p.description !== undefined && p.description !== ticket.description) {
    next.description = p.description;
    change('description', ticket.description, p.description);
  }
  if (p.priority !== undefined && p.priority !== ticket.priority) {
    next.priority = p.priority;
    change('priority', ticket.priority, p.priority);
  }
  setOptional('category', p.category);
  setOptional('groupId', p.groupId);
  setOptional('product', p.product);
  setOptional('location', p.location);
  let tags = p.tags ? [...new Set(p.tags)] : [...ticket.tags];
  for (const t of p.addTags ?? []) if (!tags.includes(t)) tags.push(t);
  if (p.removeTags) tags = tags.filter((t) => !p.removeTags!.includes(t));
  // The schema bounds each list; the merged result must respect the ticket's own limit too.
  if (tags.length > LIMITS.tags) {
    throw new ValidationError([{ path: 'addTags', code: 'too_long', message: `is too long (the ticket would have ${tags.length} tags, at most ${LIMITS.tags})` }], 'ticket patch');
  }
  if (!same(tags, ticket.tags)) {
    next.tags = tags;
    change('tags', ticket.tags, tags);
  }
  if (p.collaboratorIds && !same([...new Set(p.collaboratorIds)], ticket.collaboratorIds)) {
    next.collaboratorIds = [...new Set(p.collaboratorIds)];
    change('collaboratorIds', ticket.collaboratorIds, next.collaboratorIds);
  }
  if (p.customFields) {
    const fields = { ...ticket.customFields };
    for (const [key, value] of Object.entries(p.customFields)) {
      if (same(fields[key], value)) continue;
      change(`customFields.${key}`, fields[key], value);
      if (value === undefined) delete fields[key];
      else fields[key] = value;
    }
    if (Object.keys(fields).length > LIMITS.customFields) {
      throw new ValidationError([{ path: 'customFields', code: 'too_long', message: `is too long (the ticket would have ${Object.keys(fields).length} custom fields, at most ${LIMITS.customFields})` }], 'ticket patch');
    }
    next.customFields = fields;
  }
  if (events.length === 0) return { ticket, events: [] };
  return { ticket: { ...next, updatedAt: at, revision: ticket.revision + 1, events: [...ticket.events, ...events] }, events };
}
