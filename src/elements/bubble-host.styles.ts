import { css } from 'lit';

/**
 * The host of a message bubble: a row holding the bubble at its start, or at its end when the
 * message is ours (`mine`). Flex ends are logical, so "mine" sits on the left in a right-to-left page.
 */
export const bubbleHostStyles = css`
  :host {
    display: flex;
  }

  :host([mine]) {
    justify-content: flex-end;
  }
`;
