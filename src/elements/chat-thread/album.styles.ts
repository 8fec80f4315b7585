import { css } from 'lit';
import { token } from '../theme.styles.ts';

/**
 * The thread's styles of albums (see `album.ts`), added to its own by the code of file messages
 * (`thread-files.ts`) when it loads: a page that only chats never downloads them.
 */
export const albumStyles = css`
  /* Files other than images sent together: one card, a file per line. */
  .documents {
    display: grid;
    justify-self: start;
    width: fit-content;
    min-width: min(16rem, 100%);
    max-width: var(--chat-bubble-max-width, min(36rem, 85%));
    overflow: hidden;
    border-radius: ${token('bubble-radius')};
    background: ${token('bubble-background')};
  }

  .mine > .documents {
    justify-self: end;
    background: ${token('bubble-mine-background')};
  }

  .documents > file-bubble + file-bubble {
    border-block-start: 1px solid ${token('border-color')};
  }

  .documents > file-bubble::part(bubble) {
    width: 100%;
    max-width: none;
    padding-block: 0.45em;
    border-radius: 0;
    background: transparent;
  }
`;
