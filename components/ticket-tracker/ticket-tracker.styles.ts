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
  textarea {
    box-sizing: border-box;
    inline-size: 100%;
    font: inherit;
    color: inherit;
    padding: 0.45rem 0.6rem;
    border: 1px solid var(--ac-color-border, #8a8f98);
    border-radius: var(--ac-radius, 6px);
    background: var(--ac-color-input, Field);
  }
  .error {
    color: var(--ac-color-danger, #b91c1c);
  }
  .error:not(:empty)::before {
    content: '⚠ ';
  }
  .actions {
    display: flex;
    gap: 0.75rem;
    align-items: center;
  }
  button {
    font: inherit;
    min-block-size: 2.5rem;
    padding: 0.45rem 1rem;
    border-radius: var(--ac-radius, 6px);
    border: 1px solid var(--ac-color-accent, #2563eb);
    background: var(--ac-color-accent, #2563eb);
    color: var(--ac-color-on-accent, #fff);
    cursor: pointer;
  }
  button.secondary {
    background: transparent;
    color: var(--ac-color-accent, #2563eb);
  }
  :is(button, textarea):focus-visible {
    outline: 3px solid var(--ac-color-accent, #2563eb);
    outline-offset: 2px;
  }
  .sr {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --ac-color-muted: #9ca3af;
      --ac-color-danger: #f87171;
      --ac-color-accent: #60a5fa;
      --ac-color-on-accent: #0b1220;
    }
  }
  @media (max-width: 24rem) {
    .steps {
      grid-template-columns: 1fr 1fr;
    }
  }
`;
