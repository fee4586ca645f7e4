import { css } from 'lit';

export const satisfactionStyles = css`
  :host {
    display: block;
    color: var(--ac-color-text, CanvasText);
  }
  form,
  .state {
    display: grid;
    gap: 0.9rem;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-inline-size: 0;
  }
  legend {
    font-weight: 600;
    margin-block-end: 0.5rem;
    padding: 0;
  }
  .scale {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
  }
  .scale label {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    padding: 0.4rem 0.7rem;
    min-block-size: 2.5rem;
    box-sizing: border-box;
    border: 1px solid var(--ac-color-border, #8a8f98);
    border-radius: var(--ac-radius, 6px);
    cursor: pointer;
  }
  .scale label:has(input:checked) {
    border-color: var(--ac-color-accent, #2563eb);
    border-width: 2px;
    background: color-mix(in srgb, var(--ac-color-accent, #2563eb) 10%, transparent);
  }
  .stars {
    letter-spacing: 0.05em;
  }
  .dims {
    display: grid;
    gap: 0.6rem;
  }
  .dims fieldset legend {
    font-weight: 500;
    margin-block-end: 0.3rem;
  }
  button[type='submit'] {
    justify-self: start;
  }
  label.comment {
    display: grid;
    gap: 0.3rem;
    font-weight: 500;
  }
  .opt {
    color: var(--ac-color-muted, #4b5563);
    font-weight: 400;
  }
  h2 {
    margin: 0;
    font-size: 1.15em;
  }
  p {
    margin: 0;
  }
`;
