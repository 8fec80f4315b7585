import { html } from 'lit';
import '../src/define.ts';
import { de } from '../src/elements/locales/de.ts';
import { argsOf, props } from './controls.ts';
import type { Args, Meta, Story } from './story-helpers.ts';
import { samplePhoto } from './story-helpers.ts';

export default {
  title: 'Chatdrop/File composer',
  component: 'file-composer',
  tags: ['autodocs'],
  args: argsOf('file-composer'),
  argTypes: { capture: { control: 'select', options: [undefined, 'user', 'environment'] } },
} satisfies Meta;

/** A composer with every property from the story's controls. */
const composer = (args: Args) => html`<file-composer ${props(args)}></file-composer>`;

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
  args: { capture: 'user' },
  render: (args) => html`<div style="--chat-color-scheme: dark; background: #010409; padding: 1rem">${composer(args)}</div>`,
  play: async ({ canvasElement }) => stageThree(canvasElement),
};

export const RightToLeft: Story = {
  name: 'Right to left',
  render: (args) => html`<div dir="rtl" lang="ar">${composer(args)}</div>`,
  play: async ({ canvasElement }) => stageThree(canvasElement),
};

export const German: Story = {
  name: 'German (strings = de)',
  args: { strings: de, maxFileSize: 1_000_000, capture: 'environment' },
  render: (args) => html`<div lang="de">${composer(args)}</div>`,
  play: async ({ canvasElement }) => {
    composerIn(canvasElement).addFiles([await samplePhoto(), new File([new Uint8Array(1_500_000)], 'gross.bin')]);
  },
};

export const PhoneWidth: Story = {
  name: 'Phone width (360px)',
  args: { capture: 'environment' },
  render: (args) => html`<div style="width: 360px">${composer(args)}</div>`,
  play: async ({ canvasElement }) => stageThree(canvasElement),
};
