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
/** The customer sent a photo with the request and the engineer replied with a PDF: links under their entries. */
export const WithAttachments: Story = {
  loaders: [
    async () => {
      const desk = mockDesk();
      const photo = await desk.backend.service.uploadAttachment(new File([new Uint8Array(48_000)], '漏水位置.jpg', { type: 'image/jpeg' }));
      const { ticketId, accessToken } = await ticketAt(desk.backend, 'in_progress', { attachments: [{ id: photo.id, name: photo.name, type: photo.type, size: photo.size }] });
      const manual = await desk.backend.service.uploadAttachment(new File([new Uint8Array(210_000)], '排水管安装说明.pdf', { type: 'application/pdf' }));
      await desk.backend.service.reply(ticketId, { body: '这是排水管的安装说明，请先按第 3 步检查。', attachments: [manual] }, { actor: { kind: 'agent', id: 'agent-1', name: '王工', role: 'agent' } });
      return { desk, ticketId, accessToken };
    },
  ],
};
