import { xml, type Element, type XmppClient, type XmppError } from './xmpp-client.ts';
import { NS } from './build-stanza.ts';
import { FileTooLargeError, type SlotRequest, type UploadSlot } from './upload-slot.ts';

/** An upload service found by service discovery. */
export interface UploadService {
  jid: string;
  /** From the service's `max-file-size` form field, when it has one. */
  maxFileSize?: number;
}

const ALLOWED_HEADERS = new Map([
  ['authorization', 'Authorization'],
  ['cookie', 'Cookie'],
  ['expires', 'Expires'],
]);

/** The `max-file-size` field of a disco#info answer's `urn:xmpp:http:upload:0` form. */
function maxFileSizeOf(info: Element): number | undefined {
  for (const form of info.getChildren('x', NS.dataForms)) {
    const fields = form.getChildren('field');
    if (fields.find((field) => field.attrs.var === 'FORM_TYPE')?.getChildText('value') !== NS.upload) continue;
    const value = Number(fields.find((field) => field.attrs.var === 'max-file-size')?.getChildText('value'));
    if (Number.isInteger(value) && value > 0) return value;
  }
  return undefined;
}

async function discoInfo(client: XmppClient, jid: string): Promise<Element | undefined> {
  return client.get(xml('query', { xmlns: NS.discoInfo }), jid);
}

/**
 * Finds the XEP-0363 service: `jid` when given, else the first item of the domain that has the
 * `urn:xmpp:http:upload:0` feature. `undefined` when the server has none.
 */
export async function findUploadService(client: XmppClient, domain: string, jid?: string): Promise<UploadService | undefined> {
  const candidates = jid ? [jid] : [domain, ...((await client.get(xml('query', { xmlns: NS.discoItems }), domain))?.getChildren('item').flatMap((item) => item.attrs.jid ?? []) ?? [])];
  for (const candidate of candidates) {
    const info = await discoInfo(client, candidate).catch(() => undefined);
    if (!info?.getChildren('feature').some((feature) => feature.attrs.var === NS.upload)) continue;
    const maxFileSize = maxFileSizeOf(info);
    return maxFileSize === undefined ? { jid: candidate } : { jid: candidate, maxFileSize };
  }
  return undefined;
}

/** Asks `service` for a slot. @throws FileTooLargeError when the service refuses the size. */
export async function requestSlot(client: XmppClient, service: string, { name, size, type }: SlotRequest): Promise<UploadSlot> {
  let slot: Element | undefined;
  try {
    const request = xml('request', { xmlns: NS.upload, filename: name, size: String(size), 'content-type': type || undefined });
    slot = (await client.request(xml('iq', { type: 'get', to: service }, request))).getChild('slot', NS.upload);
  } catch (error) {
    const tooLarge = (error as XmppError).element?.getChild('file-too-large', NS.upload);
    if (tooLarge) {
      const max = Number(tooLarge.getChildText('max-file-size'));
      throw new FileTooLargeError(Number.isInteger(max) && max > 0 ? max : undefined);
    }
    throw error;
  }
  const put = slot?.getChild('put');
  const getUrl = slot?.getChild('get')?.attrs.url;
  if (!put?.attrs.url || !getUrl) throw new Error('The upload service answered without a slot.');
  const headers: Record<string, string> = {};
  for (const header of put.getChildren('header')) {
    const name = ALLOWED_HEADERS.get(header.attrs.name?.toLowerCase() ?? '');
    if (name) headers[name] = header.text().replace(/[\r\n]/g, '');
  }
  return { putUrl: put.attrs.url, headers, getUrl };
}
