// Workflow playground: create a ticket with the core, act on it as a customer, an agent,
// a lead or the system, and compare what the customer and the agent see. Demo code only.
import { css, html, LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import '../../components/status-badge/status-badge.js';
import {
  createTicket,
  createTicketNumberer,
  ticketTimeline,
  ValidationError,
  WorkflowError,
  workflowForType,
  type Actor,
  type Locale,
  type Ticket,
  type TicketEvent,
} from '../../src/index.js';

const T = {
  'zh-CN': {
    title: 'Aftercare 工单流程演示', newTicket: '新建工单', subject: '标题', description: '问题描述', name: '客户姓名', phone: '手机号',
    type: '类型', create: '创建', actAs: '操作人', actions: '可执行操作', note: '备注 / 解决说明', assignee: '处理人',
    schedule: '预约时间', reply: '回复', sendReply: '发送回复', addNote: '添加内部备注', rate: '评价', days: '时间快进 1 天',
    customerView: '客户看到的', agentView: '客服看到的', none: '当前身份没有可执行操作', now: '当前时间',
  },
  en: {
    title: 'Aftercare workflow playground', newTicket: 'New ticket', subject: 'Subject', description: 'Description', name: 'Customer name',
    phone: 'Phone', type: 'Type', create: 'Create', actAs: 'Act as', actions: 'Actions', note: 'Note / resolution', assignee: 'Assignee',
    schedule: 'Appointment', reply: 'Reply', sendReply: 'Send reply', addNote: 'Add internal note', rate: 'Rate', days: 'Skip 1 day ahead',
    customerView: 'Customer sees', agentView: 'Agent sees', none: 'Nothing this actor may do now', now: 'Now',
  },
} as const;

const ACTORS: Record<string, Actor> = {
  customer: { kind: 'customer', name: '张伟' },
  agent: { kind: 'agent', id: 'agent-wang', name: '王工', role: 'agent' },
  lead: { kind: 'agent', id: 'lead-li', name: '李主管', role: 'lead' },
  system: { kind: 'system' },
};

class AftercareDemo extends LitElement {
  static override styles = css`
    :host { display: grid; gap: 16px; }
    section { border: 1px solid color-mix(in srgb, currentColor 20%, transparent); border-radius: 8px; padding: 12px 16px; }
    label { display: grid; gap: 4px; margin-block: 8px; }
    input, textarea, select, button { font: inherit; padding: 6px 8px; }
    button:focus-visible, input:focus-visible, textarea:focus-visible, select:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
    .row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
    .cols { display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); }
    .error { color: #b91c1c; }
    ol { padding-inline-start: 20px; }
    li { margin-block: 6px; }
    .internal { border-inline-start: 3px solid #f59e0b; padding-inline-start: 6px; }
  `;

  @state() private locale: Locale = 'zh-CN';
  @state() private ticket?: Ticket;
  @state() private actor = 'agent';
  @state() private now = Date.now();
  @state() private error = '';
  private readonly numberer = createTicketNumberer({ timeZone: 'Asia/Shanghai' });

  private get t() {
    return T[this.locale];
  }

  private run(fn: () => { ticket: Ticket }) {
    try {
      this.ticket = fn().ticket;
      this.error = '';
    } catch (e) {
      this.error = e instanceof ValidationError ? e.issues.map((i) => `${i.path}: ${i.message}`).join('\n') : e instanceof WorkflowError ? `${e.code} (${e.reason}): ${e.message}` : String(e);
    }
  }

  private create(e: SubmitEvent) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const text = (k: string) => String(f.get(k) ?? '');
    this.run(() => ({
      ticket: createTicket(
        { type: text('type'), subject: text('subject'), description: text('description'), customer: { name: text('name'), contact: { phone: text('phone') } } },
        { now: this.now, number: this.numberer.next(new Date(this.now)) },
      ),
    }));
  }

  private act(action: string, form: HTMLFormElement) {
    const f = new FormData(form);
    const note = String(f.get('note') ?? '');
    const scheduledAt = String(f.get('scheduledAt') ?? '');
    const actor = ACTORS[this.actor]!;
    this.run(() =>
      workflowForType(this.ticket!.type).transition(this.ticket!, action, {
        actor,
        now: this.now,
        ...(note ? { note } : {}),
        assigneeId: String(f.get('assignee') ?? 'agent-wang'),
        assigneeName: '王工',
        ...(scheduledAt ? { scheduledAt: new Date(scheduledAt).toISOString() } : {}),
      }),
    );
  }

  private event(e: TicketEvent) {
    const who = e.actor.name ?? e.actor.kind;
    const d = e.data as Record<string, unknown>;
    const what =
      e.type === 'status_changed' ? `${d.from} → ${d.to}${d.note ? `: ${d.note}` : ''}` :
      e.type === 'reply' || e.type === 'note' ? String(d.body) :
      e.type === 'rated' ? `★ ${d.score}` : JSON.stringify(d);
    return html`<li class=${e.visibility}><strong>${e.type}</strong> · ${who} · <time>${new Date(e.at).toLocaleString(this.locale)}</time><br />${what}</li>`;
  }

  override render() {
    const t = this.t;
    const wf = this.ticket ? workflowForType(this.ticket.type) : undefined;
    const available = this.ticket && wf ? wf.actions(this.ticket, ACTORS[this.actor]!, { now: this.now }) : [];
    return html`
      <header class="row">
        <h1 style="flex: 1">${t.title}</h1>
        <label>Locale
          <select @change=${(e: Event) => (this.locale = (e.target as HTMLSelectElement).value as Locale)}>
            <option value="zh-CN">中文</option><option value="en">English</option>
          </select>
        </label>
      </header>
      <section aria-labelledby="new">
        <h2 id="new">${t.newTicket}</h2>
        <form @submit=${this.create}>
          <label>${t.type}<select name="type"><option value="repair">repair</option><option value="installation">installation</option><option value="complaint">complaint</option></select></label>
          <label>${t.subject}<input name="subject" value="空调不制冷" /></label>
          <label>${t.description}<textarea name="description">KFR-35GW 开机半小时仍然吹热风，显示 E1。</textarea></label>
          <label>${t.name}<input name="name" value="张伟" /></label>
          <label>${t.phone}<input name="phone" value="13800138000" /></label>
          <button type="submit">${t.create}</button>
        </form>
      </section>
      ${this.error ? html`<p role="alert" class="error" style="white-space: pre-wrap">${this.error}</p>` : ''}
      ${this.ticket && wf ? this.renderTicket(this.ticket, available) : ''}
    `;
  }

  private renderTicket(ticket: Ticket, available: ReturnType<ReturnType<typeof workflowForType>['actions']>) {
    const t = this.t;
    const wf = workflowForType(ticket.type);
    return html`
      <section aria-labelledby="ticket">
        <h2 id="ticket">${ticket.number} · ${ticket.subject}</h2>
        <p class="row">
          <ac-status-badge status=${ticket.status} audience="agent" locale=${this.locale} .workflow=${wf}></ac-status-badge>
          <ac-status-badge status=${ticket.status} audience="customer" locale=${this.locale} .workflow=${wf}></ac-status-badge>
          <span>${t.now}: <time>${new Date(this.now).toLocaleString(this.locale)}</time></span>
          <button @click=${() => (this.now += 86_400_000)}>${t.days}</button>
        </p>
        <form @submit=${(e: Event) => e.preventDefault()}>
          <label>${t.actAs}
            <select @change=${(e: Event) => (this.actor = (e.target as HTMLSelectElement).value)}>
              ${Object.keys(ACTORS).map((k) => html`<option value=${k} ?selected=${k === this.actor}>${k}</option>`)}
            </select>
          </label>
          <label>${t.note}<textarea name="note"></textarea></label>
          <label>${t.assignee}<select name="assignee"><option value="agent-wang">王工 (agent-wang)</option><option value="lead-li">李主管 (lead-li)</option></select></label>
          ${wf.status('scheduled') ? html`<label>${t.schedule}<input type="datetime-local" name="scheduledAt" /></label>` : ''}
          <h3>${t.actions}</h3>
          <div class="row">
            ${available.length === 0 ? html`<p>${t.none}</p>` : available.map((a) => html`<button type="button" @click=${(e: Event) => this.act(a.id, (e.target as HTMLElement).closest('form')!)}>${a.labels[this.locale]}${a.requires.length ? ` (${a.requires.join(', ')})` : ''}</button>`)}
          </div>
          <div class="row">
            <button type="button" @click=${(e: Event) => this.message('reply', (e.target as HTMLElement).closest('form')!)}>${t.sendReply}</button>
            <button type="button" @click=${(e: Event) => this.message('note', (e.target as HTMLElement).closest('form')!)}>${t.addNote}</button>
            ${[1, 2, 3, 4, 5].map((score) => html`<button type="button" aria-label="${t.rate} ${score}" @click=${() => this.run(() => wf.rate(ticket, { score }, { actor: ACTORS[this.actor]!, now: this.now }))}>★${score}</button>`)}
          </div>
        </form>
      </section>
      <div class="cols">
        <section aria-labelledby="cv"><h2 id="cv">${t.customerView}</h2><ol>${ticketTimeline(ticket, 'customer').map((e) => this.event(e))}</ol></section>
        <section aria-labelledby="av"><h2 id="av">${t.agentView}</h2><ol>${ticketTimeline(ticket, 'agent').map((e) => this.event(e))}</ol></section>
      </div>
    `;
  }

  private message(kind: 'reply' | 'note', form: HTMLFormElement) {
    const body = String(new FormData(form).get('note') ?? '');
    const wf = workflowForType(this.ticket!.type);
    this.run(() => wf[kind](this.ticket!, { body }, { actor: ACTORS[this.actor]!, now: this.now }));
  }
}

customElements.define('aftercare-demo', AftercareDemo);
