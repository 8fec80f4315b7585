import type { ThreadEntry } from './types.ts';

/**
 * The order every participant sees: stored messages by the server's `seq`; messages of ours not
 * yet stored after them, in the order they were sent.
 */
export function compareEntries(a: ThreadEntry, b: ThreadEntry): number {
  const seqA = a.message.seq ?? Number.POSITIVE_INFINITY;
  const seqB = b.message.seq ?? Number.POSITIVE_INFINITY;
  if (seqA !== seqB) return seqA - seqB;
  if (a.message.createdAt !== b.message.createdAt) return a.message.createdAt - b.message.createdAt;
  return a.message.id < b.message.id ? -1 : a.message.id > b.message.id ? 1 : 0;
}

/** Inserts or replaces an entry (by message id) keeping the order; returns a new array. */
export function placeEntry(entries: readonly ThreadEntry[], entry: ThreadEntry): ThreadEntry[] {
  const next = entries.filter((existing) => existing.message.id !== entry.message.id);
  let index = next.length;
  while (index > 0 && compareEntries(next[index - 1]!, entry) > 0) index--;
  next.splice(index, 0, entry);
  return next;
}
