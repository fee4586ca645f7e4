import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/satisfaction/satisfaction.js';
import { mockDesk, ticketAt } from './support/mock-desk.js';

interface Args {
  locale: 'zh-CN' | 'en';
}

const at = (stage: Parameters<typeof ticketAt>[1]) => async () => {
  const desk = mockDesk();
  return { desk, ...(await ticketAt(desk.backend, stage)) };
};

const meta: Meta<Args> = {
  title: 'Elements/ac-satisfaction',
  component: 'ac-satisfaction',
  args: { locale: 'zh-CN' },
  argTypes: { locale: { control: 'inline-radio', options: ['zh-CN', 'en'] } },
  loaders: [at('resolved')],
  render: ({ locale }, { loaded }) =>
    html`<ac-satisfaction locale=${locale} .client=${loaded.desk.customer} ticket-id=${loaded.ticketId} access-token=${loaded.accessToken}></ac-satisfaction>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Form: Story = {};
export const English: Story = { args: { locale: 'en' } };
export const AlreadyRated: Story = { loaders: [at('rated')] };
export const NotResolvedYet: Story = { loaders: [at('in_progress')] };
export const WithoutDimensions: Story = {
  render: ({ locale }, { loaded }) =>
    html`<ac-satisfaction locale=${locale} .dimensions=${[]} .client=${loaded.desk.customer} ticket-id=${loaded.ticketId} access-token=${loaded.accessToken}></ac-satisfaction>`,
};
export const Dark: Story = {
  render: ({ locale }, { loaded }) =>
    html`<div style="color-scheme: dark; background: #111827; color: #e5e7eb; padding: 16px">
      <ac-satisfaction locale=${locale} .client=${loaded.desk.customer} ticket-id=${loaded.ticketId} access-token=${loaded.accessToken}></ac-satisfaction>
    </div>`,
};
