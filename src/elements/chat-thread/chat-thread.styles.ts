import { css } from 'lit';
import { controlStyles } from '../control.styles.ts';

export const styles = [
  controlStyles,
  css`
    :host {
      position: relative;
      display: flex;
      flex-direction: column;
      height: var(--chat-thread-height, 24rem);
      min-height: 0;
      background: var(--chat-thread-background, #fff);
    }

    /* Only the rows near the viewport exist, between two spacers; the thread keeps the reader's place itself. */
    .log {
      position: relative;
      flex: 1 1 auto;
      min-height: 0;
      overflow-y: auto;
      overflow-anchor: none;
      overscroll-behavior: contain;
    }

    .spacer {
      flex: none;
    }

    .log:focus-visible {
      outline-offset: -2px;
    }

    .row {
      box-sizing: border-box;
      width: 100%;
      padding: calc(var(--chat-thread-gap, 0.5rem) / 2) var(--chat-thread-padding, 0.75rem);
    }

    .row[data-continued] {
      padding-top: 0;
    }

    .day {
      display: flex;
      align-items: center;
      gap: 0.75em;
      margin: 0.5rem 0;
      font-size: 0.8125em;
      color: var(--chat-muted-color, #5b636d);
    }

    .day::before,
    .day::after {
      content: '';
      flex: 1;
      border-top: 1px solid var(--chat-separator-color, rgb(0 0 0 / 0.12));
    }

    .entry {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      border-radius: var(--chat-bubble-radius, 14px);
    }

    .entry:focus-visible {
      outline-offset: 1px;
    }

    .sender {
      padding-inline: 0.75em;
      font-weight: 600;
      font-size: 0.8125em;
      color: var(--chat-muted-color, #5b636d);
      unicode-bidi: isolate;
      overflow-wrap: anywhere;
    }

    /* The thread names the sender once per group, above the bubbles. */
    text-bubble::part(sender) {
      display: none;
    }

    /*
     * The image box keeps the ratio the message declares (width × height) whatever the
     * thumbnail's rounded size or the full image's, so a row never changes height as it loads.
     */
    file-bubble::part(thumbnail) {
      width: var(--chat-thumbnail-max-width, 240px);
      max-width: min(100%, var(--chat-thumbnail-max-width, 240px));
      aspect-ratio: attr(width type(<number>)) / attr(height type(<number>));
    }

    .empty {
      position: absolute;
      inset: 0;
      display: grid;
      place-items: center;
      margin: 0;
      color: var(--chat-muted-color, #5b636d);
      pointer-events: none;
    }

    .new-messages {
      position: absolute;
      bottom: 0.75rem;
      left: 50%;
      transform: translateX(-50%);
      padding: 0.35em 1em;
      color: var(--chat-new-messages-color, #fff);
      background: var(--chat-accent, #0550ae);
      border-color: transparent;
      box-shadow: 0 2px 8px rgb(0 0 0 / 0.2);
    }

    .new-messages:hover {
      background: var(--chat-accent, #0550ae);
      filter: brightness(1.1);
    }
  `,
];
