import { createTicket, type CreateTicketOptions } from '../model/create-ticket.js';
import type { TicketInput } from '../model/schema.js';
import type { Agent, Customer, Ticket } from '../model/types.js';
import { standardWorkflow } from '../workflow/standard-workflow.js';
import type { Workflow } from '../workflow/create-workflow.js';
import type { TransitionContext } from '../workflow/types.js';

/** A fixed instant so fixtures are reproducible: 2026-11-22 09:00 in Shanghai. */
export const FIXTURE_NOW = '2026-11-22T01:00:00.000Z';

/** A customer with sensible defaults; pass what your test cares about. */
export function buildCustomer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: 'cust-1',
    name: '张伟',
    tier: 'standard',
    contact: { phone: '13800138000' },
    ...overrides,
  };
}

/** An agent with sensible defaults. */
export function buildAgent(overrides: Partial<Agent> = {}): Agent {
  return {
    id: 'agent-1',
    name: '王建国',
    publicName: '王工',
    role: 'agent',
    groupIds: ['repair'],
    skills: ['air-conditioner'],
    capacity: 10,
    status: 'online',
    ...overrides,
  };
}

/** A valid ticket input (an air conditioner that does not cool); override any field. */
export function buildTicketInput(overrides: Partial<TicketInput> = {}): TicketInput {
  const { id, name, tier, contact } = buildCustomer();
  return {
    type: 'repair',
    subject: '空调不制冷',
    description: '开机半小时仍然吹热风，显示 E1。',
    channel: 'web',
    customer: { id, name, tier, contact },
    product: { model: 'KFR-35GW', serialNumber: 'SN20240601001', purchaseDate: '2024-06-01', warrantyEnd: '2030-06-01' },
    ...overrides,
  };
}

/**
 * A ticket made by `createTicket` at {@link FIXTURE_NOW} with number `AC-20261122-0001`,
 * optionally walked through workflow actions, e.g.
 * `buildTicket({}, [['assign', { assigneeId: 'agent-1' }], ['start', {}]])`.
 */
export function buildTicket(
  overrides: Partial<TicketInput> = {},
  steps: Array<[action: string, context: Omit<TransitionContext, 'actor'> & Partial<Pick<TransitionContext, 'actor'>>]> = [],
  options: CreateTicketOptions & { workflow?: Workflow } = {},
): Ticket {
  const workflow = options.workflow ?? standardWorkflow;
  let ticket = createTicket(buildTicketInput(overrides), { now: FIXTURE_NOW, number: 'AC-20261122-0001', ...options, workflow });
  const agent = buildAgent();
  for (const [action, context] of steps) {
    const actor = context.actor ?? { kind: 'agent' as const, id: agent.id, name: agent.publicName };
    ticket = workflow.transition(ticket, action, { now: ticket.updatedAt, ...context, actor }).ticket;
  }
  return ticket;
}
