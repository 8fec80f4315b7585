import type { TemplateResult } from 'lit';
import type { Attachment, ChatMessage } from '../src/model/message.ts';

/**
 * The part of Storybook's CSF3 shape these stories use, typed here so they check without
 * Storybook installed. `@storybook/web-components` reads the same objects.
 */
export interface Meta {
  title: string;
  component: string;
  tags?: string[];
}

export interface Story {
  name?: string;
  render: () => TemplateResult;
  /** Runs after the story renders: used to put an element into a state only a user action reaches. */
  play?: (context: { canvasElement: HTMLElement }) => Promise<void> | void;
}

/** A small gradient picture drawn on a canvas, as a raster data URL or a file. */
function drawPicture(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  Object.assign(canvas, { width, height });
  const context = canvas.getContext('2d')!;
  const gradient = context.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#7cc4ff');
  gradient.addColorStop(0.55, '#f6d58e');
  gradient.addColorStop(1, '#e59a5b');
  context.fillStyle = gradient;
  context.fillRect(0, 0, width, height);
  return canvas;
}

/** A thumbnail small enough to pass `safeThumbnail()`. */
export const sampleThumbnail = drawPicture(64, 48).toDataURL('image/webp', 0.5);

/** An image file, as the composer would get it from the file picker. */
export function samplePhoto(name = 'beach.png'): Promise<File> {
  return new Promise((resolve) => drawPicture(320, 240).toBlob((blob) => resolve(new File([blob!], name, { type: 'image/png' }))));
}

export const photo: Attachment = {
  url: 'https://files.example/beach.png',
  name: 'beach.png',
  size: 1_850_000,
  mime: 'image/png',
  width: 1600,
  height: 1200,
  thumbnail: sampleThumbnail,
  alt: 'A beach at sunset',
};

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
