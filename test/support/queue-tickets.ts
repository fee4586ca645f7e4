// Many varied tickets with SLA summaries, made fast (one real ticket, then shallow copies)
// for the queue model's tests, the agent queue's browser tests and the queue benchmark.
import { createTicket, type Channel, type Priority, type Ticket, type TicketSla } from '../../src/index.js';
import { seededRandom } from './seeded-random.js';

const PRIORITIES: Priority[] = ['low', 'normal', 'normal', 'high', 'urgent'];
const STATUSES = ['new', 'assigned', 'in_progress', 'pending_customer', 'pending_parts', 'resolved', 'closed'];
const CHANNELS: Channel[] = ['web', 'email', 'phone', 'wechat', 'mini-program'];
const SUBJECTS = ['空调不制冷', '洗衣机漏水', '发票抬头错误', 'Printer jams on every page', 'Refund not received', '冰箱噪音大', 'Screen flickers after update', '安装预约改期'];
const MODELS = ['KFR-35GW', 'XQG100', 'BCD-520', 'LJ-2400', 'TV-55Q'];
const TIERS = ['standard', 'standard', 'vip', 'gold'];
const GROUPS = ['repair', 'billing', 'install'];
const STATES: Array<NonNullable<TicketSla['state']>> = ['running', 'running', 'running', 'warning', 'breached', 'paused', 'met'];

export interface QueueTickets {
  tickets: Ticket[];
  sla: Record<string, TicketSla>;
  agents: string[];
}

/** `count` tickets from a seeded generator: same data every run. Times lie around `now`. */
export function queueTickets(count: number, options: { seed?: number; now?: number; agents?: number } = {}): QueueTickets {
  const random = seededRandom(options.seed ?? 7);
  const now = options.now ?? Date.parse('2026-11-23T02:00:00.000Z');
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const agents = Array.from({ length: options.agents ?? 20 }, (_, i) => `agent-${i + 1}`);
  const base = createTicket(
    { type: 'repair', subject: 'x', description: 'x', channel: 'web', customer: { id: 'c', name: 'x', tier: 'standard', contact: { phone: '13800000000' } } },
    { now, number: 'AC-0' },
  );
  const tickets: Ticket[] = [];
  const sla: Record<string, TicketSla> = {};
  for (let i = 0; i < count; i++) {
    const id = `t-${String(i).padStart(6, '0')}`;
    const created = new Date(now - Math.floor(random() * 30 * 86_400_000)).toISOString();
    const status = pick(STATUSES);
    const assigned = status !== 'new' && random() < 0.9;
    const subject = pick(SUBJECTS);
    tickets.push({
      ...base,
      id,
      number: `AC-${String(i + 1).padStart(6, '0')}`,
      subject: `${subject} #${i + 1}`,
      description: `${subject}，客户第 ${(i % 3) + 1} 次来电。`,
      status,
      priority: pick(PRIORITIES),
      channel: pick(CHANNELS),
      customer: { id: `c-${i % 5000}`, name: `客户 ${i % 5000}`, tier: pick(TIERS), contact: { phone: `1380000${String(i % 10000).padStart(4, '0')}` } },
      product: { model: pick(MODELS) },
      tags: random() < 0.3 ? ['回访'] : [],
      groupId: pick(GROUPS),
      ...(assigned ? { assigneeId: pick(agents) } : {}),
      createdAt: created,
      updatedAt: created,
      statusChangedAt: created,
      events: [],
    });
    const state = pick(STATES);
    sla[id] = { state, ...(state === 'met' || state === 'paused' ? {} : { dueAt: now + Math.floor((random() - 0.3) * 8 * 3_600_000) }) };
  }
  return { tickets, sla, agents };
}
