import { html } from 'lit';
import '../src/define.ts';
import type { Meta, Story } from './story-helpers.ts';
import { samplePhoto } from './story-helpers.ts';

export default { title: 'Chatdrop/File composer', component: 'file-composer', tags: ['autodocs'] } satisfies Meta;

const composerIn = (canvas: HTMLElement) => canvas.querySelector('file-composer')!;

export const Empty: Story = {
  render: () => html`<file-composer></file-composer>`,
};

export const WithStagedFiles: Story = {
  render: () => html`<file-composer></file-composer>`,
  play: async ({ canvasElement }) => {
    composerIn(canvasElement).addFiles([
      await samplePhoto(),
      new File(['Meeting notes'], 'notes-from-the-very-long-planning-meeting-on-tuesday.txt', { type: 'text/plain' }),
    ]);
  },
};

export const WithARefusal: Story = {
  name: 'With a refusal (limit 10 MB, images and PDFs only)',
  render: () => html`<file-composer accept="image/*,.pdf" max-file-size="10000000" max-files="3"></file-composer>`,
  play: async ({ canvasElement }) => {
    composerIn(canvasElement).addFiles([
      await samplePhoto(),
      new File([new Uint8Array(12_000_000)], 'big.pdf', { type: 'application/pdf' }),
      new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' }),
    ]);
  },
};

export const Disabled: Story = {
  render: () => html`<file-composer disabled></file-composer>`,
};
