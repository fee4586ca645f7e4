import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/ticket-tracker/ticket-tracker.js';
import { mockDesk, ticketAt } from './support/mock-desk.js';

interface Args {
  locale: 'zh-CN' | 'en';
}

const at = (stage: Parameters<typeof ticketAt>[1]) => async () => {
  const desk = mockDesk();
  return { desk, ...(await ticketAt(desk.backend, stage)) };
};

const meta: Meta<Args> = {
  title: 'Elements/ac-ticket-tracker',
  component: 'ac-ticket-tracker',
  args: { locale: 'zh-CN' },
  argTypes: { locale: { control: 'inline-radio', options: ['zh-CN', 'en'] } },
  render: ({ locale }, { loaded }) =>
    html`<ac-ticket-tracker locale=${locale} .client=${loaded.desk.customer} ticket-id=${loaded.ticketId} access-token=${loaded.accessToken} refresh-seconds="5"></ac-ticket-tracker>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Submitted, nobody assigned yet. */
export const Submitted: Story = { loaders: [at('new')] };
/** Assigned and in progress; the data holds an internal note, which never shows. */
export const InProgress: Story = { loaders: [at('in_progress')] };
export const InProgressEnglish: Story = { loaders: [at('in_progress')], args: { locale: 'en' } };
/** Resolved: reopen and the survey are offered. */
export const Resolved: Story = { loaders: [at('resolved')] };
/** Rated and closed. */
export const Rated: Story = { loaders: [at('rated')] };
export const NotFound: Story = {
  loaders: [async () => ({ desk: mockDesk(), ticketId: 'no-such-ticket', accessToken: 'wrong' })],
};
export const Dark: Story = {
  loaders: [at('in_progress')],
  render: ({ locale }, { loaded }) =>
    html`<div style="color-scheme: dark; background: #111827; color: #e5e7eb; padding: 16px">
      <ac-ticket-tracker locale=${locale} .client=${loaded.desk.customer} ticket-id=${loaded.ticketId} access-token=${loaded.accessToken}></ac-ticket-tracker>
    </div>`,
};
