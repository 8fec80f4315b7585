/** Helpers for browser tests of resumable (tus) uploads against the reference server. */

/**
 * Creates a tus upload of `file` at `endpoint` by hand and sends only its first `bytes` bytes, as a
 * page closed mid-upload leaves it; resolves with the upload's URL.
 */
export async function startPartialTusUpload(endpoint: string, file: File, bytes: number): Promise<string> {
  const metadata = `filename ${btoa(file.name)},filetype ${btoa(file.type || 'application/octet-stream')}`;
  const created = await fetch(endpoint, { method: 'POST', headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': String(file.size), 'Upload-Metadata': metadata } });
  if (created.status !== 201) throw new Error(`the server answered ${created.status} to the creation`);
  const url = new URL(created.headers.get('Location')!, endpoint).href;
  const patched = await fetch(url, {
    method: 'PATCH',
    headers: { 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
    body: file.slice(0, bytes),
  });
  if (patched.status !== 204) throw new Error(`the server answered ${patched.status} to the first bytes`);
  return url;
}

/** The offset the server holds for a tus upload, or its status when it has none (404…). */
export async function tusOffset(url: string): Promise<number | { status: number }> {
  const answer = await fetch(url, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' } });
  return answer.status === 200 ? Number(answer.headers.get('Upload-Offset')) : { status: answer.status };
}

/** A `Storage` in memory, as a fresh `localStorage` would be. */
export function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}
