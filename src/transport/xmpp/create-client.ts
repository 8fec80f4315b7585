import { Client, jid, type XmppClient } from '@xmpp/client-core';
import iqCallee from '@xmpp/iq/callee.js';
import iqCaller from '@xmpp/iq/caller.js';
import middleware from '@xmpp/middleware';
import reconnect from '@xmpp/reconnect';
import resourceBinding from '@xmpp/resource-binding';
import sasl from '@xmpp/sasl';
import saslAnonymous from '@xmpp/sasl-anonymous';
import saslPlain from '@xmpp/sasl-plain';
import streamFeatures from '@xmpp/stream-features';
import streamManagement from '@xmpp/stream-management';
import websocket from '@xmpp/websocket';
import SASLFactory from 'saslmechanisms';

/** What a client needs: where, which domain, and who (no username: SASL ANONYMOUS). */
export interface ClientOptions {
  service: string;
  domain: string;
  username?: string;
  password?: string;
  resource?: string;
  /** How long to wait for the stream to open or close, in ms. */
  timeout?: number;
}

/**
 * An XMPP client over WebSocket only, composed from the @xmpp/* packages as @xmpp/client 0.14
 * composes them, minus what a browser cannot bundle or a WebSocket-only client never uses: DNS
 * resolution (@xmpp/resolve imports `node:dns`), TCP, TLS, STARTTLS, SCRAM (Node's crypto), SASL2,
 * FAST and Bind 2. Logs in with PLAIN (the connection must be secure: `wss:`, or a server that
 * allows it on loopback) or ANONYMOUS; answers pings; stream management with resumption on.
 */
export function createXmppClient({ service, domain, username, password, resource, timeout }: ClientOptions): XmppClient {
  const entity = new Client({ service, domain, ...(timeout ? { timeout } : {}) });
  if (username) entity.jid = jid(username, domain);
  const reconnecting = reconnect({ entity });
  websocket({ entity });
  const pipeline = middleware({ entity });
  const features = streamFeatures({ middleware: pipeline });
  const caller = iqCaller({ middleware: pipeline, entity });
  const callee = iqCallee({ middleware: pipeline, entity });
  const saslFactory = new SASLFactory();
  saslPlain(saslFactory);
  saslAnonymous(saslFactory);
  sasl({ streamFeatures: features, saslFactory }, async (authenticate, mechanisms) => {
    const mechanism = username ? 'PLAIN' : 'ANONYMOUS';
    if (!mechanisms.includes(mechanism)) throw new Error(`The server does not offer ${mechanism} login on this connection.`);
    await authenticate({ username, password }, mechanism);
  });
  const sm = streamManagement({ streamFeatures: features, entity, middleware: pipeline });
  resourceBinding({ iqCaller: caller, streamFeatures: features }, resource);
  callee.get('urn:xmpp:ping', 'ping', () => ({}));
  // The plugins extend the connection in place; the declared type is what they add up to.
  return Object.assign(entity, { reconnect: reconnecting, iqCaller: caller, streamManagement: sm }) as unknown as XmppClient;
}
