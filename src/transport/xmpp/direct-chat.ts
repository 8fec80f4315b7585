import { jid, xml, type Element, type XmppClient } from '@xmpp/client-core';
import { NS } from './build-stanza.ts';

/**
 * The peer's bare JID when the widget's `room` names a person (one-to-one chat): a bare JID with
 * `@` whose domain is not the MUC service, e.g. `bob@example.com`. Otherwise `undefined` (a room).
 */
export function directPeerOf(room: string, mucService: string): string | undefined {
  const at = room.lastIndexOf('@');
  if (at <= 0 || room.includes('/')) return undefined;
  const domain = room.slice(at + 1).toLowerCase();
  if (!domain || domain === mucService.toLowerCase()) return undefined;
  return `${room.slice(0, at).toLowerCase()}@${domain}`;
}

/** The local part of a bare JID, unescaped (XEP-0106): the id a person has as a sender. */
export function localPartOf(bareJid: string): string {
  return jid.unescapeLocal(bareJid.slice(0, bareJid.lastIndexOf('@')));
}

/**
 * Makes the session reachable for one-to-one chat: initial presence (without it the server keeps
 * messages to the bare JID offline) and XEP-0280 carbons (messages our other devices send and
 * receive reach this one too). Carbons are optional: a refusal is ignored.
 */
export async function startDirectChat(client: XmppClient, timeoutMs: number): Promise<void> {
  await client.send(xml('presence'));
  await client.iqCaller.request(xml('iq', { type: 'set' }, xml('enable', { xmlns: NS.carbons })), timeoutMs).catch(() => undefined);
}

/** Whether a message from our own bare JID is a XEP-0280 carbon (a copy of what another of our devices sent or got). */
export function isCarbon(stanza: Element): boolean {
  return Boolean(stanza.getChild('sent', NS.carbons) ?? stanza.getChild('received', NS.carbons));
}
