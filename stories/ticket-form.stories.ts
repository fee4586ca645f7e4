import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/ticket-form/ticket-form.js';
import type { AcTicketForm, TicketFormField } from '../components/ticket-form/ticket-form.js';
import { mockDesk } from './support/mock-desk.js';

interface Args {
  locale: 'zh-CN' | 'en';
  ticketType?: string;
}

const fields: TicketFormField[] = [
  { key: 'order_no', label: { 'zh-CN': '订单号', en: 'Order number' }, type: 'text', required: true, pattern: 'JD\\d{8}', hint: { 'zh-CN': '例如 JD20261122', en: 'e.g. JD20261122' } },
  { key: 'units', label: { 'zh-CN': '台数', en: 'Units' }, type: 'number', min: 1, max: 10 },
  { key: 'bought_at', label: { 'zh-CN': '购买渠道', en: 'Bought at' }, type: 'select', options: [{ value: 'jd', label: '京东' }, { value: 'tmall', label: '天猫' }, { value: 'store', label: { 'zh-CN': '线下门店', en: 'Store' } }] },
  { key: 'visit_ok', label: { 'zh-CN': '同意上门服务', en: 'I agree to an on-site visit' }, type: 'checkbox', required: true },
];

const meta: Meta<Args> = {
  title: 'Elements/ac-ticket-form',
  component: 'ac-ticket-form',
  args: { locale: 'zh-CN' },
  argTypes: { locale: { control: 'inline-radio', options: ['zh-CN', 'en'] } },
  loaders: [async () => ({ desk: mockDesk() })],
  render: ({ locale, ticketType }, { loaded }) =>
    html`<ac-ticket-form locale=${locale} ticket-type=${ticketType ?? ''} ignore-url draft-key=${`story-${Math.random()}`} .client=${loaded.desk.customer}></ac-ticket-form>`,
};
export default meta;

type Story = StoryObj<Args>;

const form = (canvas: HTMLElement) => canvas.querySelector<AcTicketForm>('ac-ticket-form')!;
async function fill(el: AcTicketForm) {
  await el.updateComplete;
  const root = el.shadowRoot!;
  const set = (id: string, value: string) => {
    const input = root.getElementById(id) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  set('f-subject', '空调不制冷');
  set('f-description', '开机半小时仍然吹热风，显示 E1。');
  set('f-name', '张伟');
  set('f-phone', '13800138000');
  set('f-model', 'KFR-35GW');
}
const submit = (el: AcTicketForm) => el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();

export const Empty: Story = {};
export const English: Story = { args: { locale: 'en' } };
export const Installation: Story = { args: { ticketType: 'installation' } };
export const WithCustomFields: Story = {
  render: ({ locale }, { loaded }) => html`<ac-ticket-form locale=${locale} ignore-url draft-key="story-custom" .fields=${fields} .client=${loaded.desk.customer}></ac-ticket-form>`,
};
export const Filled: Story = { play: async ({ canvasElement }) => fill(form(canvasElement)) };
export const Errors: Story = { play: async ({ canvasElement }) => submit(form(canvasElement)) };
export const Sending: Story = {
  play: async ({ canvasElement, loaded }) => {
    loaded.desk.backend.faults.delay(600_000, { path: '/tickets', method: 'POST' });
    await fill(form(canvasElement));
    submit(form(canvasElement));
  },
};
export const Success: Story = {
  play: async ({ canvasElement }) => {
    await fill(form(canvasElement));
    submit(form(canvasElement));
  },
};
export const QueuedOffline: Story = {
  play: async ({ canvasElement, loaded }) => {
    loaded.desk.backend.faults.offline();
    await fill(form(canvasElement));
    submit(form(canvasElement));
  },
};
export const KnowledgeSuggestions: Story = {
  play: async ({ canvasElement }) => {
    const el = form(canvasElement);
    await el.updateComplete;
    const description = el.shadowRoot!.getElementById('f-description') as HTMLTextAreaElement;
    description.value = '空调开机后不制冷，一直吹热风';
    description.dispatchEvent(new Event('input'));
  },
};
export const Dark: Story = {
  render: ({ locale }, { loaded }) =>
    html`<div style="color-scheme: dark; background: #111827; color: #e5e7eb; padding: 16px">
      <ac-ticket-form locale=${locale} ignore-url draft-key="story-dark" .client=${loaded.desk.customer}></ac-ticket-form>
    </div>`,
};
export const NarrowPhone: Story = {
  render: ({ locale }, { loaded }) => html`<div style="inline-size: 320px; border: 1px dashed #999"><ac-ticket-form locale=${locale} ignore-url draft-key="story-narrow" .client=${loaded.desk.customer}></ac-ticket-form></div>`,
};

/** A small photo (drawn on a canvas) and a short video, as a phone hands them over. */
async function attach(el: AcTicketForm, files?: File[]) {
  await el.updateComplete;
  let chosen = files;
  if (!chosen) {
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 120;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#60a5fa';
    g.fillRect(0, 0, 160, 120);
    g.fillStyle = '#1e3a8a';
    g.fillRect(30, 70, 100, 30);
    const photo = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
    chosen = [new File([photo], '漏水位置.png', { type: 'image/png' }), new File([new Uint8Array(2_400_000)], '异响视频.mp4', { type: 'video/mp4' })];
  }
  const dt = new DataTransfer();
  for (const f of chosen) dt.items.add(f);
  const input = el.shadowRoot!.getElementById('f-files') as HTMLInputElement;
  input.files = dt.files;
  input.dispatchEvent(new Event('change'));
}

/** A photo and a video chosen: previews, names, remove buttons. */
export const WithAttachments: Story = {
  play: async ({ canvasElement }) => {
    await fill(form(canvasElement));
    await attach(form(canvasElement));
  },
};
/** Submitted: each file's progress bar while it uploads (the server is held back). */
export const UploadingAttachments: Story = {
  play: async ({ canvasElement, loaded }) => {
    loaded.desk.backend.faults.delay(600_000, { path: '/attachments', method: 'POST', times: 10 });
    await fill(form(canvasElement));
    await attach(form(canvasElement));
    submit(form(canvasElement));
  },
};
/** Files the desk does not take: a type that can carry script, and an empty file. */
export const AttachmentRefused: Story = {
  play: async ({ canvasElement }) => {
    await attach(form(canvasElement), [new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'logo.svg', { type: 'image/svg+xml' }), new File([], '空文件.jpg', { type: 'image/jpeg' })]);
  },
};
