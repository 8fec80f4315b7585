import { randomFillSync } from 'node:crypto';
import { open } from 'node:fs/promises';

/** Writes `size` random bytes to `path`, a MiB at a time (never the whole file in memory). */
export async function writeRandomFile(path: string, size: number): Promise<void> {
  const file = await open(path, 'w');
  const chunk = Buffer.alloc(1 << 20);
  try {
    for (let written = 0; written < size; written += chunk.length) {
      randomFillSync(chunk);
      await file.write(chunk, 0, Math.min(chunk.length, size - written));
    }
  } finally {
    await file.close();
  }
}
