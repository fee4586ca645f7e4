import type { ActionDefinition, WorkflowDefinition } from './types.js';
import { createWorkflow } from './create-workflow.js';
import { SCHEDULED_STATUS, STANDARD_STATUSES } from './built-in-statuses.js';

export { STANDARD_STATUSES };

/** Knobs of the standard workflow. */
export interface StandardWorkflowOptions {
  /** Days after resolution during which the customer or an agent may reopen; default 7. */
  reopenWithinDays?: number;
  /** Days after resolution when the system may close the ticket; default 3. */
  autoCloseAfterDays?: number;
  /** Move `pending_customer` back to `in_progress` when the customer replies; default true. */
  resumeOnCustomerReply?: boolean;
  /** Close the ticket as soon as the customer rates it; default true. */
  closeOnRating?: boolean;
}

const OPEN_STATUSES = ['new', 'assigned', 'in_progress', 'pending_customer', 'pending_parts'];
const WORKING = ['assigned', 'in_progress', 'pending_customer', 'pending_parts'];

/** Actions of the standard workflow for the given options. */
export function standardActions(options: StandardWorkflowOptions = {}): ActionDefinition[] {
  const reopenWithinDays = options.reopenWithinDays ?? 7;
  const autoCloseAfterDays = options.autoCloseAfterDays ?? 3;
  return [
    {
      id: 'assign',
      labels: { 'zh-CN': '分派', en: 'Assign' },
      transitions: [
        { from: ['new', 'assigned'], to: 'assigned' },
        { from: ['in_progress', 'pending_customer', 'pending_parts'] },
      ],
      roles: ['agent', 'system'],
      guards: [{ kind: 'assignee_required' }],
      effects: ['set_assignee'],
    },
    {
      id: 'start',
      labels: { 'zh-CN': '开始处理', en: 'Start work' },
      transitions: [{ from: ['assigned'], to: 'in_progress' }],
      roles: ['agent'],
      guards: [{ kind: 'assignee_or_role', roles: ['lead'] }],
    },
    {
      id: 'request_info',
      labels: { 'zh-CN': '请客户补充信息', en: 'Ask the customer' },
      transitions: [{ from: ['assigned', 'in_progress'], to: 'pending_customer' }],
      roles: ['agent'],
      // The note is the question the customer must answer, so it is public.
      guards: [{ kind: 'note_required' }],
    },
    {
      id: 'wait_parts',
      labels: { 'zh-CN': '等待配件', en: 'Wait for parts' },
      transitions: [{ from: ['in_progress'], to: 'pending_parts' }],
      roles: ['agent'],
    },
    {
      id: 'resume',
      labels: { 'zh-CN': '继续处理', en: 'Resume' },
      transitions: [{ from: ['pending_customer', 'pending_parts'], to: 'in_progress' }],
      roles: ['agent', 'system'],
    },
    {
      id: 'resolve',
      labels: { 'zh-CN': '解决', en: 'Resolve' },
      transitions: [{ from: WORKING, to: 'resolved' }],
      // The system resolves too: automations close tickets the customer never answered.
      roles: ['agent', 'system'],
      guards: [{ kind: 'note_required' }],
      effects: ['set_resolution'],
    },
    {
      id: 'close',
      labels: { 'zh-CN': '关闭', en: 'Close' },
      transitions: [{ from: ['resolved'], to: 'closed' }],
      roles: ['system'],
      guards: [
        {
          kind: 'any',
          guards: [{ kind: 'rated' }, { kind: 'after_days', since: 'resolvedAt', days: autoCloseAfterDays }],
        },
      ],
    },
    {
      id: 'reopen',
      labels: { 'zh-CN': '重新打开', en: 'Reopen' },
      transitions: [{ from: ['resolved', 'closed'], to: 'in_progress' }],
      roles: ['customer', 'agent'],
      guards: [{ kind: 'within_days', since: 'resolvedAt', days: reopenWithinDays }],
    },
    {
      id: 'return_to_queue',
      labels: { 'zh-CN': '退单', en: 'Return to queue' },
      transitions: [{ from: ['assigned', 'in_progress'], to: 'new' }],
      roles: ['agent'],
      // The reason is for colleagues, not the customer.
      guards: [{ kind: 'note_required' }],
      effects: ['clear_assignee'],
      visibility: 'internal',
    },
    {
      id: 'escalate',
      labels: { 'zh-CN': '升级', en: 'Escalate' },
      transitions: [{ from: OPEN_STATUSES }],
      roles: ['agent', 'system'],
      effects: ['escalate'],
      visibility: 'internal',
    },
  ];
}

/** The standard workflow's definition, to use as is or to adapt into a custom one. */
export function standardWorkflowDefinition(options: StandardWorkflowOptions = {}): WorkflowDefinition {
  return {
    id: 'standard',
    initialStatus: 'new',
    statuses: STANDARD_STATUSES,
    actions: standardActions(options),
    ...(options.resumeOnCustomerReply === false ? {} : { onCustomerReply: { pending_customer: 'resume' } }),
    ...(options.closeOnRating === false ? {} : { onRating: 'close' }),
  };
}

/**
 * The workflow most after-sales desks need: new → assigned → in progress ⇄ pending
 * (customer, parts) → resolved → closed, with reopen within 7 days, 退单 back to the
 * queue and escalation.
 */
export const standardWorkflow = createWorkflow(standardWorkflowDefinition());

/**
 * Installation visits: like the standard workflow with a `scheduled` status between
 * assignment and on-site work; the appointment time is required to schedule.
 */
export function installationWorkflowDefinition(options: StandardWorkflowOptions = {}): WorkflowDefinition {
  const base = standardWorkflowDefinition(options);
  const actions = base.actions.map((a): ActionDefinition => {
    switch (a.id) {
      case 'assign':
        return { ...a, transitions: [...a.transitions.slice(0, 1), { from: ['scheduled', 'in_progress', 'pending_customer', 'pending_parts'] }] };
      case 'start':
        return { ...a, transitions: [{ from: ['assigned', 'scheduled'], to: 'in_progress' }] };
      case 'request_info':
        return { ...a, transitions: [{ from: ['assigned', 'scheduled', 'in_progress'], to: 'pending_customer' }] };
      case 'resolve':
        return { ...a, transitions: [{ from: [...WORKING, 'scheduled'], to: 'resolved' }] };
      case 'return_to_queue':
        return { ...a, transitions: [{ from: ['assigned', 'scheduled', 'in_progress'], to: 'new' }] };
      case 'escalate':
        return { ...a, transitions: [{ from: [...OPEN_STATUSES, 'scheduled'] }] };
      default:
        return a;
    }
  });
  actions.push({
    id: 'schedule',
    labels: { 'zh-CN': '预约上门', en: 'Schedule visit' },
    transitions: [{ from: ['assigned', 'scheduled', 'pending_customer'], to: 'scheduled' }],
    roles: ['agent'],
    guards: [{ kind: 'schedule_required' }],
    effects: ['set_schedule'],
  });
  const statuses = [...base.statuses];
  statuses.splice(2, 0, SCHEDULED_STATUS);
  return { ...base, id: 'installation', statuses, actions };
}

/** The installation workflow with default options. */
export const installationWorkflow = createWorkflow(installationWorkflowDefinition());
