import { css } from 'lit';
import { controlStyles } from '../control.styles.ts';
import { themeStyles, token } from '../theme.styles.ts';

export const styles = [
  themeStyles,
  controlStyles,
  css`
    :host {
      display: contents;
    }

    /* In the top layer, over the whole window, whatever clips or stacks the thread. */
    .dialog {
      box-sizing: border-box;
      width: 100vw;
      height: 100dvh;
      max-width: none;
      max-height: none;
      margin: 0;
      padding: 0;
      border: none;
      color: ${token('text-color')};
      background: color-mix(in srgb, ${token('background')} 94%, transparent);
    }

    .dialog[open] {
      display: grid;
      grid-template-rows: auto minmax(0, 1fr) auto;
    }

    .dialog::backdrop {
      background: rgb(0 0 0 / 0.4);
    }

    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${token('spacing-medium')};
      padding: ${token('spacing-medium')} ${token('spacing-large')};
    }

    .title {
      flex: 1 1 10em;
      min-width: 0;
      margin: 0;
      font-size: 1em;
      font-weight: 600;
      overflow-wrap: anywhere;
    }

    .name,
    .position {
      unicode-bidi: isolate;
    }

    .position {
      font-weight: normal;
      margin-inline-start: 0.5em;
    }

    .tool,
    .nav {
      display: inline-grid;
      place-items: center;
      padding: 0.35em;
    }

    .zoom {
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
    }

    .image {
      width: calc(var(--zoom, 1) * 100%);
      height: calc(var(--zoom, 1) * 100%);
      object-fit: contain;
    }

    .icon {
      color: ${token('muted-color')};
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
      background: ${token('background')};
    }

    .nav:hover {
      background: ${token('background')};
      filter: brightness(0.95);
    }

    .previous {
      inset-inline-start: ${token('spacing-large')};
    }

    .next {
      inset-inline-end: ${token('spacing-large')};
    }

    /* The arrows point the way the images go: mirrored right to left. */
    :host(:dir(rtl)) .nav svg {
      scale: -1 1;
    }
  `,
];
