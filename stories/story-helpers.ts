import type { TemplateResult } from 'lit';
import type { Attachment, ChatMessage } from '../src/model/message.ts';
import { samples } from './media/samples.ts';

/** The values a story's controls drive: each element property by name. */
export type Args = Record<string, unknown>;

/**
 * The part of Storybook's CSF3 shape these stories use, typed here so they check without
 * Storybook installed. `@storybook/web-components` reads the same objects: `args` (the story's
 * over the file's) fill the Controls, whose rows come from the manifest.
 */
export interface Meta {
  title: string;
  component?: string;
  tags?: string[];
  args?: Args;
  argTypes?: Record<string, unknown>;
  parameters?: Record<string, unknown>;
}

export interface Story {
  name?: string;
  args?: Args;
  render: (args: Args) => TemplateResult;
  /** Runs after the story renders: used to put an element into a state only a user action reaches. */
  play?: (context: { canvasElement: HTMLElement }) => Promise<void> | void;
}

/** The address of a sample file in `stories/media/` (made by `npm run fixtures`). */
export const mediaUrl = (file: keyof typeof samples) => new URL(`./media/${file}`, import.meta.url).href;

/** The bytes of a sample file, as a download or the file picker would give them. */
export async function sampleFile(file: keyof typeof samples, type: string): Promise<File> {
  const blob = await (await fetch(mediaUrl(file))).blob();
  return new File([blob], file, { type });
}

/** An image attachment of a sample picture: real size, real thumbnail, the file's address. */
export function pictureOf(file: 'beach.jpg' | 'harbour.jpg' | 'dunes.jpg' | 'sticker.png', alt: string): Attachment {
  const { size, width, height, thumbnail } = samples[file];
  return { url: mediaUrl(file), name: file, size, mime: file.endsWith('.png') ? 'image/png' : 'image/jpeg', width, height, thumbnail, alt };
}

/** The thumbnail a message carries for `beach.jpg`. */
export const sampleThumbnail = samples['beach.jpg'].thumbnail;

/** An image file, as the composer would get it from the file picker. */
export function samplePhoto(name = 'beach.jpg'): Promise<File> {
  return sampleFile('beach.jpg', 'image/jpeg').then((file) => new File([file], name, { type: file.type }));
}

export const photo: Attachment = pictureOf('beach.jpg', 'A beach at sunset');

export const report: Attachment = {
  url: 'https://files.example/q3-report.pdf',
  name: 'Q3 financial report (final, reviewed).pdf',
  size: 12_300_000,
  mime: 'application/pdf',
  caption: 'Figures for the board',
};

const minutesAgo = (minutes: number) => Date.now() - minutes * 60_000;

/** A short conversation between "me" and Alice, with text and files. */
export const conversation: ChatMessage[] = [
  { id: 'c1', room: 'demo', sender: { id: 'alice', name: 'Alice' }, createdAt: minutesAgo(12), text: 'Did you get the pictures from the trip?' },
  { id: 'c2', room: 'demo', sender: { id: 'me' }, createdAt: minutesAgo(11), text: 'Not yet, send them over!' },
  { id: 'c3', room: 'demo', sender: { id: 'alice', name: 'Alice' }, createdAt: minutesAgo(9), attachments: [photo] },
  { id: 'c4', room: 'demo', sender: { id: 'me' }, createdAt: minutesAgo(5), text: 'Lovely. Here is the report you asked for.' },
  { id: 'c5', room: 'demo', sender: { id: 'me' }, createdAt: minutesAgo(4), attachments: [report] },
  { id: 'c6', room: 'demo', sender: { id: 'alice', name: 'Alice' }, createdAt: minutesAgo(1), text: 'Thanks!\nI will read it tonight.' },
];
