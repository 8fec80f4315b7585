import { css } from 'lit';
import { controlStyles } from '../control.styles.ts';

export const styles = [
  controlStyles,
  css`
    :host {
      display: flex;
      flex-direction: column;
      height: var(--chat-thread-height, 24rem);
      min-height: 0;
      background: var(--chat-thread-background, #fff);
    }

    .log {
      flex: 1 1 auto;
      min-height: 0;
      overflow-y: auto;
      overscroll-behavior: contain;
    }

    .entries {
      display: flex;
      flex-direction: column;
      gap: var(--chat-thread-gap, 0.5rem);
      padding: var(--chat-thread-padding, 0.75rem);
    }

    .entry {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }

    .empty {
      margin: auto;
      padding: 2rem 0;
      text-align: center;
      color: var(--chat-muted-color, #5b636d);
    }
  `,
];
