/** Helpers for browser tests of downloads against the reference server (`@chatdrop/test-server`). */
import type { Attachment } from '../model/message.ts';
import { sha256 } from '../../test/helpers/files.ts';

/** Uploads `file` to the server (a plain form POST) and returns the attachment a message would carry, sha256 included. */
export async function attachmentOnServer(serverUrl: string, file: File): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  const response = await fetch(`${serverUrl}/upload`, { method: 'POST', body: form });
  if (response.status !== 201) throw new Error(`upload failed: ${response.status}`);
  const body = (await response.json()) as { url: string; mime: string };
  return { url: new URL(body.url, serverUrl).href, name: file.name, size: file.size, mime: body.mime, sha256: await sha256(file) };
}

/** A download fault the server injects (see server/testing/http-faults.ts): a status, or a body cut after `at` bytes. */
export type DownloadFault = { status: number; times?: number } | { truncateAt: number; times?: number };

/** The attachment's URL asking the server for `fault` (a fresh key each call). */
export function faultyUrl(url: string, fault: DownloadFault): string {
  const faulty = new URL(url);
  faulty.searchParams.set('key', crypto.randomUUID());
  faulty.searchParams.set('times', String(fault.times ?? 1));
  if ('status' in fault) faulty.searchParams.set('fault', String(fault.status));
  else {
    faulty.searchParams.set('fault', 'truncate');
    faulty.searchParams.set('at', String(fault.truncateAt));
  }
  return faulty.href;
}

/** The requests `fetch` makes while `run` runs: URL and the Range and If-Range headers. */
export async function recordFetches<T>(run: () => Promise<T>): Promise<{ result: T | Error; requests: Array<{ url: string; range: string | null; ifRange: string | null }> }> {
  const requests: Array<{ url: string; range: string | null; ifRange: string | null }> = [];
  const original = window.fetch;
  window.fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    requests.push({ url: String(input), range: headers.get('Range'), ifRange: headers.get('If-Range') });
    return original(input, init);
  };
  try {
    return { result: await run().catch((error: Error) => error), requests };
  } finally {
    window.fetch = original;
  }
}
