// The demo desk's set-up, shared by the customer portal and the agent page (both run on the same
// local IndexedDB database): sample knowledge articles (from the project's test data), Shanghai
// office hours with the 2026 public holidays and make-up workdays (调休), agents, SLA policies and
// routing rules.
import { chinaWorkdays, createCalendar, createRouter, type Agent, type ClientOptions, type KnowledgeArticle } from '../../src/index.js';
import articles from './sample-articles.json';

const office: Array<[string, string]> = [['09:00', '12:00'], ['13:00', '18:00']];
const shanghai = createCalendar({ timeZone: 'Asia/Shanghai', hours: { mon: office, tue: office, wed: office, thu: office, fri: office }, ...chinaWorkdays(2026) });

export const demoAgents: Agent[] = [
  { id: 'agent-wang', name: '王建国', publicName: '王工', role: 'agent', groupIds: ['repair'], skills: ['air-conditioner', 'washer'], capacity: 8, status: 'online', calendarId: 'shanghai' },
  { id: 'agent-li', name: '李娜', publicName: '李工', role: 'agent', groupIds: ['repair', 'installation'], skills: ['water-heater', 'installation'], capacity: 8, status: 'online', calendarId: 'shanghai' },
  { id: 'agent-zhao', name: '赵敏', publicName: '赵经理', role: 'lead', groupIds: ['complaints', 'finance'], skills: ['complaint', 'invoice'], capacity: 10, status: 'online', calendarId: 'shanghai' },
];

export const deskOptions: ClientOptions = {
  knowledge: articles as KnowledgeArticle[],
  calendars: { shanghai },
  agents: demoAgents,
  policies: [
    { id: 'vip', conditions: { tier: ['vip'] }, calendarId: 'shanghai', targets: { first_response: 30, resolution: 8 * 60 } },
    { id: 'urgent', conditions: { priority: ['urgent'] }, calendarId: 'shanghai', targets: { first_response: 60, resolution: 16 * 60 } },
    { id: 'standard', calendarId: 'shanghai', targets: { first_response: 120, resolution: 3 * 8 * 60 } },
  ],
  router: createRouter({
    rules: [
      { id: 'invoice', name: '发票 → 财务', when: { field: 'text', op: 'contains_any', value: ['发票', 'invoice'] }, actions: { group: 'finance', strategy: 'least_loaded' } },
      { id: 'complaint', when: { field: 'type', op: 'eq', value: 'complaint' }, actions: { group: 'complaints', strategy: 'least_loaded', priority: 'high' } },
      { id: 'install', when: { field: 'type', op: 'eq', value: 'installation' }, actions: { group: 'installation', strategy: 'round_robin' } },
      { id: 'default', actions: { group: 'repair', strategy: ['skills', 'least_loaded'] } },
    ],
  }),
};
