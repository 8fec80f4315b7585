import { html, svg, type TemplateResult } from 'lit';
import type { FileKind } from '../model/format.ts';

/** Longest extension kept whole when a name is shortened. */
const MAX_EXTENSION = 10;

/**
 * A file name cut in the middle to at most `max` characters, keeping its extension:
 * `a-very-long-report-name-2024.pdf` → `a-very-long…-2024.pdf`. Counts code points, so an emoji
 * is never split. Expects a name already passed through `displayName()`.
 */
export function shortName(name: string, max = 40): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= MAX_EXTENSION ? Array.from(name.slice(dot)) : [];
  const base = chars.slice(0, chars.length - extension.length);
  const room = Math.max(2, max - extension.length - 1);
  const head = Math.ceil(room * 0.6);
  return [...base.slice(0, head), '…', ...base.slice(base.length - (room - head)), ...extension].join('');
}

const SHAPES: Record<FileKind, TemplateResult> = {
  image: svg`<rect x="3" y="4" width="18" height="16" rx="2"/><circle cx="9" cy="10" r="2"/><path d="M21 17l-5-5-9 8"/>`,
  video: svg`<rect x="3" y="5" width="13" height="14" rx="2"/><path d="M16 10l5-3v10l-5-3z"/>`,
  audio: svg`<path d="M9 18V5l11-2v13"/><circle cx="6" cy="18" r="3"/><circle cx="17" cy="16" r="3"/>`,
  document: svg`<path d="M14 3H6a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V9z"/><path d="M14 3v6h6M8 13h8M8 17h6"/>`,
};

/** A decorative outline icon for a kind of file (hidden from assistive technology: the name says it). */
export function fileIcon(kind: FileKind): TemplateResult {
  return html`<svg viewBox="0 0 24 24" width="32" height="32" fill="none" stroke="currentColor" stroke-width="1.6"
    stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${SHAPES[kind]}</svg>`;
}
