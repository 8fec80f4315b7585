import { xml, type Element, type XmppClient } from './xmpp-client.ts';
import { NS } from './build-stanza.ts';

/** One archived message, as a XEP-0313 query returns it. */
export interface ArchivedMessage {
  /** The archive's stanza-id of the message. */
  stanzaId: string;
  message: Element;
  /** The archive's `<delay>` (when the room stored it). */
  delay?: Element;
}

/** One page of an archive, oldest first. */
export interface ArchivePage {
  items: ArchivedMessage[];
  /** Whether the page reaches the end of what was asked (the newest for `after`, the oldest for `before`). */
  isComplete: boolean;
  /** How many messages the whole archive holds, when the server says (RSM `<count>`). */
  count?: number;
}

/**
 * Which archive: a MUC room's (`jid` = the room, whose results come from the room), or the user's
 * own (`jid` undefined, results from `owner` = the user's bare JID), filtered to the conversation
 * `with` one peer.
 */
export interface ArchiveTarget {
  jid?: string;
  /** The bare JID the results must come from (the room, or the user's own bare JID). */
  owner: string;
  with?: string;
}

/**
 * What to ask: the newest `max` (`before: ''`), the `max` before a stanza-id, the `max` after one,
 * or (neither) the oldest `max`.
 */
export interface ArchiveQuery {
  before?: string;
  after?: string;
  max: number;
}

/**
 * Queries a message archive (XEP-0313 `urn:xmpp:mam:2`, paged with XEP-0059 RSM): a room's, or
 * the user's own filtered to one peer (see `ArchiveTarget`). Results arrive as messages before the
 * IQ result, so they are collected by query id until it comes.
 */
export async function queryArchive(client: XmppClient, target: ArchiveTarget, { before, after, max }: ArchiveQuery, timeoutMs = 15_000): Promise<ArchivePage> {
  const queryId = crypto.randomUUID();
  const items: ArchivedMessage[] = [];
  const collect = (stanza: Element) => {
    const result = stanza.is('message') ? stanza.getChild('result', NS.mam) : undefined;
    if (!result || result.attrs.queryid !== queryId || (stanza.attrs.from ?? target.owner).split('/')[0] !== target.owner) return;
    const forwarded = result.getChild('forwarded', NS.forward);
    const message = forwarded?.getChild('message');
    if (!message || !result.attrs.id) return;
    items.push({ stanzaId: result.attrs.id, message, delay: forwarded?.getChild('delay', NS.delay) });
  };
  client.on('stanza', collect);
  try {
    const set = xml(
      'set',
      { xmlns: NS.rsm },
      xml('max', {}, String(max)),
      before !== undefined ? xml('before', {}, before) : undefined,
      after !== undefined ? xml('after', {}, after) : undefined,
    );
    const form = target.with
      ? xml(
          'x',
          { xmlns: NS.dataForms, type: 'submit' },
          xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS.mam)),
          xml('field', { var: 'with' }, xml('value', {}, target.with)),
        )
      : undefined;
    const query = xml('query', { xmlns: NS.mam, queryid: queryId }, form, set);
    const answer = await client.request(xml('iq', { type: 'set', ...(target.jid ? { to: target.jid } : {}) }, query), timeoutMs);
    const fin = answer.getChild('fin', NS.mam);
    const count = Number(fin?.getChild('set', NS.rsm)?.getChildText('count') ?? NaN);
    return { items, isComplete: fin?.attrs.complete === 'true', ...(Number.isInteger(count) ? { count } : {}) };
  } finally {
    client.off('stanza', collect);
  }
}
