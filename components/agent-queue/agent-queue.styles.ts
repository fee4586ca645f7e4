import { css } from 'lit';

export const agentQueueStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    font: inherit;
  }
  .toolbar,
  .bulk,
  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin-block-end: 0.5rem;
  }
  .views {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }
  .views [aria-pressed='true'] {
    background: var(--ac-color-accent, #1d4ed8);
    color: var(--ac-color-on-accent, #fff);
    border-color: transparent;
  }
  .count {
    display: inline-block;
    min-inline-size: 1.5em;
    padding-inline: 0.35em;
    border-radius: 999px;
    background: color-mix(in srgb, currentColor 15%, transparent);
    font-size: 0.85em;
    text-align: center;
  }
  .search {
    flex: 1 1 12rem;
  }
  label.inline {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    white-space: nowrap;
  }
  label.inline select {
    inline-size: auto;
  }
  .filters {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
    gap: 0.5rem;
    margin: 0 0 0.5rem;
    padding: 0.5rem;
    border: 1px solid var(--ac-color-border, #8a8f98);
    border-radius: var(--ac-radius, 6px);
  }
  .filters label {
    display: grid;
    gap: 0.2rem;
  }
  .bulk {
    min-block-size: 2.6rem;
    box-sizing: border-box;
    padding: 0.2rem 0.6rem;
    border-radius: var(--ac-radius, 6px);
    background: var(--ac-color-row-selected, color-mix(in srgb, var(--ac-color-accent, #1d4ed8) 12%, transparent));
  }

  .bulk.idle {
    background: none;
  }
  [role='grid'] {
    border: 1px solid var(--ac-color-border, #8a8f98);
    border-radius: var(--ac-radius, 6px);
    overflow: hidden;
  }
  [role='grid']:focus-visible {
    outline: 3px solid var(--ac-color-accent, #1d4ed8);
    outline-offset: 2px;
  }
  .rows {
    block-size: var(--ac-queue-height, 32rem);
    overflow: auto;
    /* The virtualizer moves rows itself, and live updates keep the rows in view in place (the
       element's own anchoring): the browser's scroll anchoring would fight both. */
    overflow-anchor: none;
  }
  .rows.empty {
    display: grid;
    place-items: center;
    color: var(--ac-color-muted, #4b5563);
  }
  .row {
    display: grid;
    grid-template-columns: 2rem 8rem minmax(8rem, 2fr) minmax(7rem, 1fr) 7rem 4.5rem 7rem 9.5rem 6.5rem 5rem;
    align-items: center;
    gap: 0.5rem;
    inline-size: 100%;
    box-sizing: border-box;
    min-block-size: 2.75rem;
    padding: 0.25rem 0.5rem;
    border-block-end: 1px solid color-mix(in srgb, var(--ac-color-border, #8a8f98) 40%, transparent);
    cursor: default;
  }
  .head .row {
    font-weight: 600;
    font-size: 0.875em;
    color: var(--ac-color-muted, #4b5563);
  }
  .rows .row:hover {
    background: color-mix(in srgb, currentColor 5%, transparent);
  }
  .row.selected {
    background: var(--ac-color-row-selected, color-mix(in srgb, var(--ac-color-accent, #1d4ed8) 14%, transparent));
  }
  /* The active row carries a bar and an outline, not colour alone. */
  [role='grid']:focus .row.active,
  .row.active {
    box-shadow: inset 4px 0 0 var(--ac-color-accent, #1d4ed8);
  }
  [role='grid']:focus-visible .row.active {
    outline: 2px solid var(--ac-color-accent, #1d4ed8);
    outline-offset: -2px;
  }
  [role='gridcell'],
  [role='columnheader'] {
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .c-number {
    font-variant-numeric: tabular-nums;
  }
  /* Status as text with a category mark; rows stay cheap to render while scrolling. */
  .status-label::before {
    content: '●';
    margin-inline-end: 0.3em;
    color: var(--ac-status-open, #1d4ed8);
  }
  .status-label[data-category='pending']::before {
    content: '◐';
    color: var(--ac-status-pending, #b45309);
  }
  .status-label[data-category='solved']::before {
    content: '✓';
    color: var(--ac-status-solved, #15803d);
  }
  .status-label[data-category='closed']::before {
    content: '○';
    color: var(--ac-status-closed, #6b7280);
  }
  .tier {
    padding: 0 0.35em;
    border-radius: 4px;
    border: 1px solid currentColor;
    font-size: 0.8em;
    font-weight: 600;
  }
  .tier[data-tier='vip'] {
    color: var(--ac-color-vip, #7c2d12);
  }
  [data-priority='urgent'].c-priority {
    font-weight: 700;
    color: var(--ac-color-danger, #b91c1c);
  }
  [data-priority='urgent'].c-priority::before {
    content: '▲ ';
  }
  [data-priority='high'].c-priority::before {
    content: '△ ';
  }
  .c-actions button {
    padding: 0.15rem 0.5rem;
    min-block-size: 2rem;
  }

  /* Narrow screens: each row becomes a two-line card. */
  @container (max-width: 720px) {
    .row {
      grid-template-columns: 2rem 1fr auto;
      grid-template-areas:
        'select number sla'
        'select subject subject'
        'select customer status'
        'select assignee actions';
      row-gap: 0.15rem;
    }
    .head {
      display: none;
    }
    .c-select {
      grid-area: select;
    }
    .c-number {
      grid-area: number;
    }
    .c-subject {
      grid-area: subject;
      white-space: normal;
    }
    .c-customer {
      grid-area: customer;
    }
    .c-status {
      grid-area: status;
    }
    .c-sla {
      grid-area: sla;
    }
    .c-assignee {
      grid-area: assignee;
    }
    .c-actions {
      grid-area: actions;
    }
    .c-priority,
    .c-updated {
      display: none;
    }
  }

  .board {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(14rem, 1fr);
    gap: 0.75rem;
    overflow-x: auto;
    padding-block-end: 0.5rem;
  }
  .column {
    border: 1px solid var(--ac-color-border, #8a8f98);
    border-radius: var(--ac-radius, 6px);
    padding: 0.5rem;
    max-block-size: var(--ac-queue-height, 32rem);
    overflow-y: auto;
  }
  .column h3 {
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
    margin: 0 0 0.5rem;
    font-size: 1rem;
  }
  .column ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.4rem;
  }
  .card {
    border: 1px solid color-mix(in srgb, var(--ac-color-border, #8a8f98) 60%, transparent);
    border-radius: var(--ac-radius, 6px);
    padding: 0.4rem;
    display: grid;
    gap: 0.25rem;
  }
  .card[data-priority='urgent'] {
    border-inline-start: 4px solid var(--ac-color-danger, #b91c1c);
  }
  .card-open {
    all: unset;
    cursor: pointer;
    display: block;
  }
  .card-open:focus-visible {
    outline: 3px solid var(--ac-color-accent, #1d4ed8);
    outline-offset: 2px;
  }
  .card .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
    align-items: center;
    font-size: 0.875em;
  }
  .footer {
    margin-block-start: 0.5rem;
    color: var(--ac-color-muted, #4b5563);
    font-size: 0.875em;
  }
  dialog {
    max-inline-size: min(36rem, 92vw);
    border: 1px solid var(--ac-color-border, #8a8f98);
    border-radius: var(--ac-radius, 6px);
    color: inherit;
    background: var(--ac-color-surface, Canvas);
  }
  dialog form {
    display: grid;
    gap: 0.75rem;
  }
  dialog h2 {
    margin: 0;
    font-size: 1.1rem;
  }
  .suggestion h3 {
    margin: 0 0 0.25rem;
    font-size: 1rem;
  }
  .suggestion ul {
    margin: 0;
    padding-inline-start: 1.2rem;
  }
`;
