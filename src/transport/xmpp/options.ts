/** How to reach an XMPP server. Only `service` is required. */
export interface XmppTransportOptions {
  /** The RFC 7395 WebSocket endpoint, e.g. `wss://chat.example.com/xmpp-websocket`. */
  service: string;
  /** The accounts' XMPP domain. Default: the host name of `service`. */
  domain?: string;
  /**
   * The MUC service the widget's `room` lives on. Default `conference.<domain>`. A `room` that is a
   * bare JID on another domain (`bob@example.com`) is a one-to-one chat with that person instead.
   */
  muc?: string;
  /** The XEP-0363 upload service. Default: found by service discovery of `domain`. */
  upload?: string;
  /** The account's local part. Without it the transport logs in anonymously (SASL ANONYMOUS). */
  username?: string;
  /** The account's password; default: the session's `token`. Never put it in an attribute. */
  password?: string;
  /** The XMPP resource. Default: the server picks one. */
  resource?: string;
  /** Wait before reconnecting after a cut, in ms. Default 1000. */
  reconnectDelay?: number;
  /** How many of the room's newest messages the first join fetches. Default 50. */
  historyOnJoin?: number;
  /** How long an IQ (archive, upload slot) or joining the room may take, in ms. Default 15 000. */
  requestTimeout?: number;
}

/**
 * Reads a `transport` attribute of the form
 * `xmpp:wss://HOST/xmpp-websocket?domain=DOMAIN&muc=MUC&upload=UPLOAD&username=NAME`: the
 * WebSocket URL after `xmpp:`, and in its query the options that are not secrets (they are
 * removed from the URL). Passwords come only from properties: `extra` is merged in.
 */
export function parseXmppAttribute(value: string, extra: Partial<XmppTransportOptions> = {}): XmppTransportOptions {
  const url = new URL(value.replace(/^xmpp:/, ''));
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new TypeError(`An xmpp: transport needs a ws:// or wss:// URL, not ${url.protocol}`);
  const options: XmppTransportOptions = { service: '' };
  for (const key of ['domain', 'muc', 'upload', 'username', 'resource'] as const) {
    const found = url.searchParams.get(key);
    if (found) options[key] = found;
    url.searchParams.delete(key);
  }
  if (url.searchParams.has('password')) throw new TypeError('Put the XMPP password in a property, never in the transport attribute.');
  options.service = url.href;
  return { ...options, ...extra };
}
