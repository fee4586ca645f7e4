import type { Audience, Locale } from '../model/constants.js';
import type { StatusDefinition } from './types.js';

// The statuses of the built-in workflows as plain data, apart from the workflows themselves:
// customer pages show status words without loading the workflow engine (createWorkflow and
// its checks), which stays with local mode and the agent side.

/** Statuses of the standard workflow, with agent and customer wording. */
export const STANDARD_STATUSES: StatusDefinition[] = [
  {
    id: 'new',
    category: 'open',
    labels: { agent: { 'zh-CN': '新建', en: 'New' }, customer: { 'zh-CN': '已提交', en: 'Submitted' } },
  },
  {
    id: 'assigned',
    category: 'open',
    labels: { agent: { 'zh-CN': '已分派', en: 'Assigned' }, customer: { 'zh-CN': '已分派工程师', en: 'Engineer assigned' } },
  },
  {
    id: 'in_progress',
    category: 'open',
    labels: { agent: { 'zh-CN': '处理中', en: 'In progress' }, customer: { 'zh-CN': '处理中', en: 'Being handled' } },
  },
  {
    id: 'pending_customer',
    category: 'pending',
    labels: {
      agent: { 'zh-CN': '待客户回复', en: 'Waiting for customer' },
      customer: { 'zh-CN': '等待您的回复', en: 'Waiting for your reply' },
    },
  },
  {
    id: 'pending_parts',
    category: 'pending',
    labels: { agent: { 'zh-CN': '待配件', en: 'Waiting for parts' }, customer: { 'zh-CN': '等待配件到货', en: 'Waiting for parts' } },
  },
  {
    id: 'resolved',
    category: 'solved',
    labels: { agent: { 'zh-CN': '已解决', en: 'Resolved' }, customer: { 'zh-CN': '已解决', en: 'Resolved' } },
  },
  {
    id: 'closed',
    category: 'closed',
    labels: { agent: { 'zh-CN': '已关闭', en: 'Closed' }, customer: { 'zh-CN': '已完成', en: 'Closed' } },
  },
];

/** The installation workflow's extra status, between assignment and on-site work. */
export const SCHEDULED_STATUS: StatusDefinition = {
  id: 'scheduled',
  category: 'open',
  labels: { agent: { 'zh-CN': '已预约', en: 'Scheduled' }, customer: { 'zh-CN': '已预约上门', en: 'Visit scheduled' } },
};

/** The id of the built-in workflow a ticket type gets: `installation` for installations, else `standard`. */
export function builtInWorkflowId(type: string): 'standard' | 'installation' {
  return type === 'installation' ? 'installation' : 'standard';
}

/** What showing a status takes: its definition and its words. A `Workflow` is one. */
export interface StatusVocabulary {
  /** The definition of `status`, or `undefined` when unknown. */
  status(status: string): StatusDefinition | undefined;
  /** Label of `status` for an audience; the status id itself when unknown. */
  label(status: string, audience: Audience, locale: Locale): string;
}

const byId = new Map([...STANDARD_STATUSES, SCHEDULED_STATUS].map((s) => [s.id, s]));

/** Every status of the built-in workflows (standard and installation). */
export const builtInStatuses: StatusVocabulary = {
  status: (status) => byId.get(status),
  label: (status, audience, locale) => byId.get(status)?.labels[audience][locale] ?? status,
};
