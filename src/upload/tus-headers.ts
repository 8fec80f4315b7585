// The headers by which a tus server tells the page about a finished upload, beyond the tus
// protocol: one list for the reference server (server/tus-uploads.ts) and the page's tus handler
// (tus-uploader.ts), so the two never disagree on a name.

/** The answer header saying where a finished upload's file is (`/files/<id>`, relative to the endpoint). */
export const FILE_URL_HEADER = 'Chatdrop-File-Url';

/** The answer header saying the media type the server stored for a finished upload. */
export const FILE_TYPE_HEADER = 'Chatdrop-File-Type';

/** The answer header with the hex sha256 of a finished upload's bytes, made as they were written: the page need not hash the file itself. */
export const FILE_SHA256_HEADER = 'Chatdrop-File-Sha256';

/**
 * The header (value `sha256`) on the answers that create or look up an upload (`POST`, `HEAD`)
 * saying, before any byte is sent, that the finishing answer will carry `Chatdrop-File-Sha256`:
 * the page then does not hash the file itself beside the upload (on a machine with few cores
 * that slows the upload).
 */
export const FILE_HASHING_HEADER = 'Chatdrop-File-Hashing';

/** Every header above, which a cross-origin page must be let read. */
export const FILE_HEADERS = [FILE_URL_HEADER, FILE_TYPE_HEADER, FILE_SHA256_HEADER, FILE_HASHING_HEADER];
