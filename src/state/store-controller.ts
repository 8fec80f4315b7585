import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/**
 * Keeps a Lit element in step with a nanostore: subscribes while connected and re-renders on
 * change. The store may be swapped (`store = …`), e.g. when a context provides a new one.
 */
export class StoreController<T> implements ReactiveController {
  #store?: ReadableAtom<T>;
  #unsubscribe?: () => void;
  #isConnected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    store?: ReadableAtom<T>,
  ) {
    this.#store = store;
    host.addController(this);
  }

  /** The store's current value, or `undefined` when there is no store. */
  get value(): T | undefined {
    return this.#store?.get();
  }

  set store(store: ReadableAtom<T> | undefined) {
    if (store === this.#store) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#store = store;
    if (this.#isConnected) this.#subscribe();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.#isConnected = true;
    this.#subscribe();
  }

  hostDisconnected(): void {
    this.#isConnected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #subscribe(): void {
    this.#unsubscribe = this.#store?.listen(() => this.host.requestUpdate());
  }
}
