import { html } from 'lit';
import '../src/define.ts';
import { de } from '../src/elements/locales/de.ts';
import type { Args, Meta, Story } from './story-helpers.ts';
import { samplePhoto } from './story-helpers.ts';

export default {
  title: 'Chatdrop/File composer',
  component: 'file-composer',
  tags: ['autodocs'],
  args: { accept: '', maxFileSize: undefined, maxFiles: 10, capture: undefined, hidesDropZone: false, disabled: false },
  argTypes: { capture: { control: 'select', options: [undefined, 'user', 'environment'] } },
} satisfies Meta;

/** A composer with every property from the story's controls. */
const composer = (args: Args) => html`<file-composer .accept=${args.accept} .maxFileSize=${args.maxFileSize} .maxFiles=${args.maxFiles}
  .capture=${args.capture} .hidesDropZone=${args.hidesDropZone} .disabled=${args.disabled} .strings=${args.strings}></file-composer>`;

const composerIn = (canvas: HTMLElement) => canvas.querySelector('file-composer')!;

/** Stages a photo, a long-named text file and a PDF, as if picked. */
async function stageThree(canvas: HTMLElement): Promise<void> {
  composerIn(canvas).addFiles([
    await samplePhoto(),
    new File(['Meeting notes'], 'notes-from-the-very-long-planning-meeting-on-tuesday.txt', { type: 'text/plain' }),
    new File(['%PDF'], 'agenda.pdf', { type: 'application/pdf' }),
  ]);
}

export const Empty: Story = {
  render: composer,
};

export const WithStagedFiles: Story = {
  name: 'With staged files (reorder by drag, Move buttons or Alt+Arrow keys)',
  render: composer,
  play: async ({ canvasElement }) => stageThree(canvasElement),
};

export const WithARefusal: Story = {
  name: 'With a refusal (limit 10 MB, images and PDFs only)',
  args: { accept: 'image/*,.pdf', maxFileSize: 10_000_000, maxFiles: 3 },
  render: composer,
  play: async ({ canvasElement }) => {
    composerIn(canvasElement).addFiles([
      await samplePhoto(),
      new File([new Uint8Array(12_000_000)], 'big.pdf', { type: 'application/pdf' }),
      new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' }),
    ]);
  },
};

export const WithCamera: Story = {
  name: 'With a camera (capture="environment")',
  args: { capture: 'environment', accept: 'image/*' },
  render: composer,
};

export const Disabled: Story = {
  args: { disabled: true },
  render: composer,
};

export const Dark: Story = {
  render: () => html`<div style="--chat-color-scheme: dark; background: #010409; padding: 1rem">
    <file-composer capture="user"></file-composer>
  </div>`,
  play: async ({ canvasElement }) => stageThree(canvasElement),
};

export const RightToLeft: Story = {
  name: 'Right to left',
  render: () => html`<div dir="rtl" lang="ar"><file-composer></file-composer></div>`,
  play: async ({ canvasElement }) => stageThree(canvasElement),
};

export const German: Story = {
  name: 'German (strings = de)',
  render: () => html`<div lang="de"><file-composer .strings=${de} max-file-size="1000000" capture="environment"></file-composer></div>`,
  play: async ({ canvasElement }) => {
    composerIn(canvasElement).addFiles([await samplePhoto(), new File([new Uint8Array(1_500_000)], 'gross.bin')]);
  },
};

export const PhoneWidth: Story = {
  name: 'Phone width (360px)',
  render: () => html`<div style="width: 360px"><file-composer capture="environment"></file-composer></div>`,
  play: async ({ canvasElement }) => stageThree(canvasElement),
};
