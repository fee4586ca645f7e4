import { css } from 'lit';
import { srStyles } from '../base/shared.styles.js';

// Light on purpose (many badges in a list): its own rules and the screen-reader class only.
export const slaBadgeStyles = [
  srStyles,
  css`
  :host {
    display: inline-block;
    font-size: var(--ac-sla-badge-font-size, 0.875em);
  }
  [part='badge'] {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
    padding: 0.1em 0.5em;
    border-radius: var(--ac-sla-badge-radius, 999px);
    border: 1px solid currentColor;
    white-space: nowrap;
    color: var(--ac-sla-running, #1d4ed8);
  }
  :host([state='warning']) [part='badge'] {
    color: var(--ac-sla-warning, #92400e);
    background: var(--ac-sla-warning-bg, #fef3c7);
  }
  :host([state='breached']) [part='badge'] {
    color: var(--ac-sla-breached, #ffffff);
    background: var(--ac-sla-breached-bg, #b91c1c);
    border-color: transparent;
    font-weight: 600;
  }
  :host([state='paused']) [part='badge'],
  :host([state='met']) [part='badge'],
  :host([state='none']) [part='badge'] {
    color: var(--ac-sla-muted, #4b5563);
  }
  @media (prefers-color-scheme: dark) {
    [part='badge'] {
      color: var(--ac-sla-running, #93c5fd);
    }
    :host([state='warning']) [part='badge'] {
      color: var(--ac-sla-warning, #fde68a);
      background: var(--ac-sla-warning-bg, #451a03);
    }
    :host([state='paused']) [part='badge'],
    :host([state='met']) [part='badge'],
    :host([state='none']) [part='badge'] {
      color: var(--ac-sla-muted, #d1d5db);
    }
  }
  [part='icon'] {
    font-style: normal;
  }
`,
];
