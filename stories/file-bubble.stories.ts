import { html } from 'lit';
import '../src/define.ts';
import { de } from '../src/elements/locales/de.ts';
import { DAMAGED_FILE } from '../src/upload/downloader.ts';
import { clip, placeholderPhoto, voice } from './media-samples.ts';
import type { Meta, Story } from './story-helpers.ts';
import { photo, report } from './story-helpers.ts';

export default { title: 'Chatdrop/File bubble', component: 'file-bubble', tags: ['autodocs'] } satisfies Meta;

export const ImageWithThumbnail: Story = {
  render: () => html`<file-bubble message-id="m1" .attachment=${photo}></file-bubble>`,
};

export const Uploading: Story = {
  name: 'Uploading (40%)',
  render: () => html`<file-bubble message-id="m1" mine delivery="sending" .attachment=${{ ...photo, url: '' }}
    .upload=${{ status: 'uploading', sent: 740_000, total: 1_850_000, remainingMs: 12_000 }}></file-bubble>`,
};

export const UploadFailed: Story = {
  render: () => html`<file-bubble message-id="m1" mine delivery="failed" .attachment=${{ ...report, url: '' }}
    .upload=${{ status: 'failed', sent: 0, total: report.size, error: 'The server refused the file: it is over 10 MB.' }}></file-bubble>`,
};

export const Document: Story = {
  render: () => html`<file-bubble message-id="m1" .attachment=${report}></file-bubble>`,
};

export const ImageWithPlaceholderOnly: Story = {
  name: 'Image with only its placeholder (thumbhash)',
  render: () => html`<file-bubble message-id="m1" .attachment=${placeholderPhoto}></file-bubble>`,
};

export const Video: Story = {
  name: 'Video (poster until downloaded)',
  render: () => html`<file-bubble message-id="m1" .attachment=${clip}></file-bubble>`,
};

export const VideoDownloaded: Story = {
  name: 'Video (downloaded: the player plays the bytes)',
  render: () => html`<file-bubble message-id="m1" .attachment=${clip}
    .download=${{ status: 'done', received: 1, blob: new Blob(['not a real video'], { type: 'video/mp4' }) }}></file-bubble>`,
};

export const Audio: Story = {
  name: 'Audio (play time; player once downloaded)',
  render: () => html`
    <file-bubble message-id="m1" .attachment=${voice}></file-bubble>
    <file-bubble message-id="m2" .attachment=${voice} .download=${{ status: 'done', received: 1, blob: new Blob(['ogg'], { type: 'audio/ogg' }) }}></file-bubble>
  `,
};

export const HostileName: Story = {
  name: 'Hostile names (markup, bidi override)',
  render: () => html`
    <file-bubble message-id="m1" .attachment=${{ ...report, name: '<img src=x onerror=alert(1)>.png', caption: '<script>alert(1)</script>' }}></file-bubble>
    <file-bubble message-id="m2" .attachment=${{ ...report, name: 'invoice\u202Efdp.exe', mime: 'application/x-msdownload' }}></file-bubble>
  `,
};

export const UnsupportedLink: Story = {
  render: () => html`<file-bubble message-id="m1" .attachment=${{ ...report, url: 'javascript:alert(1)' }}></file-bubble>`,
};

export const Downloading: Story = {
  render: () => html`<file-bubble message-id="m1" .attachment=${report}
    .download=${{ status: 'downloading', received: 8_000_000, total: report.size }}></file-bubble>`,
};

export const DownloadFailed: Story = {
  render: () => html`<file-bubble message-id="m1" .attachment=${report}
    .download=${{ status: 'failed', received: 0, error: 'The file is no longer on the server.' }}></file-bubble>`,
};

export const Downloaded: Story = {
  render: () => html`<file-bubble message-id="m1" .attachment=${report}
    .download=${{ status: 'done', received: report.size, blob: new Blob(['%PDF'], { type: 'application/pdf' }) }}></file-bubble>`,
};

export const Unavailable: Story = {
  name: 'Unavailable (404/410: nothing to retry)',
  render: () => html`<file-bubble message-id="m1" .attachment=${report} .download=${{ status: 'unavailable', received: 0 }}></file-bubble>`,
};

export const DamagedDownload: Story = {
  name: 'Damaged download (hash mismatch)',
  render: () => html`<file-bubble message-id="m1" .attachment=${photo} .download=${{ status: 'failed', received: 0, error: DAMAGED_FILE }}></file-bubble>`,
};

/** One of each kind and state, for the theme and direction stories. */
const sampler = () => html`
  <file-bubble message-id="m1" .attachment=${photo}></file-bubble>
  <file-bubble message-id="m2" mine delivery="sending" .attachment=${{ ...report, url: '' }} .upload=${{ status: 'uploading', sent: 4_100_000, total: report.size }}></file-bubble>
  <file-bubble message-id="m3" .attachment=${voice} .download=${{ status: 'downloading', received: 100_000, total: voice.size }}></file-bubble>
  <file-bubble message-id="m4" mine .attachment=${clip}></file-bubble>
  <file-bubble message-id="m5" .attachment=${report} .download=${{ status: 'failed', received: 0, error: DAMAGED_FILE }}></file-bubble>
`;

export const RightToLeft: Story = {
  name: 'Right to left (progress fills from the right)',
  render: () => html`<div dir="rtl" lang="ar" style="display: grid; gap: 0.5rem">
    <file-bubble message-id="r1" .attachment=${{ ...report, name: 'تقرير الربع الثالث.pdf', caption: 'الأرقام لمجلس الإدارة' }}></file-bubble>
    ${sampler()}
  </div>`,
};

export const Dark: Story = {
  render: () => html`<div style="--chat-color-scheme: dark; background: #0d1117; padding: 1rem; display: grid; gap: 0.5rem">${sampler()}</div>`,
};

export const German: Story = {
  name: 'German (strings = de)',
  render: () => html`<div lang="de" style="display: grid; gap: 0.5rem">
    <file-bubble message-id="d1" .strings=${de} .attachment=${report} .download=${{ status: 'downloading', received: 3_000_000, total: report.size }}></file-bubble>
    <file-bubble message-id="d2" .strings=${de} .attachment=${report} .download=${{ status: 'unavailable', received: 0 }}></file-bubble>
  </div>`,
};
