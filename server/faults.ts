/**
 * Test-only misbehaviour of the relay, for fault tests of the clients' delivery guarantees. A test
 * passes a plain object as `ServerOptions.faults` and changes its fields while the server runs;
 * the relay reads them on every ack and broadcast. Never set from the environment.
 */
import type { ServerFrame } from '../src/transport/protocol.ts';

/** What the relay does wrong, on purpose. Every field may be changed at any time. */
export interface RelayFaults {
  /** Drop the next N acks after storing (the message is stored and relayed; the sender never hears). Counts down. */
  dropAcks?: number;
  /** Send every broadcast `message` frame twice. */
  duplicateBroadcasts?: boolean;
  /** Hold each broadcast and send it after the next one to the same socket, swapping pairs (1 2 3 4 → 2 1 4 3). */
  reorderBroadcasts?: boolean;
}

/** How long a held broadcast waits for the next one before it is sent alone. */
export const REORDER_HOLD_MS = 100;

interface Held {
  frame: ServerFrame;
  timer: ReturnType<typeof setTimeout>;
}

/** The fault switch as the relay uses it. Without faults every call passes straight through. */
export interface FaultSwitch {
  /** Whether this ack should be dropped (counting it against `dropAcks`). */
  dropAck(): boolean;
  /** Sends a broadcast frame to one receiver through `send`, duplicated or reordered as the faults say. */
  broadcast(receiver: object, frame: ServerFrame, send: (frame: ServerFrame) => void): void;
  /** Sends every held frame now and stops (the server is closing). */
  flush(): void;
}

/** A fault switch over `faults` (or a pass-through when `undefined`). */
export function createFaultSwitch(faults: RelayFaults | undefined): FaultSwitch {
  const held = new Map<object, Held & { send: (frame: ServerFrame) => void }>();

  const deliver = (frame: ServerFrame, send: (frame: ServerFrame) => void): void => {
    send(frame);
    if (faults?.duplicateBroadcasts) send(frame);
  };

  const release = (receiver: object): void => {
    const item = held.get(receiver);
    if (item === undefined) return;
    held.delete(receiver);
    clearTimeout(item.timer);
    deliver(item.frame, item.send);
  };

  return {
    dropAck() {
      if (faults === undefined || !(typeof faults.dropAcks === 'number' && faults.dropAcks > 0)) return false;
      faults.dropAcks -= 1;
      return true;
    },
    broadcast(receiver, frame, send) {
      if (!faults?.reorderBroadcasts) {
        release(receiver);
        return deliver(frame, send);
      }
      if (held.has(receiver)) {
        deliver(frame, send);
        return release(receiver);
      }
      const timer = setTimeout(() => release(receiver), REORDER_HOLD_MS);
      timer.unref();
      held.set(receiver, { frame, send, timer });
    },
    flush() {
      [...held.keys()].forEach(release);
    },
  };
}
