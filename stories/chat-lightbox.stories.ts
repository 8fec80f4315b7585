import { html } from 'lit';
import '../src/define.ts';
import type { ChatLightbox } from '../src/elements/lightbox/chat-lightbox.ts';
import { de } from '../src/elements/locales/de.ts';
import { downloadsOf, gallery } from './media-samples.ts';
import type { Args, Meta, Story } from './story-helpers.ts';
import { conversation, photo } from './story-helpers.ts';

// No autodocs: every story is a modal dialog over the whole window.
export default {
  title: 'Chatdrop/Lightbox',
  component: 'chat-lightbox',
  args: { open: true, images: gallery, index: 1, downloads: {} },
} satisfies Meta;

/** The lightbox with every property from the story's controls. */
const lightbox = (args: Args) => html`<chat-lightbox ?open=${args.open} .images=${args.images} .index=${args.index}
  .downloads=${args.downloads} .strings=${args.strings}></chat-lightbox>`;

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

export const FromTheThread: Story = {
  name: "Opened from a thread's image",
  render: () => html`<chat-thread user-id="me" style="--chat-thread-height: 28rem"
    .messages=${[...conversation, { id: 'c7', room: 'demo', sender: { id: 'alice', name: 'Alice' }, createdAt: Date.now(), attachments: [{ ...photo, name: 'second.jpg' }] }]}></chat-thread>`,
  play: async ({ canvasElement }) => {
    const thread = canvasElement.querySelector('chat-thread')!;
    await thread.updateComplete;
    const bubble = thread.shadowRoot!.querySelector('file-bubble')!;
    await bubble.updateComplete;
    bubble.shadowRoot!.querySelector<HTMLButtonElement>('[part="open"]')!.click();
    await thread.updateComplete;
  },
};
