import { BroadcastTransport } from './broadcast.ts';
import { WebSocketTransport } from './websocket.ts';
import type { ChatTransport } from './transport.ts';

/**
 * Makes a transport from a `transport` attribute: a `ws://`, `wss://`, `http(s)://` or
 * page-relative URL of the reference relay, or `broadcast:NAME` for tabs of one origin.
 */
export function transportFromAttribute(value: string): ChatTransport {
  const broadcast = /^broadcast:(.+)$/.exec(value);
  if (broadcast) return new BroadcastTransport(broadcast[1]!);
  return new WebSocketTransport(value);
}
