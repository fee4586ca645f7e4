// The customer portal of the demo: every customer element on the embedded default (IndexedDB
// in this browser, no server). The desk's set-up (articles, calendar, agents, SLA, routing) is
// shared with the agent page in desk-options.ts, so both pages work on one local desk.
import '../../components/index.js';
import type { AcProvider } from '../../components/provider/provider.js';
import { deskOptions as options } from './desk-options.js';

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
