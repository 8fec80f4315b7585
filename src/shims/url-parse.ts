/**
 * Replaces `url-parse` (and its `querystringify` and `requires-port`, about 4 KB brotli) in the
 * drop-in build. tus-js-client uses it for one thing: resolving the upload URL a server answers
 * (the `Location` header of a creation, relative or absolute) against the endpoint, as
 * `new URL(location, endpoint).toString()`; every browser has the WHATWG `URL` for that.
 *
 * Covers: `new UrlParse(address, base)` with `toString()` and `href`. A relative `base` is first
 * resolved against the page, as url-parse does against `location`.
 */
export default class UrlParse extends URL {
  constructor(address: string, base: string) {
    super(address, new URL(base, globalThis.location?.href));
  }
}
