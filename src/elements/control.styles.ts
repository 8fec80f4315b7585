import { css } from 'lit';

/**
 * What every Chatdrop element shares: the font, the colours and the look of its buttons and
 * fields, all from `--chat-*` custom properties with light defaults.
 */
export const controlStyles = css`
  :host {
    font-family: var(--chat-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--chat-font-size, 0.9375rem);
    line-height: 1.4;
    color: var(--chat-text-color, #1f2328);
  }

  :host([hidden]) {
    display: none;
  }

  button {
    font: inherit;
    font-size: 0.875em;
    color: var(--chat-accent, #0550ae);
    background: var(--chat-button-background, transparent);
    border: 1px solid currentColor;
    border-radius: var(--chat-button-radius, 999px);
    padding: 0.2em 0.8em;
    cursor: pointer;
  }

  button:hover {
    background: var(--chat-button-hover-background, rgb(5 80 174 / 0.08));
  }

  button:disabled {
    cursor: not-allowed;
    opacity: 0.5;
  }

  button:focus-visible,
  input:focus-visible,
  textarea:focus-visible,
  [tabindex]:focus-visible {
    outline: var(--chat-focus-ring, 2px solid var(--chat-accent, #0550ae));
    outline-offset: 2px;
  }

  .error {
    color: var(--chat-error-color, #b42318);
  }

  .muted {
    color: var(--chat-muted-color, #5b636d);
    font-size: 0.8125em;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
