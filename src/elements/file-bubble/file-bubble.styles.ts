import { css } from 'lit';
import { bubbleHostStyles } from '../bubble-host.styles.ts';
import { controlStyles } from '../control.styles.ts';
import { themeStyles, token } from '../theme.styles.ts';

const thumbnailWidth = css`var(--chat-thumbnail-max-width, 240px)`;

export const styles = [
  themeStyles,
  controlStyles,
  bubbleHostStyles,
  css`
    /* A picture or player spans the bubble; an icon sits at the start of the details. */
    .bubble {
      box-sizing: border-box;
      display: grid;
      grid-template-columns: auto minmax(0, 1fr);
      gap: 0.5em 0.75em;
      align-items: start;
      min-width: 0;
      margin: 0;
      padding: 0.6em 0.75em;
      max-width: var(--chat-bubble-max-width, min(36rem, 85%));
      border-radius: ${token('bubble-radius')};
      background: ${token('bubble-background')};
    }

    :host([mine]) .bubble {
      background: ${token('bubble-mine-background')};
    }

    /*
     * The image box keeps the ratio the message declares (width × height) whatever the
     * placeholder's, the thumbnail's rounded or the full image's, so the bubble never changes
     * height as they load. Without a declared size a picture keeps its own ratio.
     */
    .media {
      grid-column: 1 / -1;
      justify-self: start;
      display: grid;
      box-sizing: border-box;
      width: ${thumbnailWidth};
      max-width: 100%;
      margin: 0;
      padding: 0;
      border: none;
      border-radius: calc(${token('bubble-radius')} / 2);
      overflow: hidden;
      font-size: inherit;
      background: ${token('thumbnail-background')};
    }

    button.media {
      cursor: zoom-in;
    }

    button.media:hover {
      background: ${token('thumbnail-background')};
    }

    .picture {
      grid-area: 1 / 1;
      display: block;
      width: 100%;
      height: auto;
      aspect-ratio: attr(width type(<number>)) / attr(height type(<number>));
      object-fit: cover;
    }

    img.picture:not(.placeholder) {
      z-index: 1;
    }

    video.media {
      display: block;
      height: auto;
      aspect-ratio: attr(width type(<number>), 16) / attr(height type(<number>), 9);
      background: #000;
    }

    .media ~ .details {
      grid-column: 1 / -1;
    }

    .icon {
      color: ${token('muted-color')};
    }

    .details {
      display: flex;
      flex-direction: column;
      gap: 0.2em;
      min-width: 0;
    }

    /* The name's own letters set its direction; it stays aligned with the bubble's. */
    .name {
      font-weight: 600;
      overflow-wrap: anywhere;
      unicode-bidi: plaintext;
    }

    /* Each value is isolated and takes its own direction (dir="auto"): a right-to-left page keeps "12 MB" whole. */
    .value {
      unicode-bidi: isolate;
    }

    .audio {
      width: 100%;
      min-width: 14em;
      margin-block: 0.2em;
    }

    /* Long captions scroll inside the bubble; marks stacked above or below a line (Zalgo) are clipped. */
    .caption {
      max-height: var(--chat-caption-max-height, 12em);
      overflow: hidden auto;
      overscroll-behavior: contain;
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
      background: ${token('progress-track')};
      overflow: hidden;
    }

    /* The fill grows from the inline start: the right in a right-to-left page. */
    .fill {
      block-size: 100%;
      inline-size: calc(var(--fraction, 0) * 100%);
      background: var(--chat-progress-color, ${token('accent')});
      transition: inline-size 0.2s;
    }

    @media (prefers-reduced-motion: reduce) {
      .fill {
        transition: none;
      }
    }
  `,
];
