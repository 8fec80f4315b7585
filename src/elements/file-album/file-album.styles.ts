import { css } from 'lit';
import { controlStyles } from '../control.styles.ts';
import { progressStyles } from '../progress.styles.ts';
import { themeStyles, token } from '../theme.styles.ts';

export const styles = [
  themeStyles,
  controlStyles,
  progressStyles,
  css`
    :host {
      display: block;
      width: var(--chat-album-width, 280px);
      max-width: 100%;
    }

    :host([mine]) {
      margin-inline-start: auto;
    }

    /* Two tiles side by side; three: the first across the top; four: two by two. The grid stays a square. */
    .grid {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: var(--chat-album-gap, 2px);
      aspect-ratio: 1;
      overflow: hidden;
      border-radius: ${token('bubble-radius')};
    }

    .grid[data-count='2'] {
      aspect-ratio: 2 / 1;
    }

    .grid[data-count='3'] > .tile:first-child {
      grid-column: 1 / -1;
    }

    .grid[data-count='1'] {
      grid-template-columns: 1fr;
      aspect-ratio: auto;
    }

    .tile {
      position: relative;
      display: grid;
      min-width: 0;
      min-height: 0;
    }

    .open {
      grid-area: 1 / 1;
      position: relative;
      display: grid;
      place-items: center;
      width: 100%;
      height: 100%;
      min-height: 0;
      margin: 0;
      padding: 0;
      border: none;
      border-radius: 0;
      overflow: hidden;
      color: ${token('muted-color')};
      background: ${token('thumbnail-background')};
      cursor: zoom-in;
    }

    .open:focus-visible {
      outline-offset: -3px;
    }

    .picture {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      object-fit: cover;
    }

    .grid[data-count='1'] .picture {
      position: static;
      height: auto;
    }

    /* A video's play glyph and play time, over its poster; clicks go through to the tile's button. */
    .play,
    .duration {
      grid-area: 1 / 1;
      position: relative;
      z-index: 1;
      pointer-events: none;
      color: #fff;
      background: rgb(0 0 0 / 0.6);
    }

    .play {
      place-self: center;
      display: grid;
      place-items: center;
      width: 2.75rem;
      height: 2.75rem;
      padding-inline-start: 0.15rem;
      box-sizing: border-box;
      border-radius: 50%;
    }

    .duration {
      align-self: start;
      justify-self: end;
      margin: 0.3rem;
      padding: 0.05em 0.45em;
      border-radius: 999px;
      font-size: 0.75em;
      font-variant-numeric: tabular-nums;
    }

    /* Over the tile, not in its button (whose name says how many more): clicks go through to the button. */
    .more {
      grid-area: 1 / 1;
      position: relative;
      z-index: 1;
      pointer-events: none;
      display: grid;
      place-items: center;
      font-size: 1.75rem;
      font-weight: 600;
      color: #fff;
      background: rgb(0 0 0 / 0.5);
    }

    /* An upload's status lies along the bottom of its tile, over the picture. */
    .tile > .status {
      grid-area: 1 / 1;
      align-self: end;
      z-index: 1;
      margin: 0.3rem;
      padding: 0.25rem 0.3rem 0.25rem 0.5rem;
      border-radius: 0.5rem;
      color: #fff;
      background: rgb(0 0 0 / 0.7);
    }

    .status {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.4rem;
      font-size: 0.8125em;
    }

    .tile > .status .error {
      color: #fff;
    }

    .status button {
      color: inherit;
    }

    .tile > .status button {
      border-color: rgb(255 255 255 / 0.6);
      background: rgb(0 0 0 / 0.35);
    }

    .round {
      display: grid;
      place-items: center;
      padding: 0.25rem;
      border-radius: 50%;
    }

    .progress {
      flex: 1;
      min-width: 2rem;
    }

    .beyond {
      display: grid;
      gap: 0.25rem;
      margin: 0.35rem 0 0;
      padding: 0;
      list-style: none;
    }

    .name {
      flex: 1 0 100%;
      overflow-wrap: anywhere;
    }
  `,
];
