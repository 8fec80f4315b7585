import { css } from 'lit';
import { token } from '../theme.styles.ts';

const offset = css`var(--chat-launcher-offset, 1rem)`;

/** The launcher mode's styles, loaded with the launcher and added after the widget's own. */
export const launcherStyles = css`
    /* Launcher mode: the host is a corner of the viewport; the panel opens above the button. */
    :host([mode='launcher']) {
      position: fixed;
      inset-block-end: ${offset};
      right: ${offset};
      z-index: var(--chat-z-index, 1000);
      height: auto;
    }

    :host([mode='launcher'][position='bottom-left']) {
      right: auto;
      left: ${offset};
    }

    :host([mode='launcher'][position='bottom-end']) {
      right: auto;
      inset-inline-end: ${offset};
    }

    :host([mode='launcher'][position='bottom-start']) {
      right: auto;
      inset-inline-start: ${offset};
    }

    .panel {
      position: absolute;
      inset-block-end: calc(100% + 0.75rem);
      right: 0;
      width: min(24rem, calc(100vw - 2 * ${offset}));
      height: min(var(--chat-widget-height, 32rem), calc(100vh - 6rem - 2 * ${offset}));
      box-shadow: 0 0.5rem 2rem rgb(0 0 0 / 0.25);
    }

    /* A phone: the open panel is the whole screen, clear of notches and the home indicator. */
    @media (max-width: 600px) {
      .panel {
        position: fixed;
        inset: 0;
        width: auto;
        height: auto;
        padding: env(safe-area-inset-top) env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left);
        border: none;
        border-radius: 0;
        box-shadow: none;
      }

      /* The header's close button closes it; the round button would lie over the Send button. */
      .panel:not([hidden]) ~ .launcher {
        display: none;
      }
    }

    :host([position='bottom-left']) .panel {
      right: auto;
      left: 0;
    }

    :host([position='bottom-end']) .panel {
      right: auto;
      inset-inline-end: 0;
    }

    :host([position='bottom-start']) .panel {
      right: auto;
      inset-inline-start: 0;
    }

    .launcher {
      position: relative;
      display: grid;
      place-items: center;
      width: var(--chat-launcher-size, 3.5rem);
      height: var(--chat-launcher-size, 3.5rem);
      padding: 0;
      border: none;
      border-radius: 50%;
      color: ${token('accent-contrast')};
      background: ${token('accent')};
      box-shadow: 0 0.25rem 1rem rgb(0 0 0 / 0.25);
    }

    .launcher:hover {
      background: ${token('accent')};
      filter: brightness(1.1);
    }

    .badge {
      position: absolute;
      pointer-events: none;
      inset-block-start: -0.25rem;
      inset-inline-end: -0.25rem;
      display: grid;
      place-items: center;
      box-sizing: border-box;
      min-width: 1.375rem;
      height: 1.375rem;
      padding-inline: 0.3rem;
      border-radius: 999px;
      font-size: 0.75rem;
      font-weight: 700;
      color: ${token('badge-color')};
      background: ${token('badge-background')};
    }

    @media (prefers-reduced-motion: no-preference) {
      .launcher {
        transition: filter 0.15s;
      }
    }
`;
