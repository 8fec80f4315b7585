import { css } from 'lit';
import { controlStyles } from '../control.styles.ts';
import { themeStyles, token } from '../theme.styles.ts';

/** How the composer's fields look: the message field and the tray's caption and alt text fields. */
export const fieldLook = css`
  box-sizing: border-box;
  font: inherit;
  color: inherit;
  background: ${token('field-background')};
  border: var(--chat-field-border, 1px solid ${token('field-border-color')});
  border-radius: ${token('field-radius')};
`;

export const styles = [
  themeStyles,
  controlStyles,
  css`
    :host {
      display: block;
      position: relative;
      padding: var(--chat-composer-padding, ${token('spacing-medium')} ${token('spacing-large')});
      background: ${token('composer-background')};
      border-block-start: 1px solid ${token('border-color')};
    }

    /* The refusals, the tray and the field, one under another whatever display a page gives the host. */
    .composer {
      display: flex;
      flex-flow: column;
      gap: ${token('spacing-medium')};
      width: 100%;
    }

    .refusals:empty {
      display: none;
    }

    .refusals ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .refusals li {
      font-size: 0.875em;
      overflow-wrap: anywhere;
    }

    /* Attach (and the camera), the field, Send: one line, the field growing with its text. */
    .row {
      display: flex;
      align-items: flex-end;
      gap: ${token('spacing-small')};
    }

    textarea {
      ${fieldLook}
      flex: 1;
      min-width: 0;
      min-height: 2.25rem;
      max-height: 8rem;
      padding: 0.4em 0.6em;
      field-sizing: content;
      resize: none;
    }

    /* A phone: a 16-px field (iOS zooms into a smaller one on focus). */
    @media (pointer: coarse), (max-width: 600px) {
      textarea {
        font-size: 16px;
      }
    }

    .send {
      color: ${token('accent-contrast')};
      background: ${token('accent')};
    }

    .send:dir(rtl) svg {
      transform: scaleX(-1);
    }

    .send:hover {
      filter: brightness(1.1);
      background: ${token('accent')};
    }

    .drop-zone {
      position: absolute;
      inset: 0;
      display: grid;
      place-items: center;
      padding: ${token('spacing-medium')};
      text-align: center;
      font-weight: 600;
      color: ${token('text-color')};
      background: color-mix(in srgb, ${token('accent')} 12%, ${token('composer-background')});
      border: 2px dashed ${token('accent')};
      border-radius: 8px;
      pointer-events: none;
    }
  `,
];
