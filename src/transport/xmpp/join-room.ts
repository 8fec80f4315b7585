import { escapeLocal, xml, type Element, type XmppClient } from './xmpp-client.ts';
import { NS } from './build-stanza.ts';

/** The room refused us (nick taken, members only, banned…): reconnecting will not help by itself. */
export class RoomJoinError extends Error {
  override name = 'RoomJoinError';
  constructor(readonly condition: string) {
    super(`The chat room refused to let us in (${condition}).`);
  }
}

/** The bare JID of the MUC room for a Chatdrop room name (XEP-0106 escaped: spaces, `@`, `/`… are allowed). */
export function roomJidOf(room: string, mucService: string): string {
  return `${escapeLocal(room.toLowerCase())}@${mucService}`;
}

function statusCodes(presence: Element): string[] {
  return (presence.getChild('x', NS.mucUser)?.getChildren('status') ?? []).map((status) => status.attrs.code ?? '');
}

/**
 * Enters `roomJid` as `nick` (XEP-0045) without the join backlog (history comes from the archive).
 * A room we just created (status 201) is unlocked as an instant room with the server's defaults.
 * @throws RoomJoinError when the room answers with an error presence.
 */
export async function joinRoom(client: XmppClient, roomJid: string, nick: string, { withBacklog = 0, timeoutMs = 15_000 } = {}): Promise<void> {
  const occupant = `${roomJid}/${nick}`;
  let onStanza: (stanza: Element) => void = () => {};
  const joined = new Promise<Element>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No answer from ${roomJid} within ${timeoutMs} ms.`)), timeoutMs);
    onStanza = (stanza) => {
      if (!stanza.is('presence') || stanza.attrs.from?.toLowerCase() !== occupant.toLowerCase()) return;
      if (stanza.attrs.type === 'error') {
        clearTimeout(timer);
        reject(new RoomJoinError(stanza.getChild('error')?.getChildElements()[0]?.name ?? 'unknown'));
      } else if (statusCodes(stanza).includes('110')) {
        clearTimeout(timer);
        resolve(stanza);
      }
    };
  });
  client.on('stanza', onStanza);
  try {
    await client.send(xml('presence', { to: occupant }, xml('x', { xmlns: NS.muc }, xml('history', { maxstanzas: String(withBacklog) }))));
    const self = await joined;
    if (statusCodes(self).includes('201')) {
      await client.set(xml('query', { xmlns: NS.mucOwner }, xml('x', { xmlns: NS.dataForms, type: 'submit' })), roomJid);
    }
  } finally {
    client.off('stanza', onStanza);
  }
}
