import { displayName } from '../../model/display-name.ts';
import type { RefusedFile } from '../events.ts';
import { shortName } from '../file-display.ts';
import { enFileSend } from '../locales/en-file-send.ts';
import type { ChatStrings } from '../strings.ts';

/** What the composer lets through, checked before a file is staged. */
export interface Restrictions {
  /** Comma list of MIME types (`image/png`), wildcards (`image/*`) or extensions (`.pdf`); empty for any. */
  accept: string;
  /** Largest file in bytes, inclusive; no limit when `undefined`. */
  maxFileSize?: number;
  /** Most files staged at once. */
  maxFiles: number;
}

/** The sentences a refusal is told in. */
export type RefusalStrings = Pick<ChatStrings, 'refusedTooLarge' | 'refusedType' | 'refusedTooMany'>;

/** Whether a file matches an `accept` list, by its declared type or the end of its name. */
export function isAccepted(file: File, accept: string): boolean {
  const tokens = accept.split(',').map((token) => token.trim().toLowerCase()).filter(Boolean);
  if (tokens.length === 0) return true;
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase();
  return tokens.some((token) => {
    if (token === '*' || token === '*/*') return true;
    if (token.startsWith('.')) return name.endsWith(token);
    if (token.endsWith('/*')) return type.startsWith(token.slice(0, -1));
    return type === token;
  });
}

/**
 * Splits files into those that may be staged and those refused, each with a sentence for the
 * user (in `strings`, else in English). `staged` is how many files are already waiting, so the
 * count limit covers them too.
 */
export function checkFiles(
  files: Iterable<File>,
  staged: number,
  restrictions: Restrictions,
  strings: Partial<RefusalStrings>,
): { accepted: File[]; refused: RefusedFile[] } {
  const { accept, maxFileSize, maxFiles } = restrictions;
  const words: RefusalStrings = { ...enFileSend, ...strings };
  const accepted: File[] = [];
  const refused: RefusedFile[] = [];
  for (const file of files) {
    const name = shortName(displayName(file.name), 60);
    if (maxFileSize !== undefined && file.size > maxFileSize) {
      refused.push({ name, reason: words.refusedTooLarge(name, file.size, maxFileSize) });
    } else if (!isAccepted(file, accept)) {
      refused.push({ name, reason: words.refusedType(name) });
    } else if (staged + accepted.length >= maxFiles) {
      refused.push({ name, reason: words.refusedTooMany(maxFiles) });
    } else {
      accepted.push(file);
    }
  }
  return { accepted, refused };
}
