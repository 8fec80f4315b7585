import { html } from 'lit';
import '../src/define.ts';
import { de } from '../src/elements/locales/de.ts';
import { gallery } from './media-samples.ts';
import type { Meta, Story } from './story-helpers.ts';
import { conversation, photo } from './story-helpers.ts';

// No autodocs: every story is a modal dialog over the whole window.
export default { title: 'Chatdrop/Lightbox', component: 'chat-lightbox' } satisfies Meta;

export const Open: Story = {
  name: 'Open (2 of 5: Left/Right, +/-, Escape)',
  render: () => html`<chat-lightbox open .images=${gallery} .index=${1}></chat-lightbox>`,
};

export const PlaceholderAndDownloading: Story = {
  name: 'Placeholder only, downloading the full image',
  render: () => html`<chat-lightbox open .images=${gallery} .index=${2}
    .downloads=${{ 'g2/1': { status: 'downloading', received: 600_000, total: 1_850_000 } }}></chat-lightbox>`,
};

export const Dark: Story = {
  render: () => html`<div style="--chat-color-scheme: dark"><chat-lightbox open .images=${gallery} .index=${0}></chat-lightbox></div>`,
};

export const German: Story = {
  name: 'German (strings = de)',
  render: () => html`<div lang="de"><chat-lightbox open .strings=${de} .images=${gallery} .index=${3}></chat-lightbox></div>`,
};

export const FromTheThread: Story = {
  name: "Opened from a thread's image",
  render: () => html`<chat-thread user-id="me" style="--chat-thread-height: 28rem"
    .messages=${[...conversation, { id: 'c7', room: 'demo', sender: { id: 'alice', name: 'Alice' }, createdAt: Date.now(), attachments: [{ ...photo, name: 'second.png' }] }]}></chat-thread>`,
  play: async ({ canvasElement }) => {
    const thread = canvasElement.querySelector('chat-thread')!;
    await thread.updateComplete;
    const bubble = thread.shadowRoot!.querySelector('file-bubble')!;
    await bubble.updateComplete;
    bubble.shadowRoot!.querySelector<HTMLButtonElement>('[part="open"]')!.click();
    await thread.updateComplete;
  },
};
