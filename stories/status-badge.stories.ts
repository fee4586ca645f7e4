import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/status-badge/status-badge.js';
import { installationWorkflow, STANDARD_STATUSES } from '../src/index.js';

interface Args {
  status: string;
  audience: 'customer' | 'agent';
  locale: 'zh-CN' | 'en';
}

const meta: Meta<Args> = {
  title: 'Elements/ac-status-badge',
  component: 'ac-status-badge',
  args: { status: 'in_progress', audience: 'customer', locale: 'zh-CN' },
  argTypes: {
    status: { control: 'select', options: STANDARD_STATUSES.map((s) => s.id) },
    audience: { control: 'inline-radio', options: ['customer', 'agent'] },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en'] },
  },
  render: ({ status, audience, locale }) =>
    html`<ac-status-badge status=${status} audience=${audience} locale=${locale}></ac-status-badge>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Playground: Story = {};

const grid = (audience: 'customer' | 'agent') => html`
  <table style="border-collapse: collapse">
    <tbody>
      ${STANDARD_STATUSES.map(
        (s) => html`<tr>
          <th scope="row" style="text-align: start; padding: 4px 12px 4px 0; font-family: monospace">${s.id}</th>
          <td style="padding: 4px 12px"><ac-status-badge status=${s.id} audience=${audience} locale="zh-CN"></ac-status-badge></td>
          <td style="padding: 4px 12px"><ac-status-badge status=${s.id} audience=${audience} locale="en"></ac-status-badge></td>
        </tr>`,
      )}
    </tbody>
  </table>
`;

/** Every standard status as customers see it, in both locales. */
export const AllStatusesCustomer: Story = { render: () => grid('customer') };

/** Every standard status as agents see it, in both locales. */
export const AllStatusesAgent: Story = { render: () => grid('agent') };

/** A status only the installation workflow has. */
export const InstallationScheduled: Story = {
  render: ({ locale }) =>
    html`<ac-status-badge status="scheduled" locale=${locale} .workflow=${installationWorkflow}></ac-status-badge>`,
};

/** Theming through custom properties. */
export const Themed: Story = {
  render: () => html`<div style="--ac-status-open: #7c3aed; --ac-status-badge-radius: 4px">
    <ac-status-badge status="in_progress" locale="en"></ac-status-badge>
  </div>`,
};

/** Dark surroundings. */
export const Dark: Story = {
  render: () => html`<div style="background: #111827; color: #f9fafb; padding: 16px; color-scheme: dark">
    ${STANDARD_STATUSES.map((s) => html`<ac-status-badge status=${s.id} locale="en" style="margin: 4px; --ac-status-open: #93c5fd; --ac-status-pending: #fcd34d; --ac-status-solved: #86efac; --ac-status-closed: #d1d5db"></ac-status-badge>`)}
  </div>`,
};
