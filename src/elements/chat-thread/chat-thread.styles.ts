import { css } from 'lit';
import { controlStyles } from '../control.styles.ts';
import { themeStyles, token } from '../theme.styles.ts';

export const styles = [
  themeStyles,
  controlStyles,
  css`
    :host {
      position: relative;
      display: flex;
      flex-flow: column;
      height: var(--chat-thread-height, 24rem);
      min-height: 0;
      background: ${token('thread-background')};
    }

    /* Only the rows near the viewport exist, between two spacers; the thread keeps the reader's place itself. */
    .log {
      position: relative;
      flex: auto;
      overflow-y: auto;
      overflow-anchor: none;
      overscroll-behavior: contain;
    }

    .log:focus-visible {
      outline-offset: -2px;
    }

    .row {
      padding: calc(var(--chat-thread-gap, 0.5rem) / 2) var(--chat-thread-padding, 0.75rem);
    }

    .row[data-continued] {
      padding-top: 0;
    }

    /* A file message whose bubble's code has not loaded (or cannot) shows the file's name. */
    file-bubble:not(:defined) {
      display: block;
      overflow-wrap: anywhere;
      color: ${token('muted-color')};
    }

    .day {
      display: flex;
      align-items: center;
      gap: 0.75em;
      margin: 0.5rem 0;
      font-size: 0.8125em;
      color: ${token('muted-color')};
    }

    .day::before,
    .day::after {
      content: '';
      flex: 1;
      border-block-start: 1px solid var(--chat-separator-color, ${token('border-color')});
    }

    .entry {
      display: flex;
      flex-flow: column;
      gap: 0.25rem;
      border-radius: ${token('bubble-radius')};
    }

    .entry:focus-visible {
      outline-offset: 1px;
    }

    .sender {
      padding-inline: 0.75em;
      font-weight: 600;
      font-size: 0.8125em;
      color: ${token('muted-color')};
      unicode-bidi: isolate;
      overflow-wrap: anywhere;
    }

    /* The thread names the sender once per group, above the bubbles. */
    text-bubble::part(sender) {
      display: none;
    }

    .empty {
      position: absolute;
      inset: 0;
      display: grid;
      place-items: center;
      margin: 0;
      color: ${token('muted-color')};
      pointer-events: none;
    }

    .new-messages {
      position: absolute;
      bottom: 0.75rem;
      left: 50%;
      transform: translateX(-50%);
      padding: 0.35em 1em;
      color: var(--chat-new-messages-color, ${token('accent-contrast')});
      background: ${token('accent')};
      border-color: transparent;
      box-shadow: 0 2px 8px rgb(0 0 0 / 0.2);
    }

    .new-messages:hover {
      background: ${token('accent')};
      filter: brightness(1.1);
    }
  `,
];
