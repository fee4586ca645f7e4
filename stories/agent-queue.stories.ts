import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/agent-queue/agent-queue.js';
import { clientActions, createClient, type AftercareClient } from '../src/index.js';
import { buildTicketInput } from '../src/testing/index.js';
import { queueTickets } from '../test/support/queue-tickets.js';
import { agentDesk, STORY_AGENTS, type AgentDesk } from './support/mock-desk.js';

interface Args {
  locale: 'zh-CN' | 'en';
  view: 'mine' | 'unassigned' | 'all' | 'breaching';
  layout: 'list' | 'board';
}

const AGENT = { actor: { kind: 'agent' as const, id: 'agent-1', name: '王工', role: 'agent' as const } };

/** A desk with a morning's work: new and assigned tickets, one VIP close to breach, one breached. */
async function busyDesk(): Promise<{ desk: AgentDesk; client: AftercareClient }> {
  const desk = agentDesk();
  const s = desk.backend.service;
  const make = async (minutesAgo: number, input: Parameters<typeof buildTicketInput>[0], assignee?: string) => {
    desk.shift(-minutesAgo);
    const { ticket } = await s.create(buildTicketInput(input));
    if (assignee) await s.assign(ticket.id, { assigneeId: assignee, assigneeName: STORY_AGENTS.find((a) => a.id === assignee)!.publicName! }, AGENT);
    return ticket;
  };
  await make(9 * 60, { subject: '空调外机异响，邻居投诉', priority: 'high' }, 'agent-1');
  await make(7 * 60, { subject: '发票抬头开错了，需要重开', customer: { name: '张伟', tier: 'vip', contact: { phone: '13800138000' } } });
  await make(90, { subject: 'Washing machine leaks from the door', priority: 'urgent', channel: 'email' }, 'agent-2');
  await make(30, { subject: '冰箱不制冷', channel: 'wechat' });
  await make(10, { subject: '预约安装热水器', type: 'installation', channel: 'mini-program' }, 'agent-1');
  await make(2, { subject: '电视开机黑屏', channel: 'phone' });
  desk.shift(0);
  await desk.agent.queues.load('all');
  return { desk, client: desk.agent };
}

const meta: Meta<Args> = {
  title: 'Elements/ac-agent-queue',
  component: 'ac-agent-queue',
  args: { locale: 'zh-CN', view: 'all', layout: 'list' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['zh-CN', 'en'] },
    view: { control: 'inline-radio', options: ['mine', 'unassigned', 'all', 'breaching'] },
    layout: { control: 'inline-radio', options: ['list', 'board'] },
  },
  loaders: [busyDesk],
  render: ({ locale, view, layout }, { loaded }) =>
    html`<ac-agent-queue locale=${locale} view=${view} layout=${layout} agent-id="agent-1" .client=${loaded.client} style="--ac-queue-height: 24rem"></ac-agent-queue>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Every open ticket, most urgent first: the breached and the warning ones lead. */
export const All: Story = {};
export const AllEnglish: Story = { args: { locale: 'en' } };
/** The agent's own tickets. */
export const Mine: Story = { args: { view: 'mine' } };
/** Waiting for someone to claim them. */
export const Unassigned: Story = { args: { view: 'unassigned' } };
/** Only tickets in warning or breached. */
export const Breaching: Story = { args: { view: 'breaching' } };
/** Kanban by status, each column with its backlog. */
export const Board: Story = { args: { layout: 'board' } };
/** Nothing to do. */
export const Empty: Story = { loaders: [async () => ({ client: agentDesk().agent })] };
/** Waiting for the backend (its answer is held back). */
export const Loading: Story = {
  loaders: [
    async () => {
      const desk = agentDesk({ timeoutMs: 120_000 });
      desk.backend.faults.delay(120_000, { path: /^\/tickets$/, method: 'GET', times: 100 });
      return { client: desk.agent };
    },
  ],
};
/** The backend fails: the error says so, with a retry. */
export const LoadError: Story = {
  loaders: [
    async () => {
      const desk = agentDesk();
      desk.backend.faults.status(503, { path: /^\/tickets$/, method: 'GET', times: 100 });
      return { client: desk.agent };
    },
  ],
};
/** Two tickets selected: the bulk bar offers what the workflow allows both. */
export const Selected: Story = {
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('ac-agent-queue')!;
    for (let i = 0; i < 100 && (el.shadowRoot?.querySelectorAll('lit-virtualizer [role="row"]').length ?? 0) < 2; i++) await new Promise((r) => setTimeout(r, 50));
    const boxes = el.shadowRoot!.querySelectorAll<HTMLInputElement>('lit-virtualizer [role="row"] input[type="checkbox"]');
    boxes[0]?.click();
    boxes[1]?.click();
  },
};
/** 20,000 tickets in the client (virtual scrolling: only the visible rows exist). */
export const TwentyThousand: Story = {
  loaders: [
    async () => {
      const client = createClient({ storage: 'memory', live: false });
      const { tickets, sla } = queueTickets(20_000);
      client.store.dispatch(clientActions.tickets.upserted(tickets));
      client.store.dispatch(clientActions.sla.evaluated({ now: Date.now(), byId: sla }));
      return { client };
    },
  ],
};
export const Dark: Story = {
  render: ({ locale, view, layout }, { loaded }) =>
    html`<div style="color-scheme: dark; background: #111827; color: #e5e7eb; padding: 16px">
      <ac-agent-queue locale=${locale} view=${view} layout=${layout} agent-id="agent-1" .client=${loaded.client} style="--ac-queue-height: 24rem"></ac-agent-queue>
    </div>`,
};
/** A 360 px wide phone: rows become two-line cards. */
export const Phone: Story = {
  render: ({ locale, view }, { loaded }) =>
    html`<div style="inline-size: 360px; border: 1px dashed #8a8f98">
      <ac-agent-queue locale=${locale} view=${view} agent-id="agent-1" .client=${loaded.client} style="--ac-queue-height: 28rem"></ac-agent-queue>
    </div>`,
};
