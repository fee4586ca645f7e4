// The agent page of the demo: the queue and the ticket workspace on the same embedded desk as the
// customer portal (desk-options.ts). Pick who you are; a ticket opened in the queue shows beside it.
import '../../components/index.js';
import type { AcProvider } from '../../components/provider/provider.js';
import { demoAgents, deskOptions } from './desk-options.js';

const provider = document.querySelector<AcProvider>('#provider')!;
provider.clientOptions = deskOptions;

const queue = document.querySelector('ac-agent-queue')!;
const detail = document.querySelector('ac-ticket-detail')!;
const detailSection = document.querySelector<HTMLElement>('#detail-section')!;
const agentSelect = document.querySelector<HTMLSelectElement>('#agent')!;
const localeSelect = document.querySelector<HTMLSelectElement>('#locale')!;

for (const agent of demoAgents) agentSelect.append(new Option(`${agent.name}（${agent.role}）`, agent.id));
const chosen = new URLSearchParams(location.search).get('agent') ?? demoAgents[0]!.id;
agentSelect.value = chosen;
const setAgent = (id: string) => {
  queue.setAttribute('agent-id', id);
  detail.setAttribute('agent-id', id);
};
setAgent(chosen);
agentSelect.addEventListener('change', () => setAgent(agentSelect.value));

/** `#ticket=<id>`: the open ticket, kept in the address so a reload keeps it. */
function showTicket() {
  const id = /^#ticket=(.+)$/.exec(location.hash)?.[1];
  detailSection.hidden = !id;
  if (id) detail.setAttribute('ticket-id', decodeURIComponent(id));
}
addEventListener('hashchange', showTicket);
showTicket();
queue.addEventListener('ac-ticket-select', (e) => {
  location.hash = `ticket=${encodeURIComponent(e.detail.ticketId)}`;
  detailSection.scrollIntoView({ block: 'nearest' });
});

localeSelect.addEventListener('change', () => {
  const locale = localeSelect.value;
  provider.locale = locale;
  document.documentElement.lang = locale;
  document.querySelector('#title')!.textContent = locale === 'en' ? 'Agent desk' : '工单工作台';
});
