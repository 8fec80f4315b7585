import { css } from 'lit';

/**
 * The host of a message bubble: a row holding the bubble (`.bubble`, as wide as its content) at
 * its start, or at its end when the message is ours (`mine`), whatever display a page gives the
 * host: an auto margin pushes it in block, flex and grid alike. Margins are logical, so "mine"
 * sits on the left in a right-to-left page.
 */
export const bubbleHostStyles = css`
  :host {
    display: block;
  }

  .bubble {
    width: fit-content;
  }

  :host([mine]) .bubble {
    margin-inline-start: auto;
  }
`;
