import { css } from 'lit';

/** `.sr`: text for screen readers only (also for light elements that skip the shared styles). */
export const srStyles = css`
  .sr {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/**
 * What every Aftercare element shares: colour tokens for light and dark schemes (contrast ≥
 * 4.5:1), text controls, buttons, a visible focus ring, error text that carries a mark (not
 * colour alone) and visually hidden text for screen readers. Elements add their own on top.
 */
export const sharedStyles = css`
  :host {
    color: var(--ac-color-text, CanvasText);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --ac-color-muted: #9ca3af;
      --ac-color-danger: #f87171;
      --ac-color-accent: #60a5fa;
      --ac-color-link: #93c5fd;
      --ac-color-on-accent: #0b1220;
    }
  }

  input:not([type='checkbox'], [type='radio']),
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
  [aria-invalid='true'] {
    border-color: var(--ac-color-danger, #b91c1c);
    border-width: 2px;
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
    color: var(--ac-color-link, #1d4ed8);
  }
  button.link {
    background: none;
    border: 0;
    padding: 0.2rem;
    min-block-size: auto;
    color: var(--ac-color-link, #1d4ed8);
    text-decoration: underline;
  }

  :is(input, select, textarea, button, a, article, [tabindex='-1']):focus-visible,
  label:has(input[type='radio']:focus-visible) {
    outline: 3px solid var(--ac-color-accent, #2563eb);
    outline-offset: 2px;
  }

  .error,
  .send-error {
    color: var(--ac-color-danger, #b91c1c);
  }
  .error:not(:empty)::before,
  .send-error::before {
    content: '⚠ ';
  }
  .hint {
    color: var(--ac-color-muted, #4b5563);
    font-size: 0.875em;
  }
  .actions {
    display: flex;
    align-items: center;
    gap: 0.75rem;
  }
  ${srStyles}
`;
