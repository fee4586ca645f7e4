import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { ClientStore, SlaMetric, TicketSla } from '../../src/index.js';
import { AftercareAgentElement } from '../base/aftercare-element.js';
import { onClockTick } from '../base/clock.js';
import { formatDateTime, formatDuration } from '../base/format.js';
import { t } from './sla-badge.strings.js';
import { slaBadgeStyles } from './sla-badge.styles.js';

const ICON: Record<string, string> = { running: '⏱', warning: '⚠', breached: '⛔', paused: '⏸', met: '✓', none: '–' };

/**
 * @summary A ticket's SLA at a glance: business time left, or overdue, ticking live.
 *
 * @tag ac-sla-badge
 *
 * Reads the ticket's SLA from the client (the soonest running clock, or `metric`'s) and counts
 * down in business time on the policy's calendar. States differ by icon and wording as well
 * as colour. Every badge on the page ticks on one shared clock, and only while it is rendered.
 *
 * @csspart badge - The badge.
 * @csspart icon - The state icon.
 * @csspart text - Time left or overdue, or the state.
 *
 * @cssproperty --ac-sla-running - Colour while running.
 * @cssproperty --ac-sla-warning - Text colour when due soon.
 * @cssproperty --ac-sla-warning-bg - Background when due soon.
 * @cssproperty --ac-sla-breached - Text colour when breached.
 * @cssproperty --ac-sla-breached-bg - Background when breached.
 * @cssproperty --ac-sla-muted - Colour when paused, met or without SLA.
 */
export class AcSlaBadge extends AftercareAgentElement {
  static override styles = slaBadgeStyles;

  /** The ticket whose SLA to show. */
  @property({ attribute: 'ticket-id' }) ticketId = '';

  /** One clock (`first_response`, `resolution`, …) instead of the soonest running one. */
  @property() metric?: SlaMetric;

  /** The state shown (`running`, `warning`, `breached`, `paused`, `met`, `none`), reflected for styling. */
  @property({ reflect: true }) state = 'none';

  private unsubscribe?: () => void;
  private stopClock?: () => void;
  private subscribedTo?: ClientStore;
  private shown?: TicketSla;

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopClock = onClockTick(() => {
      // A warning or breach moment passed (a late timer, a sleeping device): catch the store up.
      const store = this.activeClient?.store;
      const next = store?.getState().sla.byId[this.ticketId]?.nextChangeAt;
      if (store && next !== undefined && next <= store.now()) store.evaluateDue();
      this.requestUpdate();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopClock?.();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.subscribedTo = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    const store = this.activeClient?.store;
    if (store !== this.subscribedTo) {
      this.unsubscribe?.();
      this.subscribedTo = store;
      // Re-render only when this ticket's SLA changes, not on every write to the store.
      this.unsubscribe = store?.subscribe(() => {
        if (store.getState().sla.byId[this.ticketId] !== this.shown) this.requestUpdate();
      });
    }
    if (changed.size > 0) this.state = this.stateNow();
  }

  private stateNow(): string {
    const sla = this.activeClient?.store.getState().sla.byId[this.ticketId];
    const state = this.metric ? sla?.metrics?.[this.metric]?.state : sla?.state;
    return state ?? 'none';
  }

  override render() {
    const store = this.activeClient?.store;
    const locale = this.resolvedLocale;
    const sla = store?.getState().sla.byId[this.ticketId];
    this.shown = sla;
    const state = this.stateNow();
    if (state !== this.state) this.state = state;
    const due = this.metric ? sla?.metrics?.[this.metric]?.dueAt : sla?.dueAt;
    let text: string;
    if ((state === 'running' || state === 'warning' || state === 'breached') && store && due !== undefined) {
      const left = store.businessMinutesLeft(this.ticketId, store.now(), this.metric) ?? 0;
      const time = formatDuration(Math.abs(left) * 60_000, locale);
      text = left < 0 || state === 'breached' ? t(locale, 'over', { time }) : t(locale, 'left', { time });
    } else {
      text = t(locale, state === 'paused' || state === 'met' ? state : 'none');
    }
    const stateWord = state === 'warning' || state === 'breached' ? `${t(locale, state)}: ` : '';
    const title = due !== undefined ? t(locale, 'due', { at: formatDateTime(due, locale) }) : '';
    return html`<span part="badge" title=${title}
      ><span part="icon" aria-hidden="true">${ICON[state] ?? ICON.none}</span
      ><span part="text"><span class="sr">${t(locale, 'sla')} ${stateWord}</span>${text}</span></span
    >`;
  }
}
