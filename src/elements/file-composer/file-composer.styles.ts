import { css } from 'lit';
import { controlStyles } from '../control.styles.ts';

export const styles = [
  controlStyles,
  css`
    :host {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      position: relative;
      padding: var(--chat-composer-padding, 0.5rem 0.75rem);
      background: var(--chat-composer-background, #fff);
      border-top: 1px solid var(--chat-border-color, #d0d7de);
    }

    .refusals:empty {
      display: none;
    }

    .refusals ul,
    .tray {
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .refusals li {
      font-size: 0.875em;
      overflow-wrap: anywhere;
    }

    .tray {
      display: flex;
      flex-direction: column;
      gap: 0.375rem;
      max-height: var(--chat-tray-max-height, 16rem);
      overflow-y: auto;
    }

    .staged {
      display: flex;
      align-items: flex-start;
      gap: 0.5rem;
      padding: 0.375rem;
      border-radius: 8px;
      background: var(--chat-bubble-background, #eef0f3);
    }

    .preview {
      flex: none;
      width: 3rem;
      height: 3rem;
      object-fit: cover;
      border-radius: 6px;
    }

    .icon {
      flex: none;
      color: var(--chat-muted-color, #5b636d);
    }

    .staged-details {
      flex: 1;
      min-width: 0;
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.25rem 0.5rem;
    }

    .name {
      font-weight: 600;
      overflow-wrap: anywhere;
      unicode-bidi: isolate;
    }

    input[type='text'],
    textarea {
      box-sizing: border-box;
      font: inherit;
      color: inherit;
      background: var(--chat-field-background, #fff);
      border: var(--chat-field-border, 1px solid #afb8c1);
      border-radius: 6px;
    }

    input[type='text'] {
      flex: 1 1 100%;
      padding: 0.2em 0.4em;
      font-size: 0.875em;
    }

    .row {
      display: flex;
      align-items: flex-end;
      gap: 0.5rem;
    }

    textarea {
      flex: 1;
      min-width: 0;
      max-height: 8rem;
      padding: 0.4em 0.6em;
      resize: vertical;
    }

    .send {
      color: var(--chat-accent-contrast, #fff);
      background: var(--chat-accent, #0550ae);
      border-color: var(--chat-accent, #0550ae);
    }

    .send:hover {
      filter: brightness(1.1);
      background: var(--chat-accent, #0550ae);
    }

    .drop-zone {
      position: absolute;
      inset: 0;
      display: grid;
      place-items: center;
      font-weight: 600;
      background: color-mix(in srgb, var(--chat-accent, #0550ae) 12%, var(--chat-composer-background, #fff));
      border: 2px dashed var(--chat-accent, #0550ae);
      border-radius: 8px;
      pointer-events: none;
    }
  `,
];
