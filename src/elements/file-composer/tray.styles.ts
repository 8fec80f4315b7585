import { css } from 'lit';
import { token } from '../theme.styles.ts';
import { fieldLook } from './file-composer.styles.ts';

/** The tray's styles, loaded with the staging code; the composer's own styles cover the rest. */
export const trayStyles = css`
    /* The row of files and the open one's details; a third of a phone's screen at most. */
    .tray-area {
      --remove-size: 1.75rem;
      display: flex;
      flex-flow: column;
      gap: ${token('spacing-small')};
      max-height: var(--chat-tray-max-height, 16rem);
      overflow-y: auto;
    }

    @media (pointer: coarse), (max-width: 600px) {
      .tray-area {
        --remove-size: 44px;
        max-height: min(var(--chat-tray-max-height, 16rem), 33dvh);
      }
    }

    /* Room above and after each file for its Remove button, which sits on its corner. */
    .tray {
      flex: none;
      display: flex;
      gap: calc(var(--remove-size) / 2);
      margin: 0;
      padding: calc(var(--remove-size) / 2 - 2px) calc(var(--remove-size) / 2) 0.25rem 0.125rem;
      list-style: none;
      overflow-x: auto;
      overscroll-behavior-x: contain;
      scrollbar-width: thin;
    }

    .staged {
      position: relative;
      flex: none;
      border-radius: 8px;
    }

    .staged.dragged {
      opacity: 0.5;
    }

    .staged.drop-target {
      outline: 2px dashed ${token('accent')};
      outline-offset: 2px;
    }

    /* A preview, or a file's icon, name and size: a 4-rem tile that opens the file's details. */
    .tile {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr);
      align-items: center;
      column-gap: ${token('spacing-medium')};
      box-sizing: border-box;
      height: 4rem;
      min-width: 4rem;
      max-width: 11rem;
      padding: 0 0.75rem 0 0.5rem;
      overflow: hidden;
      font-size: 0.8125em;
      text-align: start;
      color: ${token('text-color')};
      background: ${token('bubble-background')};
      border: 1px solid ${token('border-color')};
      border-radius: 8px;
      cursor: pointer;
    }

    .tile:has(.preview) {
      display: block;
      padding: 0;
    }

    .tile[aria-expanded=true] {
      border-color: ${token('accent')};
      box-shadow: 0 0 0 1px ${token('accent')};
    }

    .preview {
      display: block;
      width: 4rem;
      height: 100%;
      object-fit: cover;
    }

    .icon {
      grid-row: span 2;
      color: ${token('muted-color')};
    }

    .name {
      align-self: end;
      font-weight: 600;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
      unicode-bidi: isolate;
    }

    .tile .muted {
      align-self: start;
      font-size: 1em;
    }

    /* A transparent target (44 px on touch) with a small disc on the tile's corner. */
    .remove {
      position: absolute;
      inset-block-start: calc(2px - var(--remove-size) / 2);
      inset-inline-end: calc(2px - var(--remove-size) / 2);
      display: grid;
      place-items: center;
      box-sizing: border-box;
      width: var(--remove-size);
      height: var(--remove-size);
      padding: 0;
      border: none;
      border-radius: 50%;
    }

    .remove svg {
      padding: 4px;
      border-radius: 50%;
      color: ${token('background')};
      background: ${token('text-color')};
      box-shadow: 0 0 0 2px ${token('composer-background')};
    }

    .remove:hover {
      background: transparent;
    }

    .remove:hover svg {
      background: ${token('accent')};
    }

    /* Padded so the focus ring of a field is not clipped by the scrolling area. */
    .details {
      padding: 4px;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${token('spacing-small')};
    }

    input[type='text'] {
      ${fieldLook}
      flex: 1 1 10rem;
      min-width: 0;
      min-height: 2.25rem;
      padding: 0.3em 0.6em;
      font-size: 0.875em;
    }

    @media (pointer: coarse), (max-width: 600px) {
      input[type='text'] {
        font-size: 16px;
      }
    }

    .move {
      color: ${token('text-color')};
    }

    .move:dir(rtl) svg {
      transform: scaleX(-1);
    }
`;
