import { css } from 'lit';
import { controlStyles } from '../control.styles.ts';

export const styles = [
  controlStyles,
  css`
    :host {
      display: flex;
      justify-content: flex-start;
    }

    :host([mine]) {
      justify-content: flex-end;
    }

    .bubble {
      box-sizing: border-box;
      max-width: var(--chat-bubble-max-width, min(36rem, 85%));
      padding: 0.45em 0.75em;
      border-radius: var(--chat-bubble-radius, 14px);
      background: var(--chat-bubble-background, #eef0f3);
    }

    :host([mine]) .bubble {
      background: var(--chat-bubble-mine-background, #dce8fd);
    }

    .sender {
      display: block;
      font-weight: 600;
      font-size: 0.8125em;
      unicode-bidi: isolate;
      overflow-wrap: anywhere;
    }

    .text {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      unicode-bidi: plaintext;
    }

    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: flex-end;
      gap: 0.5em;
      margin-top: 0.15em;
    }
  `,
];
