import { html } from 'lit';
import '../src/define.ts';
import type { AlbumImage } from '../src/elements/file-album/file-album.ts';
import { de } from '../src/elements/locales/de.ts';
import type { Attachment } from '../src/model/message.ts';
import { argsOf, props } from './controls.ts';
import { clip } from './media-samples.ts';
import type { Args, Meta, Story } from './story-helpers.ts';
import { photo, pictureOf } from './story-helpers.ts';

/** The tiles of an album: each file as the message `m<n>` carries it, sent. */
const tiles = (attachments: Attachment[]): AlbumImage[] =>
  attachments.map((attachment, at) => ({ messageId: `m${at + 1}`, index: 0, attachment, delivery: 'sent' }));

const harbour = pictureOf('harbour.jpg', 'Boats in the harbour at dusk');
const dunes = pictureOf('dunes.jpg', 'Dunes under a pale sky');
const video = { ...clip, caption: undefined };

export default {
  title: 'Chatdrop/File album',
  component: 'file-album',
  tags: ['autodocs'],
  args: argsOf('file-album', { images: tiles([harbour, dunes, video]) }),
} satisfies Meta;

/** An album with every property from the story's controls. */
const album = (args: Args) => html`<file-album ${props(args)}></file-album>`;

export const PhotosAndAVideo: Story = {
  name: 'Two photos and a video (its poster, a play glyph and its play time)',
  render: album,
};

export const MoreThanFour: Story = {
  name: 'Six files: four tiles, the last saying +2',
  args: { images: tiles([harbour, dunes, video, photo, harbour, dunes]) },
  render: album,
};

export const Uploading: Story = {
  name: 'Ours, uploading (progress and Cancel on a tile, a failure with Retry)',
  args: {
    isMine: true,
    images: [
      { messageId: 'u1', index: 0, attachment: { ...harbour, url: '' }, delivery: 'sending', upload: { status: 'uploading', sent: 9_000, total: 20_000 } },
      { messageId: 'u2', index: 0, attachment: { ...dunes, url: '' }, delivery: 'failed', upload: { status: 'failed', sent: 0, total: 20_000, error: { code: 'server', message: 'HTTP 503', status: 503 } } },
      { messageId: 'u3', index: 0, attachment: video, delivery: 'sent' },
    ],
  },
  render: album,
};

export const Dark: Story = {
  render: (args) => html`<div style="--chat-color-scheme: dark; background: #0d1117; padding: 1rem">${album(args)}</div>`,
};

export const German: Story = {
  name: 'German (strings = de)',
  args: { strings: de, images: tiles([harbour, dunes, video, photo, dunes]) },
  render: (args) => html`<div lang="de">${album(args)}</div>`,
};
