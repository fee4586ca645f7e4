import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { builtInStatuses, type Audience, type StatusVocabulary } from '../../src/index.js';
import { AftercareElement } from '../base/aftercare-element.js';
import { statusBadgeStyles } from './status-badge.styles.js';

/**
 * @summary A ticket status in words an agent or a customer understands, in their language.
 *
 * @tag ac-status-badge
 *
 * The label comes from the workflow definition, so custom workflows get their own
 * wording; the category (open, pending, solved, closed) shows as colour *and* icon shape.
 *
 * @csspart base - The badge.
 * @csspart icon - The category icon before the label.
 * @csspart label - The status label.
 *
 * @cssproperty --ac-status-open - Colour of open statuses.
 * @cssproperty --ac-status-pending - Colour of pending statuses.
 * @cssproperty --ac-status-solved - Colour of solved statuses.
 * @cssproperty --ac-status-closed - Colour of closed statuses.
 * @cssproperty --ac-status-badge-radius - Corner radius.
 */
export class AcStatusBadge extends AftercareElement {
  static override styles = statusBadgeStyles;

  /** Status id, e.g. `pending_customer`. */
  @property({ reflect: true }) status = 'new';

  /** Whose wording: `customer` (default, friendlier) or `agent`. */
  @property({ reflect: true }) audience: Audience = 'customer';

  /** Workflow (or other vocabulary) that defines the status; default the built-in workflows' statuses. */
  @property({ attribute: false }) workflow: StatusVocabulary = builtInStatuses;

  override render() {
    const known = this.workflow.status(this.status);
    const label = this.workflow.label(this.status, this.audience === 'agent' ? 'agent' : 'customer', this.resolvedLocale);
    return html`<span part="base" data-category=${known?.category ?? 'open'}
      ><span part="icon" aria-hidden="true"></span><span part="label">${label}</span></span
    >`;
  }
}
