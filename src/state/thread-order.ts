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

/** The first index whose entry sorts after `entry` (binary search: O(log n)). */
function insertionIndex(entries: readonly ThreadEntry[], entry: ThreadEntry): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareEntries(entries[middle]!, entry) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The index of `entry` itself in `entries` (which holds it), found by its order. */
function indexOfEntry(entries: readonly ThreadEntry[], entry: ThreadEntry): number {
  const after = insertionIndex(entries, entry);
  for (let index = after - 1; index >= 0 && compareEntries(entries[index]!, entry) === 0; index--) {
    if (entries[index] === entry) return index;
  }
  return entries.indexOf(entry);
}

/**
 * Returns a new array with `entry` in its place, replacing `previous` (the entry it updates,
 * if any). Appending a newer message, the common case, costs one copy and a binary search.
 */
export function placeEntry(entries: readonly ThreadEntry[], entry: ThreadEntry, previous?: ThreadEntry): ThreadEntry[] {
  const next = entries.slice();
  if (previous) next.splice(indexOfEntry(next, previous), 1);
  next.splice(insertionIndex(next, entry), 0, entry);
  return next;
}

/** Returns a new array without `entry`. */
export function removeEntry(entries: readonly ThreadEntry[], entry: ThreadEntry): ThreadEntry[] {
  const next = entries.slice();
  next.splice(indexOfEntry(next, entry), 1);
  return next;
}
