// The customer portal of the demo: every customer element on the embedded default (IndexedDB
// in this browser, no server), with sample knowledge articles (from the project's test data),
// Shanghai office hours with the 2026 public holidays and make-up workdays, and routing rules.
import '../../components/index.js';
import type { AcProvider } from '../../components/provider/provider.js';
import { chinaWorkdays, createCalendar, createRouter, type Agent, type ClientOptions, type KnowledgeArticle } from '../../src/index.js';
import articles from './sample-articles.json';

const office: Array<[string, string]> = [['09:00', '12:00'], ['13:00', '18:00']];
const shanghai = createCalendar({ timeZone: 'Asia/Shanghai', hours: { mon: office, tue: office, wed: office, thu: office, fri: office }, ...chinaWorkdays(2026) });

const agents: Agent[] = [
  { id: 'agent-wang', name: '王建国', publicName: '王工', role: 'agent', groupIds: ['repair'], skills: ['air-conditioner', 'washer'], capacity: 8, status: 'online', calendarId: 'shanghai' },
  { id: 'agent-li', name: '李娜', publicName: '李工', role: 'agent', groupIds: ['repair', 'installation'], skills: ['water-heater', 'installation'], capacity: 8, status: 'online', calendarId: 'shanghai' },
  { id: 'agent-zhao', name: '赵敏', publicName: '赵经理', role: 'lead', groupIds: ['complaints', 'finance'], skills: ['complaint', 'invoice'], capacity: 10, status: 'online', calendarId: 'shanghai' },
];

const options: ClientOptions = {
  knowledge: articles as KnowledgeArticle[],
  calendars: { shanghai },
  agents,
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

const provider = document.querySelector<AcProvider>('#provider')!;
provider.clientOptions = options;

const form = document.querySelector('ac-ticket-form')!;
const tracker = document.querySelector('ac-ticket-tracker')!;
const trackSection = document.querySelector<HTMLElement>('#track-section')!;
const localeSelect = document.querySelector<HTMLSelectElement>('#locale')!;

/** `#track?id=…&token=…`: the tracking link the form shows, kept in the address so a reload keeps it. */
function showTracking() {
  const match = /^#track\?(.*)$/.exec(location.hash);
  if (!match) {
    trackSection.hidden = true;
    return;
  }
  const params = new URLSearchParams(match[1]);
  tracker.setAttribute('ticket-id', params.get('id') ?? '');
  tracker.setAttribute('access-token', params.get('token') ?? '');
  trackSection.hidden = false;
}
addEventListener('hashchange', showTracking);
showTracking();

form.addEventListener('ac-ticket-created', () => trackSection.scrollIntoView({ behavior: 'smooth' }));

localeSelect.addEventListener('change', () => {
  const locale = localeSelect.value;
  provider.locale = locale;
  document.documentElement.lang = locale;
  document.querySelector('#title')!.textContent = locale === 'en' ? 'After-sales service' : '售后服务';
});
