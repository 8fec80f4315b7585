import { css } from 'lit';
import { bubbleHostStyles } from '../bubble-host.styles.ts';
import { controlStyles } from '../control.styles.ts';
import { playButtonStyles } from '../play-button.styles.ts';
import { progressStyles } from '../progress.styles.ts';
import { themeStyles, token } from '../theme.styles.ts';

const thumbnailWidth = css`var(--chat-thumbnail-max-width, 240px)`;

export const styles = [
  themeStyles,
  controlStyles,
  progressStyles,
  playButtonStyles,
  bubbleHostStyles,
  css`
    /* One column: a picture, a player or a file's row, then the details (caption, status) under it. */
    .bubble {
      box-sizing: border-box;
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 0.5em;
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

    /* A picture fills its bubble but for a thin frame; its caption and status sit under it. */
    .picture-bubble {
      padding: 0.2rem;
      gap: 0.25em;
    }

    /* As wide as its picture, or as the bubble where that is narrower (a phone's row): the picture shrinks, never overflows. */
    .frame {
      justify-self: start;
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      max-width: 100%;
    }

    .frame > * {
      grid-area: 1 / 1;
    }

    .picture-bubble .media {
      border-radius: calc(${token('bubble-radius')} - 0.2rem);
    }

    /* The caption and status wrap at the picture's width: they never widen the bubble past it. */
    .picture-bubble .details {
      contain: inline-size;
      padding: 0 0.55em 0.3em;
    }

    /* Details with nothing to show take no room (the hidden full name still describes the buttons). */
    .details:not(:has(.name, .caption, .status)) {
      display: none;
    }

    /* The one action of a picture at rest (Download, Save), over its top corner. */
    .action {
      z-index: 3;
      align-self: start;
      justify-self: end;
      margin: 0.35rem;
    }

    .action .icon-button {
      border-radius: 50%;
      color: #fff;
      background: rgb(0 0 0 / 0.55);
    }

    .action .icon-button:hover {
      background: rgb(0 0 0 / 0.75);
    }

    /* "Sent", over the bottom corner of our picture. */
    .sent {
      z-index: 3;
      align-self: end;
      justify-self: end;
      margin: 0.4rem;
      padding: 0.1em 0.5em;
      border-radius: 999px;
      font-size: 0.75em;
      color: #fff;
      background: rgb(0 0 0 / 0.6);
      pointer-events: none;
    }

    /*
     * The image box keeps the ratio the message declares (width × height) whatever the
     * placeholder's, the thumbnail's rounded or the full image's, so the bubble never changes
     * height as they load. Without a declared size a picture keeps its own ratio.
     */
    .media {
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

    /* Once a picture is decoded nothing shows behind it: a transparent image stays transparent. */
    .media.shown,
    button.media.shown:hover {
      background: none;
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

    /* A video keeps the box its declared size reserves, poster or playing: the bubble never jumps. */
    .video {
      position: relative;
    }

    video.picture {
      aspect-ratio: attr(width type(<number>), 16) / attr(height type(<number>), 9);
      background: #000;
    }

    .blank {
      aspect-ratio: 16 / 9;
    }

    .play {
      grid-area: 1 / 1;
      z-index: 2;
      place-self: center;
    }

    .badge {
      grid-area: 1 / 1;
      z-index: 2;
      align-self: end;
      justify-self: start;
      margin: 0.4em;
      padding: 0.1em 0.45em;
      border-radius: 999px;
      font-size: 0.75em;
      color: #fff;
      background: rgb(0 0 0 / 0.6);
      pointer-events: none;
    }

    .play-audio,
    .icon-button {
      display: inline-grid;
      place-items: center;
      box-sizing: border-box;
      width: 2.25rem;
      height: 2.25rem;
      padding: 0;
      border-radius: 50%;
    }

    .play-audio {
      border: none;
      padding-left: 0.15rem;
      color: ${token('accent-contrast')};
      background: ${token('accent')};
    }

    .play-audio:hover {
      background: ${token('accent')};
      filter: brightness(1.1);
    }

    .icon-button {
      border: none;
    }

    @media (pointer: coarse) {
      .play-audio,
      .icon-button {
        width: 44px;
        height: 44px;
      }
    }

    /*
     * A file's row: icon, name and size, then its action at the end. The action wraps under them
     * only where the row cannot hold a few words of the name; the name is cut with an ellipsis.
     */
    .file-row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5em 0.75em;
    }

    .file-row .icon-button {
      margin-inline-start: auto;
    }

    /* It grows from nothing to fill the row, but wraps the action under it rather than go under 6em. */
    .heading {
      display: flex;
      flex: 1 1 0;
      flex-direction: column;
      gap: 0.2em;
      min-width: 6em;
    }

    .heading > * {
      overflow: hidden;
      white-space: nowrap;
      text-overflow: ellipsis;
    }

    .icon {
      display: flex;
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

    .audio-row {
      display: flex;
      align-items: center;
      gap: 0.6em;
      min-width: 12em;
      font-variant-numeric: tabular-nums;
    }

    .audio {
      width: 100%;
      min-width: 16rem;
      height: 2.5rem;
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
    }
  `,
];
