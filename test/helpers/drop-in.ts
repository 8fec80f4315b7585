/** Loads the drop-in module in a browser test, as a page opened offline would. */

/**
 * Imports the drop-in (`src/drop-in.ts`) while the page says it is offline, so its background
 * fetch of the file code waits for the `online` event: until one is dispatched, only what a
 * first use needs loads. `navigator.onLine` is the browser's own again once it resolves.
 */
export async function importDropInOffline(): Promise<void> {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  try {
    await import('../../src/drop-in.ts');
  } finally {
    Reflect.deleteProperty(navigator, 'onLine');
  }
}
