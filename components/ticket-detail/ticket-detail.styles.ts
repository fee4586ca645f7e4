import { css } from 'lit';

export const ticketDetailStyles = css`
  :host {
    display: grid;
    gap: 1rem;
    color: var(--ac-color-text, CanvasText);
    --ac-detail-note: var(--ac-color-note, #92400e);
    --ac-detail-note-bg: var(--ac-color-note-bg, #fef3c7);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --ac-detail-note: var(--ac-color-note, #fbbf24);
      --ac-detail-note-bg: var(--ac-color-note-bg, #3a2a06);
    }
  }
  h2,
  h3,
  h4 {
    margin: 0;
  }
  h3 {
    font-size: 1em;
  }
  h4 {
    font-size: 0.95em;
  }
  header {
    display: grid;
    gap: 0.4rem;
  }
  .title-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.9rem;
  }
  .number strong {
    font-family: ui-monospace, monospace;
  }
  .subject {
    font-size: 1.2em;
    overflow-wrap: anywhere;
  }
  .description,
  .body {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .priority[data-priority='urgent'],
  .priority[data-priority='high'],
  .escalated {
    font-weight: 600;
  }
  .escalated::before {
    content: '⬆ ';
  }
  .sla ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem 1.2rem;
  }
  .sla li {
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }
  .metric {
    font-weight: 500;
  }
  .due {
    color: var(--ac-color-muted, #4b5563);
    font-size: 0.875em;
  }
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr));
    gap: 0.75rem;
  }
  .card {
    display: grid;
    align-content: start;
    gap: 0.45rem;
    padding: 0.75rem;
    border: 1px solid var(--ac-color-border, #c4c8cf);
    border-radius: var(--ac-radius, 6px);
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.2rem 0.75rem;
    margin: 0;
  }
  dt {
    color: var(--ac-color-muted, #4b5563);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .tier[data-tier='vip'] {
    font-weight: 600;
  }
  .tier[data-tier='vip']::before {
    content: '★ ';
  }
  .warranty[data-state='expired']::before {
    content: '✗ ';
  }
  .warranty[data-state='in_warranty']::before {
    content: '✓ ';
  }
  .card ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.2rem;
  }
  form.inline {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem;
  }
  form.inline select {
    inline-size: auto;
    flex: 1 1 8rem;
  }
  .actions-bar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .actions-bar .error {
    flex-basis: 100%;
  }
  .timeline ol {
    list-style: none;
    margin: 0.5rem 0 0;
    padding: 0;
    display: grid;
    gap: 0.6rem;
  }
  .timeline li {
    padding-inline-start: 0.75rem;
    border-inline-start: 3px solid var(--ac-color-border, #c4c8cf);
  }
  .timeline .event {
    font-size: 0.9em;
    color: var(--ac-color-muted, #4b5563);
  }
  .timeline .event.internal {
    border-inline-start-style: dotted;
  }
  .message {
    display: grid;
    gap: 0.2rem;
    padding: 0.5rem 0.75rem;
    border-radius: var(--ac-radius, 6px);
  }
  .message .kind {
    font-size: 0.8em;
    font-weight: 600;
    letter-spacing: 0.02em;
  }
  .reply {
    border-inline-start: 4px solid var(--ac-color-accent, #2563eb);
  }
  .reply.from-customer {
    border-inline-start-color: var(--ac-color-border, #8a8f98);
  }
  /* Internal notes: another background, a dashed border and a text label, not colour alone. */
  .note {
    background: var(--ac-detail-note-bg);
    border: 1px dashed var(--ac-detail-note);
    border-inline-start: 4px dashed var(--ac-detail-note);
    color: var(--ac-color-note-text, inherit);
  }
  .note .kind {
    color: var(--ac-detail-note);
  }
  .meta,
  .mentions {
    color: var(--ac-color-muted, #4b5563);
    font-size: 0.85em;
    margin: 0;
  }
  .note .meta,
  .note .mentions {
    color: inherit;
  }
  .composer {
    display: grid;
    gap: 0.4rem;
    padding: 0.75rem;
    border: 1px solid var(--ac-color-border, #c4c8cf);
    border-radius: var(--ac-radius, 6px);
  }
  .composer.note {
    background: var(--ac-detail-note-bg);
    border: 1px dashed var(--ac-detail-note);
  }
  .modes {
    display: flex;
    flex-wrap: wrap;
    gap: 0.9rem;
    border: 0;
    margin: 0;
    padding: 0;
  }
  .modes legend {
    font-weight: 600;
    padding: 0;
    margin-block-end: 0.3rem;
  }
  .box {
    position: relative;
  }
  .mention-list {
    position: absolute;
    inset-inline-start: 0;
    inset-block-start: 100%;
    z-index: 1;
    min-inline-size: 12rem;
    max-block-size: 12rem;
    overflow: auto;
    margin: 0.2rem 0 0;
    padding: 0.2rem;
    list-style: none;
    background: var(--ac-color-surface, Canvas);
    color: var(--ac-color-text, CanvasText);
    border: 1px solid var(--ac-color-border, #8a8f98);
    border-radius: var(--ac-radius, 6px);
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.15);
  }
  .mention-list li {
    padding: 0.35rem 0.5rem;
    border-radius: 4px;
    cursor: pointer;
  }
  .mention-list li.active {
    background: var(--ac-color-accent, #2563eb);
    color: var(--ac-color-on-accent, #fff);
    outline: 2px solid transparent;
  }
  .mention-list li.active .hint {
    color: inherit;
  }
  .missing {
    margin: 0;
    font-weight: 500;
  }
  .missing::before {
    content: '⚠ ';
  }
  .suggestions ul {
    margin: 0.3rem 0 0;
    padding-inline-start: 1.2rem;
  }
  dialog {
    max-inline-size: min(36rem, 92vw);
    inline-size: 100%;
    box-sizing: border-box;
    border: 1px solid var(--ac-color-border, #8a8f98);
    border-radius: var(--ac-radius, 6px);
    background: var(--ac-color-surface, Canvas);
    color: var(--ac-color-text, CanvasText);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.35);
  }
  dialog form,
  .draft {
    display: grid;
    gap: 0.45rem;
  }
  label {
    font-weight: 500;
  }
  .placeholder {
    min-block-size: 12rem;
  }
`;
