import { html } from 'lit';
import '../src/define.ts';
import { de } from '../src/elements/locales/de.ts';
import type { TransferFailure } from '../src/upload/handler.ts';
import { argsOf, props } from './controls.ts';
import { clip, placeholderPhoto, voice } from './media-samples.ts';
import type { Args, Meta, Story } from './story-helpers.ts';
import { photo, report } from './story-helpers.ts';

export default {
  title: 'Chatdrop/File bubble',
  component: 'file-bubble',
  tags: ['autodocs'],
  args: argsOf('file-bubble', { messageId: 'm1', attachment: photo }),
  argTypes: { delivery: { control: 'radio', options: ['sending', 'sent', 'failed'] } },
} satisfies Meta;

/** One bubble with every property from the story's controls; in a story of several, the first. */
const bubble = (args: Args) => html`<file-bubble ${props(args)}></file-bubble>`;

/** A download whose bytes did not match the checksum its message carries. */
const DAMAGED: TransferFailure = { code: 'integrity', message: 'sha256 mismatch' };

export const ImageWithThumbnail: Story = {
  name: 'Photo (the picture alone, Download over its corner)',
  render: bubble,
};

export const PhotoWithCaption: Story = {
  name: 'Photo with a caption',
  args: { attachment: { ...photo, caption: 'Sunset on the last evening' } },
  render: bubble,
};

export const PhotoDownloading: Story = {
  name: 'Photo downloading (progress and Cancel under it)',
  args: { attachment: photo, download: { status: 'downloading', received: 6_000, total: photo.size } },
  render: bubble,
};

export const Uploading: Story = {
  name: 'Uploading (40%)',
  args: { isMine: true, delivery: 'sending', attachment: { ...photo, url: '' }, upload: { status: 'uploading', sent: 7_400, total: photo.size, remainingMs: 12_000 } },
  render: bubble,
};

export const UploadFailed: Story = {
  args: {
    isMine: true,
    delivery: 'failed',
    attachment: { ...report, url: '' },
    upload: { status: 'failed', sent: 0, total: report.size, error: { code: 'too-large', message: 'HTTP 413', status: 413, maxFileSize: 10_000_000 } },
  },
  render: bubble,
};

export const Document: Story = {
  args: { attachment: report },
  render: bubble,
};

export const ImageWithPlaceholderOnly: Story = {
  name: 'Image with only its placeholder (thumbhash)',
  args: { attachment: placeholderPhoto },
  render: bubble,
};

export const Video: Story = {
  name: 'Video (poster until downloaded)',
  args: { attachment: clip },
  render: bubble,
};

export const VideoDownloaded: Story = {
  name: 'Video (downloaded: the player plays the bytes)',
  args: { attachment: clip, download: { status: 'done', received: 1, blob: new Blob(['not a real video'], { type: 'video/mp4' }) } },
  render: bubble,
};

export const Audio: Story = {
  name: 'Audio (play time; player once downloaded)',
  args: { attachment: voice },
  render: (args) => html`
    ${bubble(args)}
    <file-bubble message-id="m2" .attachment=${voice} .download=${{ status: 'done', received: 1, blob: new Blob(['ogg'], { type: 'audio/ogg' }) }}></file-bubble>
  `,
};

export const HostileName: Story = {
  name: 'Hostile names (markup, bidi override)',
  args: { attachment: { ...report, name: '<img src=x onerror=alert(1)>.png', caption: '<script>alert(1)</script>' } },
  render: (args) => html`
    ${bubble(args)}
    <file-bubble message-id="m2" .attachment=${{ ...report, name: 'invoice\u202Efdp.exe', mime: 'application/x-msdownload' }}></file-bubble>
  `,
};

export const UnsupportedLink: Story = {
  args: { attachment: { ...report, url: 'javascript:alert(1)' } },
  render: bubble,
};

export const Downloading: Story = {
  args: { attachment: report, download: { status: 'downloading', received: 8_000_000, total: report.size } },
  render: bubble,
};

export const DownloadFailed: Story = {
  args: { attachment: report, download: { status: 'failed', received: 0, error: { code: 'server', message: 'HTTP 502', status: 502 } } },
  render: bubble,
};

export const Downloaded: Story = {
  args: { attachment: report, download: { status: 'done', received: report.size, blob: new Blob(['%PDF'], { type: 'application/pdf' }) } },
  render: bubble,
};

export const Unavailable: Story = {
  name: 'Unavailable (404/410: nothing to retry)',
  args: { attachment: report, download: { status: 'unavailable', received: 0 } },
  render: bubble,
};

export const DamagedDownload: Story = {
  name: 'Damaged download (hash mismatch)',
  args: { download: { status: 'failed', received: 0, error: DAMAGED } },
  render: bubble,
};

/** One of each kind and state besides a photo, for the theme and direction stories (under the bubble of their controls). */
const sampler = () => html`
  <file-bubble message-id="m2" mine delivery="sending" .attachment=${{ ...report, url: '' }} .upload=${{ status: 'uploading', sent: 4_100_000, total: report.size }}></file-bubble>
  <file-bubble message-id="m3" .attachment=${voice} .download=${{ status: 'downloading', received: 100_000, total: voice.size }}></file-bubble>
  <file-bubble message-id="m4" mine .attachment=${clip}></file-bubble>
  <file-bubble message-id="m5" .attachment=${report} .download=${{ status: 'failed', received: 0, error: DAMAGED }}></file-bubble>
`;

export const RightToLeft: Story = {
  name: 'Right to left (progress fills from the right)',
  args: { attachment: { ...report, name: 'تقرير الربع الثالث.pdf', caption: 'الأرقام لمجلس الإدارة' } },
  render: (args) => html`<div dir="rtl" lang="ar" style="display: grid; gap: 0.5rem">
    ${bubble(args)}
    <file-bubble message-id="r2" .attachment=${photo}></file-bubble>
    ${sampler()}
  </div>`,
};

export const Dark: Story = {
  render: (args) => html`<div style="--chat-color-scheme: dark; background: #0d1117; padding: 1rem; display: grid; gap: 0.5rem">${bubble(args)}${sampler()}</div>`,
};

export const German: Story = {
  name: 'German (strings = de)',
  args: { strings: de, attachment: report, download: { status: 'downloading', received: 3_000_000, total: report.size } },
  render: (args) => html`<div lang="de" style="display: grid; gap: 0.5rem">
    ${bubble(args)}
    <file-bubble message-id="d2" .strings=${de} .attachment=${report} .download=${{ status: 'unavailable', received: 0 }}></file-bubble>
  </div>`,
};
