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
    box-sizing: border-box;
    min-block-size: 2.5rem;
    font: inherit;
    color: inherit;
    padding: 0.45rem 0.6rem;
    border: 1px solid var(--ac-color-border, #8a8f98);
    border-radius: var(--ac-radius, 6px);
    background: var(--ac-color-input, Field);
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
  button.link {
    background: none;
    border: 0;
    padding: 0.2rem 0;
    min-block-size: auto;
    color: var(--ac-color-link, #1d4ed8);
    text-decoration: underline;
    text-align: start;
    font-weight: 600;
  }
  :is(button, input, article):focus-visible {
    outline: 3px solid var(--ac-color-accent, #2563eb);
    outline-offset: 2px;
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
  @media (prefers-color-scheme: dark) {
    :host {
      --ac-color-muted: #9ca3af;
      --ac-color-accent: #60a5fa;
      --ac-color-link: #93c5fd;
      --ac-color-on-accent: #0b1220;
    }
  }
`;
