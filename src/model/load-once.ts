/**
 * Wraps `load` (an `import()` of code needed later, say) so that it runs once: every call while
 * it is pending or after it succeeded gets the same promise. A failure is forgotten, so the next
 * call runs `load` again: code that could not be fetched (offline, a deploy removed it) is fetched
 * again on the next try, without a reload, in browsers that fetch a failed module again.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
