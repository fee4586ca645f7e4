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

  input[type='checkbox'] {
    inline-size: 1.2rem;
    block-size: 1.2rem;
    margin: 0;
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

  .notice {
    padding: 0.5rem 0.75rem;
    border-radius: var(--ac-radius, 6px);
    background: color-mix(in srgb, var(--ac-color-accent, #2563eb) 10%, transparent);
  }
  .notice p {
    margin: 0.3rem 0 0;
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
