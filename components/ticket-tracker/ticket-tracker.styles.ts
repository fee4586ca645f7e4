import { css } from 'lit';

export const ticketTrackerStyles = css`
  :host {
    display: grid;
    gap: 1rem;
    color: var(--ac-color-text, CanvasText);
  }
  header {
    display: grid;
    gap: 0.35rem;
    justify-items: start;
  }
  .subject {
    margin: 0;
    font-size: 1.15em;
    overflow-wrap: anywhere;
  }
  .number {
    font-family: ui-monospace, monospace;
  }
  .engineer {
    margin: 0;
  }
  .placeholder {
    min-block-size: 12rem;
  }
  .steps {
    display: grid;
    grid-template-columns: repeat(4, 1fr);
    gap: 0.25rem;
    list-style: none;
    margin: 0;
    padding: 0;
    counter-reset: step;
    font-size: 0.875em;
  }
  .steps li {
    counter-increment: step;
    padding-block-start: 0.5rem;
    border-block-start: 4px solid var(--ac-color-border, #c4c8cf);
    color: var(--ac-color-muted, #4b5563);
  }
  .steps li::before {
    content: counter(step) '. ';
  }
  .steps li.done {
    border-color: var(--ac-color-accent, #2563eb);
    color: inherit;
  }
  .steps li.done::before {
    content: '✓ ';
  }
  .steps li.current {
    border-color: var(--ac-color-accent, #2563eb);
    color: inherit;
    font-weight: 600;
  }
  .promises {
    margin: 0;
    padding-inline-start: 1.2rem;
  }
  .promises .late {
    color: var(--ac-color-danger, #b91c1c);
  }
  .promises .late::marker {
    content: '⚠ ';
  }
  .timeline h3 {
    font-size: 1em;
    margin: 0 0 0.5rem;
  }
  .timeline ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  .timeline li {
    border-inline-start: 3px solid var(--ac-color-border, #c4c8cf);
    padding-inline-start: 0.75rem;
  }
  .timeline li.mine {
    border-color: var(--ac-color-accent, #2563eb);
  }
  .meta {
    color: var(--ac-color-muted, #4b5563);
    font-size: 0.85em;
  }
  .body {
    margin: 0.3rem 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  form.reply {
    display: grid;
    gap: 0.4rem;
  }
  label {
    font-weight: 500;
  }
  @media (max-width: 24rem) {
    .steps {
      grid-template-columns: 1fr 1fr;
    }
  }
`;
