/**
 * Real hostile file bytes for the content rows (C1, C2, C3, C7, C10). Each script in them calls a
 * beacon URL, so a browser test can tell whether anything ran: pass the beacon, or keep the
 * default (an address nothing listens on) when only the bytes matter.
 */
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';

const NOWHERE = 'http://127.0.0.1:9/beacon';

/** An SVG that scripts on load and in a `<script>` element (C1). */
export function hostileSvg(beacon = NOWHERE): Buffer {
  return Buffer.from(`<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="fetch('${beacon}?svg-onload')">
  <script>fetch('${beacon}?svg-script')</script>
  <image href="${beacon}?svg-image" width="1" height="1"/>
</svg>`);
}

/** An HTML page that scripts, loads an image and a frame from the beacon, and sets the title (C2, C3). */
export function hostileHtml(beacon = NOWHERE): Buffer {
  return Buffer.from(`<!doctype html><html><head><title>owned</title>
<script>fetch('${beacon}?html-script'); document.title = 'ran';</script></head>
<body onload="fetch('${beacon}?html-onload')"><img src="${beacon}?html-img"><iframe src="${beacon}?html-frame"></iframe></body></html>`);
}

/** A well-formed XHTML page that scripts (C2: it must parse as XML to run at all). */
export function hostileXhtml(beacon = NOWHERE): Buffer {
  return Buffer.from(`<?xml version="1.0"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>owned</title>
<script>fetch('${beacon}?xhtml-script'); document.title = 'ran';</script></head><body><p>hi</p></body></html>`);
}

/** A valid JPEG (the photo fixture) that also holds an HTML page with a script, in a comment segment (C10). */
export function polyglotJpeg(beacon = NOWHERE): Buffer {
  const jpeg = readFileSync(new URL('../fixtures/photo.jpg', import.meta.url));
  const html = Buffer.from(`<html><script>fetch('${beacon}?polyglot')</script></html>`);
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(html.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), segment, html, jpeg.subarray(2)]);
}

/** A 1 × 1 PNG. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** The tiny PNG with its header rewritten (and re-checksummed) to claim `width` × `height` (C7). */
export function pngClaiming(width: number, height: number): Buffer {
  const png = Buffer.from(TINY_PNG);
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

export const HOSTILE_SVG = hostileSvg();
export const HOSTILE_HTML = hostileHtml();
export const POLYGLOT_JPEG = polyglotJpeg();
