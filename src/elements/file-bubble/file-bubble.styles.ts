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
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em 0.75em;
      align-items: flex-start;
      margin: 0;
      padding: 0.6em 0.75em;
      max-width: var(--chat-bubble-max-width, min(36rem, 85%));
      border-radius: var(--chat-bubble-radius, 14px);
      background: var(--chat-bubble-background, #eef0f3);
    }

    :host([mine]) .bubble {
      background: var(--chat-bubble-mine-background, #dce8fd);
    }

    .thumbnail {
      display: block;
      flex: 1 1 100%;
      width: 100%;
      max-width: var(--chat-thumbnail-max-width, 240px);
      height: auto;
      border-radius: calc(var(--chat-bubble-radius, 14px) / 2);
      background: var(--chat-thumbnail-background, #d9dde3);
      object-fit: cover;
    }

    .icon {
      flex: none;
      color: var(--chat-muted-color, #5b636d);
    }

    .details {
      flex: 1 1 12em;
      display: flex;
      flex-direction: column;
      gap: 0.2em;
      min-width: 0;
    }

    .name {
      font-weight: 600;
      overflow-wrap: anywhere;
      unicode-bidi: isolate;
    }

    .caption {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      unicode-bidi: plaintext;
    }

    .status {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25em 0.5em;
      margin-top: 0.2em;
    }

    .progress {
      flex: 1 0 100%;
      height: 0.375em;
      border-radius: 999px;
      background: var(--chat-progress-track, rgb(0 0 0 / 0.12));
      overflow: hidden;
    }

    .progress::after {
      content: '';
      display: block;
      height: 100%;
      background: var(--chat-progress-color, var(--chat-accent, #0550ae));
      transform-origin: left;
      transform: scaleX(var(--fraction, 0));
      transition: transform 0.2s;
    }

    @media (prefers-reduced-motion: reduce) {
      .progress::after {
        transition: none;
      }
    }
  `,
];
