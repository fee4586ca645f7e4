import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/kb-search/kb-search.js';
import type { AcKbSearch } from '../components/kb-search/kb-search.js';
import { mockDesk } from './support/mock-desk.js';

interface Args {
  locale: 'zh-CN' | 'en';
  query: string;
}

const meta: Meta<Args> = {
  title: 'Elements/ac-kb-search',
  component: 'ac-kb-search',
  args: { locale: 'zh-CN', query: '' },
  argTypes: { locale: { control: 'inline-radio', options: ['zh-CN', 'en'] } },
  loaders: [async () => ({ desk: mockDesk() })],
  render: ({ locale }, { loaded }) => html`<ac-kb-search locale=${locale} .client=${loaded.desk.customer}></ac-kb-search>`,
  play: async ({ canvasElement, args }) => {
    if (args.query) await canvasElement.querySelector<AcKbSearch>('ac-kb-search')!.search(args.query);
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Empty: Story = {};
export const Results: Story = { args: { query: '空调不制冷' } };
export const EnglishResults: Story = { args: { locale: 'en', query: 'invoice' } };
export const NoResults: Story = { args: { query: 'zzzz qqqq' } };
export const Dark: Story = {
  args: { query: '发票' },
  render: ({ locale }, { loaded }) =>
    html`<div style="color-scheme: dark; background: #111827; color: #e5e7eb; padding: 16px"><ac-kb-search locale=${locale} .client=${loaded.desk.customer}></ac-kb-search></div>`,
};
