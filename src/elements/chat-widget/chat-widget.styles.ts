import { css } from 'lit';
import { controlStyles } from '../control.styles.ts';
import { themeStyles, token } from '../theme.styles.ts';

export const chatWidgetStyles = [
  themeStyles,
  controlStyles,
  css`
    :host {
      display: block;
      position: relative;
      box-sizing: border-box;
      height: var(--chat-widget-height, 32rem);
      max-width: 100%;
    }

    :host([theme=dark]) {
      --chat-color-scheme: dark;
    }

    :host([theme=light]) {
      --chat-color-scheme: light;
    }

    /* The panel fills the host by percentages, whatever display a page gives the widget. */
    .chat {
      display: flex;
      flex-flow: column;
      box-sizing: border-box;
      width: 100%;
      height: 100%;
      position: relative;
      overflow: hidden;
      background: ${token('background')};
      border: 1px solid ${token('border-color')};
      border-radius: ${token('widget-radius')};
    }

    .chat[hidden] {
      display: none;
    }

    .header {
      display: flex;
      align-items: center;
      gap: ${token('spacing-medium')};
      padding: ${token('spacing-medium')} ${token('spacing-large')};
      border-block-end: 1px solid ${token('border-color')};
    }

    .heading {
      flex: 1;
      font-weight: 600;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }

    .status {
      font-size: 0.8rem;
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
    }

    .status::before {
      content: '';
      width: 0.5rem;
      height: 0.5rem;
      border-radius: 50%;
      background: ${token('status-offline')};
    }

    .status[data-status=online]::before {
      background: ${token('status-online')};
    }

    .status[data-status=connecting]::before {
      background: ${token('status-connecting')};
    }

    /* The thread's own styles let it shrink below its content (min-height: 0). */
    chat-thread {
      flex: 1;
    }

    .drop-zone {
      position: absolute;
      inset: 0;
      z-index: 1;
      display: grid;
      place-items: center;
      padding: ${token('spacing-large')};
      text-align: center;
      font-weight: 600;
      color: ${token('text-color')};
      background: color-mix(in srgb, ${token('accent')} 14%, ${token('background')});
      border: 2px dashed ${token('accent')};
      border-radius: inherit;
      pointer-events: none;
    }
  `,
];
