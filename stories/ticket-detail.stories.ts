import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/ticket-detail/ticket-detail.js';
import { agentDesk, agentTicketAt, type AgentStage } from './support/mock-desk.js';

interface Args {
  locale: 'zh-CN' | 'en';
}

const at = (stage: AgentStage) => async () => {
  const desk = agentDesk();
  return { desk, ...(await agentTicketAt(desk, stage)) };
};

/** The element's shadow root, once the ticket shows. */
async function ready(canvas: HTMLElement): Promise<ShadowRoot> {
  const el = canvas.querySelector('ac-ticket-detail')!;
  for (let i = 0; i < 100 && !el.shadowRoot?.querySelector('[part="composer"]'); i++) await new Promise((r) => setTimeout(r, 50));
  return el.shadowRoot!;
}

const meta: Meta<Args> = {
  title: 'Elements/ac-ticket-detail',
  component: 'ac-ticket-detail',
  args: { locale: 'zh-CN' },
  argTypes: { locale: { control: 'inline-radio', options: ['zh-CN', 'en'] } },
  render: ({ locale }, { loaded }) =>
    html`<ac-ticket-detail locale=${locale} .client=${loaded.desk.agent} ticket-id=${loaded.ticketId} agent-id="agent-1"></ac-ticket-detail>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Waiting for the backend (its answer is held back). */
export const Loading: Story = {
  loaders: [
    async () => {
      const desk = agentDesk({ timeoutMs: 120_000 });
      const { ticketId } = await agentTicketAt(desk, 'new');
      desk.backend.faults.delay(120_000, { path: /^\/tickets\/[^/]+$/, method: 'GET', times: 100 });
      return { desk, ticketId };
    },
  ],
};
export const NotFound: Story = { loaders: [async () => ({ desk: agentDesk(), ticketId: 'no-such-ticket' })] };
/** New and unassigned: claim it, or merge it into the customer's other ticket. */
export const New: Story = { loaders: [at('new')] };
/** In progress for 7 hours: the 8-hour resolution clock warns. */
export const InProgressSlaWarning: Story = { loaders: [at('warning')] };
/** In progress for 9 hours: the resolution clock is breached. */
export const Breached: Story = { loaders: [at('breached')] };
/** Waiting for the customer's answer to a question. */
export const PendingCustomer: Story = { loaders: [at('pending_customer')] };
/** Resolved: "add to knowledge base" drafts an article. */
export const Resolved: Story = { loaders: [at('resolved')] };
/** Rated by the customer and closed. */
export const ClosedRated: Story = { loaders: [at('rated')] };
/** Internal notes with a mention and a collaborator: marked in words, not only by colour. */
export const WithInternalNotes: Story = { loaders: [at('notes')] };
/** The composer in note mode with the list of colleagues open after "@". */
export const MentionListOpen: Story = {
  loaders: [at('in_progress')],
  play: async ({ canvasElement }) => {
    const root = await ready(canvasElement);
    root.querySelector<HTMLInputElement>('input[value="note"]')!.click();
    await new Promise((r) => setTimeout(r, 50));
    const box = root.querySelector<HTMLTextAreaElement>('#compose-text')!;
    box.focus();
    box.value = '@';
    box.setSelectionRange(1, 1);
    box.dispatchEvent(new Event('input'));
  },
};
/** "Resolve" asks for the resolution note first; sent empty, the guard says what is missing. */
export const GuardForm: Story = {
  loaders: [at('in_progress')],
  play: async ({ canvasElement }) => {
    const root = await ready(canvasElement);
    root.querySelector<HTMLButtonElement>('[part="actions"] button[data-action="resolve"]')!.click();
    await new Promise((r) => setTimeout(r, 50));
    root.querySelector<HTMLButtonElement>('dialog button[type="submit"]')!.click();
  },
};
export const InProgressEnglish: Story = { loaders: [at('in_progress')], args: { locale: 'en' } };
export const InProgressChinese: Story = { loaders: [at('in_progress')], args: { locale: 'zh-CN' } };
export const Dark: Story = {
  loaders: [at('notes')],
  render: ({ locale }, { loaded }) =>
    html`<div style="color-scheme: dark; background: #111827; color: #e5e7eb; padding: 16px; --ac-color-note-bg: #3a2a06; --ac-color-note: #fbbf24; --ac-color-surface: #1f2937">
      <ac-ticket-detail locale=${locale} .client=${loaded.desk.agent} ticket-id=${loaded.ticketId} agent-id="agent-1"></ac-ticket-detail>
    </div>`,
};
