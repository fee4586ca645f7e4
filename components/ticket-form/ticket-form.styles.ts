import { css } from 'lit';

export const ticketFormStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    color: var(--ac-color-text, CanvasText);
    font: inherit;
    --ac-ticket-form-gap: 0.9rem;
  }

  form,
  .result {
    display: grid;
    gap: var(--ac-ticket-form-gap);
    background: var(--ac-color-surface, Canvas);
    padding: var(--ac-ticket-form-padding, 0);
  }

  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--ac-ticket-form-gap);
    min-inline-size: 0;
  }

  legend {
    font-weight: 600;
    font-size: 1.05em;
    padding: 0;
    margin-block-end: 0.25rem;
  }

  .field {
    display: grid;
    gap: 0.3rem;
  }
  .field.check {
    grid-template-columns: auto 1fr;
    align-items: center;
    column-gap: 0.5rem;
  }
  .field.check .hint,
  .field.check .error {
    grid-column: 1 / -1;
  }

  label {
    font-weight: 500;
  }
  .req {
    color: var(--ac-color-danger, #b91c1c);
    margin-inline-start: 0.2em;
  }
  .opt {
    color: var(--ac-color-muted, #4b5563);
    font-weight: 400;
    font-size: 0.875em;
    margin-inline-start: 0.3em;
  }

  input:not([type='checkbox']),
  select,
  textarea {
    box-sizing: border-box;
    inline-size: 100%;
    min-block-size: 2.5rem;
    padding: 0.45rem 0.6rem;
    font: inherit;
    color: inherit;
    background: var(--ac-color-input, Field);
    border: 1px solid var(--ac-color-border, #8a8f98);
    border-radius: var(--ac-radius, 6px);
  }
  textarea {
    resize: vertical;
  }
  input[type='checkbox'] {
    inline-size: 1.2rem;
    block-size: 1.2rem;
    margin: 0;
  }
  [aria-invalid='true'] {
    border-color: var(--ac-color-danger, #b91c1c);
    border-width: 2px;
  }

  :is(input, select, textarea, button, a, .result):focus-visible {
    outline: 3px solid var(--ac-color-accent, #2563eb);
    outline-offset: 2px;
  }

  .hint {
    color: var(--ac-color-muted, #4b5563);
    font-size: 0.875em;
  }
  .error,
  .send-error {
    color: var(--ac-color-danger, #b91c1c);
    font-size: 0.9em;
  }
  /* Not colour alone: errors carry a mark. */
  .error::before,
  .send-error::before {
    content: '⚠ ';
  }
  .summary:empty {
    display: none;
  }
  .summary {
    color: var(--ac-color-danger, #b91c1c);
    font-weight: 600;
  }

  .suggestions:empty {
    display: none;
  }
  .suggestions {
    border-inline-start: 3px solid var(--ac-color-accent, #2563eb);
    padding-inline-start: 0.75rem;
  }
  .suggestions h3 {
    margin: 0 0 0.4rem;
    font-size: 1em;
  }
  .suggestions ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  .suggestions li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem 0.6rem;
  }
  .suggestions .article {
    flex: 1 1 12rem;
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
  button:disabled {
    opacity: 0.6;
    cursor: progress;
  }
  button.secondary {
    background: transparent;
    color: var(--ac-color-accent, #2563eb);
  }
  button.link {
    background: none;
    border: 0;
    padding: 0.2rem;
    min-block-size: auto;
    color: var(--ac-color-accent, #2563eb);
    text-decoration: underline;
  }
  .actions {
    display: flex;
    align-items: center;
    gap: 0.75rem;
  }
  .notice {
    padding: 0.5rem 0.75rem;
    border-radius: var(--ac-radius, 6px);
    background: color-mix(in srgb, var(--ac-color-accent, #2563eb) 10%, transparent);
  }
  .result h2 {
    margin: 0;
    font-size: 1.2em;
  }
  .result p {
    margin: 0;
  }
  .number {
    font-family: ui-monospace, monospace;
    font-size: 1.1em;
  }
  .warn {
    color: var(--ac-color-warning, #92400e);
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

  /* Two columns where there is room; one on a 320 px phone. */
  @container (min-width: 36rem) {
    fieldset {
      grid-template-columns: 1fr 1fr;
    }
    fieldset > legend,
    fieldset > .field:has(textarea),
    fieldset > .suggestions {
      grid-column: 1 / -1;
    }
  }
`;
