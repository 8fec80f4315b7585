/**
 * Replaces Node's `events` package (its browser port, about 2.5 KB brotli) in the drop-in build.
 * The XMPP client (@xmpp/connection, websocket, xml, reconnect, stream-management, and ltx's
 * parser) builds on its `EventEmitter`; this is the part of it they and Chatdrop's XMPP transport
 * use, with Node's semantics.
 *
 * Covers: `on`/`addListener`, `once`, `removeListener` (which also removes a `once` listener by the
 * function given to `once`, as @xmpp/events' `promise()` does), `removeAllListeners(event?)`, and
 * `emit`, which calls the listeners registered when it starts, in order, returns whether there
 * were any, and throws an `'error'` nobody listens to. No max-listener warnings, no
 * `newListener`/`removeListener` events, no `prependListener`, `listenerCount` or `off`: nothing
 * uses them.
 */

type EventName = string | symbol;
type Listener = (...args: never[]) => unknown;

/** A listener as registered: the function given, and what `emit` calls (a wrapper for `once`). */
interface Registration {
  listener: Listener;
  call: Listener;
}

export class EventEmitter {
  #registrations = new Map<EventName, Registration[]>();

  on(event: EventName, listener: Listener): this {
    this.#add(event, { listener, call: listener });
    return this;
  }

  addListener(event: EventName, listener: Listener): this {
    return this.on(event, listener);
  }

  /** Calls `listener` on the next `event` only. */
  once(event: EventName, listener: Listener): this {
    let hasRun = false;
    const registration: Registration = {
      listener,
      call: (...args) => {
        if (hasRun) return;
        hasRun = true;
        this.#remove(event, registration);
        return listener.apply(this, args);
      },
    };
    this.#add(event, registration);
    return this;
  }

  /** Removes the last registration of `listener` for `event`, by `on` or `once`. */
  removeListener(event: EventName, listener: Listener): this {
    const registrations = this.#registrations.get(event) ?? [];
    const index = registrations.findLastIndex((registration) => registration.listener === listener);
    if (index >= 0) registrations.splice(index, 1);
    return this;
  }

  removeAllListeners(event?: EventName): this {
    if (event === undefined) this.#registrations.clear();
    else this.#registrations.delete(event);
    return this;
  }

  /** Calls the listeners of `event` with `args`; whether there were any. An unheard `'error'` is thrown. */
  emit(event: EventName, ...args: unknown[]): boolean {
    const registrations = this.#registrations.get(event);
    if (!registrations?.length) {
      if (event === 'error') throw args[0] instanceof Error ? args[0] : new Error(`Unhandled error. (${String(args[0])})`, { cause: args[0] });
      return false;
    }
    for (const { call } of [...registrations]) call.apply(this, args as never[]);
    return true;
  }

  #add(event: EventName, registration: Registration): void {
    const registrations = this.#registrations.get(event);
    if (registrations) registrations.push(registration);
    else this.#registrations.set(event, [registration]);
  }

  #remove(event: EventName, registration: Registration): void {
    const registrations = this.#registrations.get(event) ?? [];
    const index = registrations.indexOf(registration);
    if (index >= 0) registrations.splice(index, 1);
  }
}
