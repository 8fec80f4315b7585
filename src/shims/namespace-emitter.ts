/**
 * Replaces `namespace-emitter` (which @uppy/core imports) in the drop-in build by the same emitter
 * as an ES module: the package is CommonJS, and bundling it brings the bundler's CommonJS wrappers
 * along. Same behaviour: `on`, `once`, `off` (one listener, or with no listener all of the
 * event's), `emit` with six arguments (those not given `undefined`), listeners of `*` hear every
 * event, and those of `a` also hear `a:b`. `namespace-emitter.test.ts` runs both through one script.
 */
type Listener = ((...args: unknown[]) => void) & { event?: string };

export default function createNamespaceEmitter() {
  const listeners: Record<string, Listener[]> = {};

  /** The listeners of `event`: its own, then those of `*` and of its namespace (`a` for `a:b`), in the order they were first added. */
  const listenersOf = (event: string): Listener[] => {
    let found = listeners[event] ?? [];
    const colon = event.indexOf(':');
    for (const key of Object.keys(listeners)) {
      if (key === '*') found = found.concat(listeners[key]!);
      if (colon !== -1 && key === event.slice(0, colon)) {
        found = found.concat(listeners[key]!);
        break;
      }
    }
    return found;
  };

  const emitter = {
    _fns: listeners,
    emit(event: string, ...args: unknown[]): void {
      for (const listener of listenersOf(event)) {
        if (!listener) break;
        listener.event = event;
        listener.apply(listener, [0, 1, 2, 3, 4, 5].map((index) => args[index]));
      }
    },
    on(event: string, listener: Listener): void {
      (listeners[event] ??= []).push(listener);
    },
    once(event: string, listener: Listener): void {
      const one = (...args: unknown[]) => {
        listener(...args);
        emitter.off(event, one);
      };
      emitter.on(event, one);
    },
    off(event?: string, listener?: Listener): void {
      const kept = event && listener ? (listeners[event] ?? []).filter((each) => each !== listener) : [];
      if (kept.length > 0) listeners[event!] = kept;
      else delete listeners[event!];
    },
  };
  return emitter;
}
