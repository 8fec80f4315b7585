/** What a file bubble and the lightbox show of a file: its pictures and sounds, where those may load from, its caption. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { thumbHashToRGBA } from 'thumbhash';
import { base64ToBytes } from '../../model/base64.ts';
import { safeUrl } from '../../model/safe-url.ts';

/** Longest thumbhash accepted, in bytes (real ones are about 25). */
const MAX_PLACEHOLDER_BYTES = 64;

/** The blurred picture a thumbhash stands for, drawn on a canvas, which encodes the PNG (thumbhash's own encoder is left out). */
function drawPlaceholder(hash: string): string | undefined {
  try {
    const bytes = base64ToBytes(hash);
    if (bytes.length < 5 || bytes.length > MAX_PLACEHOLDER_BYTES) return undefined;
    const { w, h, rgba } = thumbHashToRGBA(bytes);
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    canvas.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(rgba), w, h), 0, 0);
    const url = canvas.toDataURL('image/png');
    return url.startsWith('data:image/png;base64,') ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Placeholders drawn, by thumbhash, the oldest forgotten first: a bubble scrolled back into view, or an album rendered again, draws none again. */
const placeholders = new Map<string, string | undefined>();
const KEPT_PLACEHOLDERS = 500;

/**
 * The blurred picture a thumbhash (`attachment.placeholder`, base64) stands for, as a PNG `data:`
 * URL that this module made itself; `undefined` for anything that does not decode.
 */
export function placeholderImage(hash: string | undefined): string | undefined {
  if (!hash) return undefined;
  if (placeholders.has(hash)) return placeholders.get(hash);
  const url = drawPlaceholder(hash);
  if (placeholders.size >= KEPT_PLACEHOLDERS) placeholders.delete(placeholders.keys().next().value!);
  placeholders.set(hash, url);
  return url;
}

/** A play time for people, `m:ss` (`h:mm:ss` from an hour); `undefined` when unknown or impossible. */
export function formatDuration(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return undefined;
  const total = Math.round(ms / 1000);
  const [hours, minutes, seconds] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const pad = (value: number) => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
}

/** The ISO 8601 form of a play time, for `<time datetime>`: `PT65S`. */
export function durationIso(ms: number): string {
  return `PT${Math.round(ms / 1000)}S`;
}

/**
 * The one rule for where a video or audio player may stream from: the file's URL when it passes
 * `safeUrl()` and its origin is one the host listed in `origins`; otherwise `undefined` (then the
 * player plays only the downloaded bytes).
 */
export function streamUrl(url: string, origins: readonly string[]): string | undefined {
  const safe = safeUrl(url);
  if (!safe || origins.length === 0) return undefined;
  const allowed = origins.map((origin) => safeUrl(origin)).filter((origin) => origin !== undefined).map((origin) => new URL(origin).origin);
  return allowed.includes(new URL(safe).origin) ? safe : undefined;
}

/**
 * An object URL for one downloaded blob at a time, typed as the file's declared media type (so
 * bytes a server labelled otherwise, SVG or HTML, never get a same-origin URL of that type). The
 * previous URL is revoked when the blob changes, and when its element leaves the page; coming back,
 * the element renders again, which makes a new one.
 */
export class ObjectUrl implements ReactiveController {
  #blob?: Blob;
  #url?: string;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.revoke();
  }

  /** The URL showing `blob` (made once per blob), or `undefined` without one. */
  for(blob: Blob | undefined, type: string): string | undefined {
    if (blob === this.#blob) return this.#url;
    this.revoke();
    if (blob) {
      this.#blob = blob;
      this.#url = URL.createObjectURL(blob.slice(0, blob.size, type));
    }
    return this.#url;
  }

  /** Lets the current URL go. */
  revoke(): void {
    if (this.#url) URL.revokeObjectURL(this.#url);
    this.#blob = undefined;
    this.#url = undefined;
  }
}

/** Longest caption shown, in code points (the wire allows 2000). */
const MAX_CAPTION = 2000;

/** A caption cut to what is shown (with an ellipsis when cut), and whether it is long enough that it may scroll in its box. */
export function shownCaption(caption: string | undefined, scrollsFrom = { length: 300, lines: 8 }): { text: string; mayScroll: boolean } {
  const chars = Array.from(caption ?? '');
  const text = chars.length <= MAX_CAPTION ? (caption ?? '') : `${chars.slice(0, MAX_CAPTION).join('')}…`;
  const mayScroll = text.length > scrollsFrom.length || text.split('\n', scrollsFrom.lines).length === scrollsFrom.lines;
  return { text, mayScroll };
}
