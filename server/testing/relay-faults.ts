/**
 * Test-only misbehaviour of the relay, for fault tests of the clients' delivery guarantees. A test
 * holds a plain `RelayFaults` object, gives the server `relayDelivery: createFaultSwitch(faults)`,
 * and changes the object's fields while the server runs; the switch reads them on every ack and
 * broadcast. The production server never imports this module.
 */
import type { ServerFrame } from '../../src/transport/protocol.ts';
import type { RelayDelivery } from '../relay.ts';

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

/** The relay's delivery as `faults` says, read live: acks dropped, broadcasts duplicated or reordered. */
export function createFaultSwitch(faults: RelayFaults): RelayDelivery {
  const held = new Map<object, Held & { send: (frame: ServerFrame) => void }>();

  const deliver = (frame: ServerFrame, send: (frame: ServerFrame) => void): void => {
    send(frame);
    if (faults.duplicateBroadcasts) send(frame);
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
      if (!(typeof faults.dropAcks === 'number' && faults.dropAcks > 0)) return false;
      faults.dropAcks -= 1;
      return true;
    },
    broadcast(receiver, frame, send) {
      if (!faults.reorderBroadcasts) {
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
