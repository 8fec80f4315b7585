import { WebSocketTransport } from './websocket.ts';
import { DeferredTransport } from './deferred.ts';
import { DeferredXmppTransport } from './xmpp/deferred.ts';
import type { XmppTransportOptions } from './xmpp/options.ts';
import type { ChatTransport } from './transport.ts';

/**
 * Makes a transport from a `transport` attribute: a `ws://`, `wss://`, `http(s)://` or
 * page-relative URL of the reference relay, `broadcast:NAME` for tabs of one origin, or
 * `xmpp:wss://HOST/xmpp-websocket?domain=…&muc=…&upload=…&username=…` for an XMPP server
 * (see `parseXmppAttribute`). The BroadcastChannel and XMPP transports load on connect; an
 * attribute they cannot read leaves the widget offline with the reason in the console. `xmpp`
 * adds what must not be in an attribute, e.g. `{ password }`.
 */
export function transportFromAttribute(value: string, xmpp: Partial<XmppTransportOptions> = {}): ChatTransport {
  const broadcast = /^broadcast:(.+)$/.exec(value);
  if (broadcast) return new DeferredTransport(async () => new (await import('./broadcast.ts')).BroadcastTransport(broadcast[1]!));
  if (value.startsWith('xmpp:')) return new DeferredXmppTransport(async () => (await import('./xmpp/options.ts')).parseXmppAttribute(value, xmpp));
  return new WebSocketTransport(value);
}
