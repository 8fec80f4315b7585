/** Reading an HTTP `Range` header for one byte range (RFC 9110 §14). */

/** An inclusive byte range within a file. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * What to serve for a `Range` header on a file of `size` bytes: the whole file (`'full'`: no
 * header, a malformed one, several ranges, or an empty file), one range, or `'unsatisfiable'`.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'full' | 'unsatisfiable' {
  if (header === undefined || size === 0) return 'full';
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return 'full';
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return 'full';
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return 'full';
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}
