import { css } from 'lit';

export const statusBadgeStyles = css`
  :host {
    display: inline-block;
    --ac-status-badge-radius: var(--ac-radius-pill, 999px);
    --ac-status-open: var(--ac-color-info, #1d4ed8);
    --ac-status-pending: var(--ac-color-warning, #92400e);
    --ac-status-solved: var(--ac-color-success, #166534);
    --ac-status-closed: var(--ac-color-neutral, #4b5563);
  }

  [part='base'] {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    padding: 0.15em 0.6em;
    border: 1px solid currentColor;
    border-radius: var(--ac-status-badge-radius);
    font: inherit;
    font-size: var(--ac-font-size-small, 0.875em);
    line-height: 1.4;
    white-space: nowrap;
    color: var(--ac-status-open);
    background: color-mix(in srgb, currentColor 8%, transparent);
  }

  [part='base'][data-category='pending'] {
    color: var(--ac-status-pending);
  }
  [part='base'][data-category='solved'] {
    color: var(--ac-status-solved);
  }
  [part='base'][data-category='closed'] {
    color: var(--ac-status-closed);
  }

  /* The shape tells the category too, so colour is never the only signal. */
  [part='icon'] {
    inline-size: 0.6em;
    block-size: 0.6em;
    border: 2px solid currentColor;
    border-radius: 50%;
  }
  [data-category='pending'] [part='icon'] {
    border-radius: 0;
    border-inline-width: 3px 3px;
    border-block-width: 0;
  }
  [data-category='solved'] [part='icon'],
  [data-category='closed'] [part='icon'] {
    background: currentColor;
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --ac-status-open: var(--ac-color-info, #93c5fd);
      --ac-status-pending: var(--ac-color-warning, #fcd34d);
      --ac-status-solved: var(--ac-color-success, #86efac);
      --ac-status-closed: var(--ac-color-neutral, #d1d5db);
    }
  }

  @media (forced-colors: active) {
    [part='base'] {
      border-color: CanvasText;
      color: CanvasText;
    }
  }
`;
