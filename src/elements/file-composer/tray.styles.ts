import { css } from 'lit';
import { token } from '../theme.styles.ts';
import { fieldLook } from './file-composer.styles.ts';

/** The tray's styles, loaded with the staging code; the composer's own styles cover the rest. */
export const trayStyles = css`
    .tray {
      margin: 0;
      padding: 0;
      list-style: none;
      display: flex;
      flex-direction: column;
      gap: 0.375rem;
      max-height: var(--chat-tray-max-height, 16rem);
      overflow-y: auto;
      container-type: inline-size;
    }

    .staged {
      display: flex;
      align-items: flex-start;
      gap: ${token('spacing-medium')};
      padding: 0.375rem;
      border-radius: 8px;
      background: ${token('bubble-background')};
      outline: 2px solid transparent;
    }

    .staged.dragged {
      opacity: 0.5;
    }

    .staged.drop-target {
      outline: 2px dashed ${token('accent')};
    }

    .handle {
      flex: none;
      align-self: center;
      padding-inline: 0.125rem;
      color: ${token('muted-color')};
      cursor: grab;
      user-select: none;
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
      color: ${token('muted-color')};
    }

    .staged-details {
      flex: 1;
      min-width: 0;
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: ${token('spacing-small')} ${token('spacing-medium')};
    }

    .staged-actions {
      flex: none;
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: ${token('spacing-small')};
      max-width: 8rem;
    }

    /* Narrow (a phone): the buttons go on a row of their own under the fields. */
    @container (max-width: 26rem) {
      .staged {
        flex-wrap: wrap;
      }

      .staged-actions {
        flex-basis: 100%;
        max-width: none;
      }
    }

    .name {
      font-weight: 600;
      overflow-wrap: anywhere;
      unicode-bidi: isolate;
    }

    input[type='text'] {
      ${fieldLook}
      flex: 1 1 100%;
      min-width: 0;
      padding: 0.2em 0.4em;
      font-size: 0.875em;
    }

    .icon-button {
      display: inline-grid;
      place-items: center;
      padding: 0.2em;
      min-width: 1.75rem;
      min-height: 1.75rem;
    }
`;
