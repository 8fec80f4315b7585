// What the React and the Vue page share: their settings from the address, what the test may
// check on them, and how an event a framework handler received is written into the page's log.
import type { ChatTransport, DownloadHandler, RefusedFile, SendDetail, UploadHandler } from '../../src/index.ts';

/** Largest file the React page lets its widget take, in bytes. */
export const REACT_MAX_FILE_SIZE = 1_000_000;

/** The file types the Vue page lets its widget take. */
export const VUE_ACCEPT = 'image/*,application/pdf';

/** Where the page finds the reference server, which room it joins and as whom (`?server=…&room=…&user=…`). */
export function pageSettings(): { server: string; room: string; user: string } {
  const query = new URLSearchParams(location.search);
  return { server: query.get('server') ?? location.origin, room: query.get('room') ?? 'general', user: query.get('user') ?? '' };
}

/** One line of the page's log: an event as the framework's handler received it. */
export interface LogEntry {
  event: 'chat-send' | 'chat-files-refused' | 'chat-download-done';
  text: string;
  /** The sha256 (hex) of a downloaded file. */
  sha256?: string;
}

/** The objects a page gave its widget, so that the test can check the widget holds these very ones. */
export interface PageObjects {
  transport: ChatTransport;
  uploadHandler?: UploadHandler;
  downloadHandler?: DownloadHandler;
}

declare global {
  interface Window {
    chatdropPage?: PageObjects;
  }
}

export function sendEntry({ text, files }: SendDetail): LogEntry {
  const names = files.map(({ file }) => `${file.name} (${file.size} bytes)`);
  return { event: 'chat-send', text: [text, ...names].filter(Boolean).join(', ') };
}

export function refusedEntry({ files }: { files: RefusedFile[] }): LogEntry {
  return { event: 'chat-files-refused', text: files.map(({ name, reason }) => `${name}: ${reason}`).join('; ') };
}

export async function downloadEntry({ blob }: { blob: Blob }): Promise<LogEntry> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  const sha256 = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return { event: 'chat-download-done', text: `${blob.size} bytes, sha256 ${sha256}`, sha256 };
}
