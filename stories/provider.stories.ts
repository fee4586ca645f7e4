import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/provider/provider.js';
import '../components/kb-search/kb-search.js';
import '../components/ticket-form/ticket-form.js';
import '../components/agent-queue/agent-queue.js';
import { agentDesk, mockDesk } from './support/mock-desk.js';

interface Args {
  locale: 'zh-CN' | 'en';
}

/**
 * `<ac-provider>` renders nothing of its own: it gives the elements inside one client and one
 * locale. These stories show it in its three ways of getting a client.
 */
const meta: Meta<Args> = {
  title: 'Elements/ac-provider',
  component: 'ac-provider',
  args: { locale: 'zh-CN' },
  argTypes: { locale: { control: 'inline-radio', options: ['zh-CN', 'en'] } },
};
export default meta;

type Story = StoryObj<Args>;

/** No `api-base`: the embedded default, a whole desk in this browser's IndexedDB (its own database here). */
export const EmbeddedDesk: Story = {
  render: ({ locale }) =>
    html`<ac-provider locale=${locale} database-name="storybook-provider">
      <ac-ticket-form draft-key="storybook-provider" ignore-url></ac-ticket-form>
    </ac-provider>`,
};

/** A client made by the page (here: a customer client on the MSW backend), shared by every element inside. */
export const WithClient: Story = {
  loaders: [async () => ({ desk: mockDesk() })],
  render: ({ locale }, { loaded }) =>
    html`<ac-provider locale=${locale} .client=${loaded.desk.customer}>
      <ac-kb-search></ac-kb-search>
      <ac-ticket-form draft-key="storybook-provider-client" ignore-url></ac-ticket-form>
    </ac-provider>`,
};

/** An agent page: the agent queue inside the provider gets the full client (store, queues). */
export const AgentPage: Story = {
  loaders: [
    async () => {
      const desk = agentDesk();
      await desk.customer.tickets.create({ type: 'repair', subject: '空调不制冷', description: '开机吹热风', channel: 'web', customer: { name: '张伟', contact: { phone: '13800138000' } } });
      return { desk };
    },
  ],
  render: ({ locale }, { loaded }) =>
    html`<ac-provider locale=${locale} .client=${loaded.desk.agent}>
      <ac-agent-queue agent-id="agent-1" view="all" style="--ac-queue-height: 20rem"></ac-agent-queue>
    </ac-provider>`,
};

/** English throughout: the provider's `locale` reaches every element that sets none. */
export const English: Story = { ...EmbeddedDesk, args: { locale: 'en' } };
