import { html } from 'lit';
import '../src/define.ts';
import type { Meta, Story } from './story-helpers.ts';
import { photo, report } from './story-helpers.ts';

export default { title: 'Chatdrop/File bubble', component: 'file-bubble', tags: ['autodocs'] } satisfies Meta;

export const ImageWithThumbnail: Story = {
  render: () => html`<file-bubble message-id="m1" .attachment=${photo}></file-bubble>`,
};

export const Uploading: Story = {
  name: 'Uploading (40%)',
  render: () => html`<file-bubble message-id="m1" mine delivery="sending" .attachment=${{ ...photo, url: '' }}
    .upload=${{ status: 'uploading', sent: 740_000, total: 1_850_000 }}></file-bubble>`,
};

export const UploadFailed: Story = {
  render: () => html`<file-bubble message-id="m1" mine delivery="failed" .attachment=${{ ...report, url: '' }}
    .upload=${{ status: 'failed', sent: 0, total: report.size, error: 'The server refused the file: it is over 10 MB.' }}></file-bubble>`,
};

export const Document: Story = {
  render: () => html`<file-bubble message-id="m1" .attachment=${report}></file-bubble>`,
};

export const OtherKinds: Story = {
  render: () => html`
    <file-bubble message-id="m1" .attachment=${{ url: 'https://files.example/clip.mp4', name: 'clip.mp4', size: 48_000_000, mime: 'video/mp4' }}></file-bubble>
    <file-bubble message-id="m2" .attachment=${{ url: 'https://files.example/voice.ogg', name: 'voice note.ogg', size: 310_000, mime: 'audio/ogg' }}></file-bubble>
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
