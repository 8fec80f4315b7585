import { html, type TemplateResult } from 'lit';
import { safeUrl } from '../../model/safe-url.ts';

/**
 * An `http:` or `https:` address in text: up to a space, a quote, an angle bracket, or a control,
 * bidi or zero-width character (which could disguise where the link goes).
 */
const ADDRESS = /\bhttps?:\/\/[^\s"'<>\u0000-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]+/gi;

/** Punctuation that ends a sentence rather than the address ("see https://x.org."). */
const TRAILING = /[.,;:!?)\]}*_~]+$/;

/** Cuts sentence punctuation off an address, keeping a `)` that closes a `(` inside it (Wikipedia's `Lisp_(language)`). */
function trimAddress(address: string): string {
  let trimmed = address.replace(TRAILING, '');
  while (trimmed.length < address.length && address[trimmed.length] === ')' && trimmed.split('(').length > trimmed.split(')').length) {
    trimmed += ')';
  }
  return trimmed;
}

/**
 * Text with its `http:` and `https:` addresses as links that open apart from the page
 * (`target="_blank"`, `rel="noopener noreferrer"`), every href through `safeUrl()`; the rest,
 * `javascript:` and every other scheme included, stays plain text. Lit escapes each piece.
 */
export function linkify(text: string): string | Array<string | TemplateResult> {
  if (!/https?:\/\//i.test(text)) return text;
  const pieces: Array<string | TemplateResult> = [];
  let end = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const address = trimAddress(match[0]);
    const href = safeUrl(address);
    if (!href) continue;
    pieces.push(text.slice(end, match.index), html`<a part="link" href=${href} target="_blank" rel="noopener noreferrer">${address}</a>`);
    end = match.index + address.length;
  }
  pieces.push(text.slice(end));
  return pieces;
}
