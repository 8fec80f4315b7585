import { css } from 'lit';
import { controlStyles } from '../control.styles.ts';
import { playButtonStyles } from '../play-button.styles.ts';
import { themeStyles, token } from '../theme.styles.ts';

export const styles = [
  themeStyles,
  controlStyles,
  playButtonStyles,
  css`
    :host {
      display: contents;
    }

    /*
     * In the top layer, over the whole window, whatever clips or stacks the thread; opaque and
     * dark in either theme, as photo viewers are, so nothing of the page shows through.
     */
    .dialog {
      box-sizing: border-box;
      width: 100vw;
      height: 100dvh;
      max-width: none;
      max-height: none;
      margin: 0;
      padding: 0;
      border: none;
      color-scheme: dark;
      color: var(--chat-lightbox-color, #f0f3f6);
      background: var(--chat-lightbox-background, #0b0d10);
    }

    .dialog:focus {
      outline: none;
    }

    .dialog[open] {
      display: grid;
      grid-template-rows: auto minmax(0, 1fr) auto;
    }

    .dialog::backdrop {
      background: var(--chat-lightbox-background, #0b0d10);
    }

    .muted {
      color: inherit;
      opacity: 0.8;
    }

    /* One line at any width: the name gives way (ellipsis), the icon buttons never wrap. */
    .bar {
      display: flex;
      align-items: center;
      gap: ${token('spacing-small')};
      min-width: 0;
      padding: ${token('spacing-small')} ${token('spacing-medium')};
      padding-inline-start: ${token('spacing-large')};
      white-space: nowrap;
    }

    .title {
      display: flex;
      flex: 1 1 auto;
      align-items: baseline;
      min-width: 0;
      margin: 0;
      font-size: 1em;
      font-weight: 600;
    }

    .name {
      overflow: hidden;
      text-overflow: ellipsis;
    }

    .name,
    .position {
      unicode-bidi: isolate;
    }

    .position {
      flex: none;
      font-weight: normal;
      margin-inline-start: 0.5em;
    }

    .state {
      flex: 0 1 auto;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
    }

    /* Icon buttons, 44 px: a touch target on a phone, and light on the dark backdrop. */
    .tool,
    .nav {
      display: inline-grid;
      flex: none;
      place-items: center;
      box-sizing: border-box;
      width: 2.75rem;
      height: 2.75rem;
      padding: 0;
      font-size: 1rem;
      color: inherit;
      border-color: transparent;
    }

    .tool:hover,
    .nav:hover {
      background: rgb(255 255 255 / 0.12);
    }

    .zoom {
      flex: none;
      min-width: 3em;
      text-align: center;
    }

    /* Zoomed in, the image grows past the stage, which scrolls; fitted, it is centred. */
    .stage {
      display: grid;
      grid-template: minmax(0, 1fr) / minmax(0, 1fr);
      place-items: safe center;
      overflow: auto;
      overscroll-behavior: contain;
      padding-inline: 3.5rem;
      /* Fitted, a sideways finger is a swipe to the next image, not a pan the browser takes. */
      touch-action: pan-y pinch-zoom;
    }

    .stage[tabindex] {
      touch-action: auto;
    }

    .stage > * {
      grid-area: 1 / 1;
    }

    /* Over a video's poster, in its middle. */
    .play {
      --play-size: 4.5rem;
    }

    .image {
      width: calc(var(--zoom, 1) * 100%);
      height: calc(var(--zoom, 1) * 100%);
      object-fit: contain;
    }

    .icon {
      opacity: 0.8;
    }

    .caption {
      margin: 0;
      padding: ${token('spacing-medium')} ${token('spacing-large')};
      max-height: 6em;
      overflow: hidden auto;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      unicode-bidi: plaintext;
      text-align: center;
    }

    .nav {
      position: absolute;
      inset-block-start: 50%;
      translate: 0 -50%;
      background: rgb(0 0 0 / 0.45);
    }

    .nav:hover {
      background: rgb(0 0 0 / 0.65);
    }

    .previous {
      inset-inline-start: ${token('spacing-medium')};
    }

    .next {
      inset-inline-end: ${token('spacing-medium')};
    }

    /* The arrows point the way the images go: mirrored right to left. */
    :host(:dir(rtl)) .nav svg {
      scale: -1 1;
    }

    /* A phone: the image takes the whole width (the arrows float over it, a swipe also moves). */
    @media (max-width: 35rem) {
      .stage {
        padding-inline: 0;
      }

      .zoom {
        display: none;
      }
    }
  `,
];
