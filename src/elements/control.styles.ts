import { css } from 'lit';
import { token } from './theme.styles.ts';

/**
 * What every Chatdrop element shares: the font, the text colour and the look of its buttons,
 * all from `--chat-*` tokens (see `theme.styles.ts`).
 */
export const controlStyles = css`
  :host {
    font-family: ${token('font')};
    font-size: ${token('font-size')};
    line-height: ${token('line-height')};
    color: ${token('text-color')};
  }

  :host([hidden]) {
    display: none;
  }

  button {
    font: inherit;
    font-size: 0.875em;
    color: ${token('accent')};
    background: var(--chat-button-background, transparent);
    border: 1px solid;
    border-radius: ${token('button-radius')};
    padding: 0.2em 0.8em;
    cursor: pointer;
  }

  button:hover {
    background: ${token('button-hover-background')};
  }

  /* A button showing an icon (see icons.ts): square, named by its aria-label. */
  .icon-button {
    display: inline-grid;
    place-items: center;
    box-sizing: border-box;
    min-width: 2.25rem;
    min-height: 2.25rem;
    padding: 0.25rem;
    border-color: transparent;
  }

  /* Touch screens and phones: every button is a 44-px target. */
  @media (pointer: coarse), (max-width: 600px) {
    button,
    .icon-button {
      min-width: 44px;
      min-height: 44px;
    }
  }

  button:is(:disabled, [aria-disabled=true]) {
    cursor: not-allowed;
    opacity: 0.5;
  }

  :is(button, input, textarea, [tabindex]):focus-visible {
    outline: var(--chat-focus-ring, 2px solid ${token('accent')});
    outline-offset: 2px;
  }

  .error {
    color: ${token('error-color')};
  }

  .muted {
    color: ${token('muted-color')};
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
