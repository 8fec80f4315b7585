import { css } from 'lit';
import { controlStyles } from '../control.styles.ts';
import { themeStyles, token } from '../theme.styles.ts';

export const styles = [
  themeStyles,
  controlStyles,
  css`
    :host {
      position: relative;
      display: block;
      height: var(--chat-thread-height, 24rem);
      min-height: 0;
      background: ${token('thread-background')};
    }

    /*
     * Only the rows near the viewport exist, between two spacers; the thread keeps the reader's place itself.
     * The log fills the thread by percentages, whatever display a page gives the thread.
     */
    .log {
      position: relative;
      width: 100%;
      height: 100%;
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
    file-bubble:not(:defined),
    .pending-file {
      display: block;
      overflow-wrap: anywhere;
      color: ${token('muted-color')};
    }

    /* An album's later messages: their rows hold nothing. */
    .row[data-joined] {
      padding: 0;
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
      display: grid;
      row-gap: 0.25rem;
      border-radius: ${token('bubble-radius')};
    }

    /* Others' messages: the avatar in its own column beside the name and first bubble, so a group's bubbles line up. */
    .entry:not(.mine) {
      grid-template-columns: var(--chat-avatar-size, 2rem) minmax(0, 1fr);
      column-gap: 0.5rem;
    }

    .entry:not(.mine) > * {
      grid-column: 2;
    }

    .entry > .avatar {
      grid-column: 1;
      grid-row: 1 / span 2;
      align-self: start;
    }

    .avatar {
      position: relative;
      display: grid;
      place-items: center;
      width: var(--chat-avatar-size, 2rem);
      height: var(--chat-avatar-size, 2rem);
      overflow: hidden;
      border-radius: 50%;
      font-size: 0.8125rem;
      font-weight: 600;
      line-height: 1;
      color: #ffffff;
      background: #59636e;
      user-select: none;
    }

    /* Colours picked by the sender's id; white initials on each at 5:1 or better. */
    .avatar[data-tone='0'] { background: #b42318; }
    .avatar[data-tone='1'] { background: #a0410d; }
    .avatar[data-tone='2'] { background: #8a5a00; }
    .avatar[data-tone='3'] { background: #1a7f37; }
    .avatar[data-tone='4'] { background: #0f766e; }
    .avatar[data-tone='5'] { background: #0e6a8e; }
    .avatar[data-tone='6'] { background: #6f42c1; }
    .avatar[data-tone='7'] { background: #a0216f; }

    /* The picture covers the initials once it loads; hidden if it fails. */
    .avatar img {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      object-fit: cover;
    }

    .avatar img[hidden] {
      display: none;
    }

    .meta {
      padding-inline: 0.75em;
    }

    .mine > .meta {
      text-align: end;
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
