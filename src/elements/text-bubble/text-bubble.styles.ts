import { css } from 'lit';
import { bubbleHostStyles } from '../bubble-host.styles.ts';
import { controlStyles } from '../control.styles.ts';
import { themeStyles, token } from '../theme.styles.ts';

export const styles = [
  themeStyles,
  controlStyles,
  bubbleHostStyles,
  css`
    .bubble {
      box-sizing: border-box;
      min-width: 0;
      max-width: var(--chat-bubble-max-width, min(36rem, 85%));
      padding: 0.45em 0.75em;
      border-radius: ${token('bubble-radius')};
      background: ${token('bubble-background')};
      text-align: start;
    }

    :host([mine]) .bubble {
      background: ${token('bubble-mine-background')};
    }

    .sender {
      display: block;
      font-weight: 600;
      font-size: 0.8125em;
      unicode-bidi: isolate;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }

    /* Long text scrolls inside the bubble; marks stacked above or below a line (Zalgo) are clipped. */
    .text {
      margin: 0;
      max-height: var(--chat-text-max-height, 24em);
      overflow: hidden auto;
      overscroll-behavior: contain;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      unicode-bidi: plaintext;
    }

    .text a {
      color: ${token('accent')};
      text-underline-offset: 0.15em;
    }

    .text a:focus-visible {
      outline: var(--chat-focus-ring, 2px solid ${token('accent')});
      outline-offset: 1px;
      border-radius: 2px;
    }

    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: flex-end;
      gap: 0.5em;
      margin-block-start: 0.15em;
    }
  `,
];
