import { css } from 'lit';

export const kbSearchStyles = css`
  :host {
    display: grid;
    gap: 0.75rem;
    color: var(--ac-color-text, CanvasText);
  }
  form {
    display: grid;
    gap: 0.3rem;
  }
  label {
    font-weight: 500;
  }
  .row {
    display: flex;
    gap: 0.5rem;
  }
  input {
    flex: 1;
    min-inline-size: 0;
  }
  button.link {
    padding: 0.2rem 0;
    text-align: start;
    font-weight: 600;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  .snippet {
    margin: 0.2rem 0 0;
    color: var(--ac-color-muted, #4b5563);
    overflow-wrap: anywhere;
  }
  mark {
    background: color-mix(in srgb, var(--ac-color-accent, #2563eb) 14%, transparent);
    color: inherit;
    font-weight: 600;
  }
  article h2 {
    margin: 0.5rem 0;
    font-size: 1.15em;
  }
  .body {
    overflow-wrap: anywhere;
  }
  .body img {
    max-inline-size: 100%;
    block-size: auto;
  }
`;
