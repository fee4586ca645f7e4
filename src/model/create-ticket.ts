import { installationWorkflow, standardWorkflow } from '../workflow/standard-workflow.js';
import { toEpochMs, type Workflow } from '../workflow/create-workflow.js';
import type { TimeInput } from '../workflow/types.js';
import { builtInWorkflowId } from '../workflow/built-in-statuses.js';
import { buildTicket, validateTicketInput } from './new-ticket.js';
import type { TicketInput } from './schema.js';
import type { TicketNumberOptions } from './ticket-number.js';
import type { Actor, Ticket } from './types.js';

/** Options of {@link createTicket}. */
export interface CreateTicketOptions {
  /** Creation time; default now. */
  now?: TimeInput;
  /** The workflow, or a choice by ticket type; default {@link workflowForType}. */
  workflow?: Workflow | ((type: string) => Workflow);
  /** Human number from the store's sequence; default a provisional number (see `provisionalTicketNumber`). */
  number?: string;
  /** How a provisional number looks (prefix, time zone of its date). */
  numberFormat?: TicketNumberOptions;
  /** Id to use instead of a new UUID (e.g. when replaying an offline submission). */
  id?: string;
  /** Who creates it; default the customer. An agent logging a phone call passes themselves. */
  actor?: Actor;
}

/** The built-in workflow for a ticket type: `installation` gets a scheduled visit, the rest the standard flow. */
export function workflowForType(type: string): Workflow {
  return builtInWorkflowId(type) === 'installation' ? installationWorkflow : standardWorkflow;
}

/**
 * Validates `input` and returns a new ticket in the workflow's initial status with its
 * `created` event. Throws `ValidationError` listing every bad field; text is kept exactly as given.
 */
export function createTicket(input: TicketInput, options: CreateTicketOptions = {}): Ticket {
  const now = toEpochMs(options.now);
  const data = validateTicketInput(input, now);
  const chosen = options.workflow ?? workflowForType;
  const workflow = typeof chosen === 'function' ? chosen(data.type) : chosen;
  return buildTicket(data, {
    now,
    workflowId: workflow.id,
    status: workflow.initialStatus,
    ...(options.id !== undefined ? { id: options.id } : {}),
    ...(options.number !== undefined ? { number: options.number } : {}),
    ...(options.numberFormat !== undefined ? { numberFormat: options.numberFormat } : {}),
    ...(options.actor !== undefined ? { actor: options.actor } : {}),
  });
}
