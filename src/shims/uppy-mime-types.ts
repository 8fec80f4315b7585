/**
 * Replaces @uppy/core's table of file types by extension (`@uppy/core/lib/utils/mimeTypes.js`,
 * about 0.5 KB brotli) in the drop-in build by an empty one. Uppy reads it only to guess the type
 * of a file added without one, and the widget never adds one so: `runUppyAttempt`, the one place
 * its Uppys get files, always gives a type (`application/octet-stream` when the browser knows none).
 */
const mimeTypes: Record<string, string> = {};
export default mimeTypes;
