import { html } from 'lit';
import '../src/define.ts';
import type { ChatLightbox } from '../src/elements/lightbox/chat-lightbox.ts';
import { de } from '../src/elements/locales/de.ts';
import { argsOf, props } from './controls.ts';
import { clip, downloadsOf, gallery } from './media-samples.ts';
import type { Args, Meta, Story } from './story-helpers.ts';

// No autodocs: every story is a modal dialog over the whole window.
export default {
  title: 'Chatdrop/Lightbox',
  component: 'chat-lightbox',
  args: argsOf('chat-lightbox', { open: true, images: gallery, index: 1 }),
} satisfies Meta;

/** The lightbox with every property from the story's controls. */
const lightbox = (args: Args) => html`<chat-lightbox ${props(args)}></chat-lightbox>`;

/** Gives the lightbox in `canvas` the full images, downloaded (by the auto-download policy). */
async function downloadAll({ canvasElement }: { canvasElement: HTMLElement }) {
  const element = canvasElement.querySelector<ChatLightbox>('chat-lightbox')!;
  element.downloads = await downloadsOf(element.images);
  await element.updateComplete;
}

export const Open: Story = {
  name: 'Open (2 of 5: Left/Right, swipe, +/-, Escape)',
  render: lightbox,
  play: downloadAll,
};

export const ThumbnailOnly: Story = {
  name: 'Thumbnail only, with Download',
  render: lightbox,
};

export const PlaceholderAndDownloading: Story = {
  name: 'Placeholder only, downloading the full image',
  args: { index: 2, downloads: { 'g2/1': { status: 'downloading', received: 6_000, total: 15_015 } } },
  render: lightbox,
};

export const Dark: Story = {
  name: 'Dark page (the lightbox is dark either way)',
  args: { index: 0 },
  render: (args) => html`<div style="--chat-color-scheme: dark">${lightbox(args)}</div>`,
  play: downloadAll,
};

export const LongName: Story = {
  name: 'A long name (it gives way, the buttons stay on one line)',
  args: { index: 4 },
  render: lightbox,
};

export const German: Story = {
  name: 'German (strings = de)',
  args: { index: 3, strings: de },
  render: (args) => html`<div lang="de">${lightbox(args)}</div>`,
};

export const Video: Story = {
  name: 'A video, reached with the arrows: its poster and a play button (one the lightbox opens on plays at once)',
  args: { images: [...gallery.slice(0, 2), { messageId: 'v1', index: 0, attachment: clip }] },
  render: lightbox,
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector<ChatLightbox>('chat-lightbox')!;
    await element.updateComplete;
    element.go(1);
    await element.updateComplete;
  },
};
