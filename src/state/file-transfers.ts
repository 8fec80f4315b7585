/** The store's file code, loaded with the first file sent or offered for download (see lazy-file-transfers.ts). */
export { createFileSender } from './file-sender.ts';
export { createDownloads } from './downloads.ts';
