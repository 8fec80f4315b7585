// The XEP-0363 slot types, apart from the XMPP code so an upload handler can use them without loading @xmpp/client.

/** Where to PUT a file and where it can be fetched afterwards (a XEP-0363 slot). */
export interface UploadSlot {
  putUrl: string;
  /** Headers the PUT must carry: only `Authorization`, `Cookie` and `Expires`, CR/LF stripped (as XEP-0363 requires). */
  headers: Record<string, string>;
  getUrl: string;
}

/** What a slot is asked for. */
export interface SlotRequest {
  name: string;
  size: number;
  type?: string;
}

/** The upload service refused a file for its size. */
export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError';
  constructor(
    /** The largest size the service accepts, in bytes, when it said. */
    readonly maxFileSize?: number,
  ) {
    super(maxFileSize === undefined ? 'The file is larger than the server accepts.' : `The server accepts files up to ${maxFileSize} bytes.`);
  }
}
