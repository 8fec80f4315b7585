/**
 * Replaces `js-base64` (about 2.4 KB brotli) in the drop-in build. tus-js-client uses it for one
 * thing: encoding each value of the `Upload-Metadata` header (the file's name, type…) as base64 of
 * its UTF-8 bytes; `TextEncoder` and `btoa` do that in every browser.
 *
 * Covers: `Base64.encode(text)`: standard base64 with padding (not the URL-safe alphabet), of
 * `text` as UTF-8, a lone surrogate as U+FFFD, as js-base64 does where `TextEncoder` exists.
 */
export const Base64 = {
  encode(text: string): string {
    let binary = '';
    for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
    return btoa(binary);
  },
};
