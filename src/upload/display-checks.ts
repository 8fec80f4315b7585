/**
 * What a file fetched only to be shown as an image (the auto-download policy, `forDisplay`) must
 * be, by what the server says before any byte is taken: a raster image no larger than the limit.
 * Its first bytes are checked after (`readImageHeader`), whatever the server said.
 */
import { fileKind } from '../model/format.ts';
import { TransferError } from './handler.ts';
import { httpError } from './http-errors.ts';

/** The failure of a download that would take more than `maxBytes`. */
export const tooLargeToShow = (maxBytes: number) => new TransferError(`The file is larger than the ${maxBytes} bytes an image is fetched up to.`, { code: 'too-large' });

/**
 * Refuses a file whose server says it is not a raster image (HTML, SVG, anything else) or is
 * larger than `maxBytes`. No type, or opaque bytes (`application/octet-stream`), says nothing:
 * the first bytes decide.
 */
export function checkForDisplay(contentType: string | null, size: number | undefined, maxBytes: number): void {
  const type = contentType?.split(';')[0]!.trim().toLowerCase() ?? '';
  if (type !== '' && type !== 'application/octet-stream' && fileKind(type) !== 'image') {
    throw new TransferError(`The server says this file is ${type}, not an image.`, { code: 'not-an-image' });
  }
  if (size !== undefined && size > maxBytes) throw tooLargeToShow(maxBytes);
}

/** The `Content-Length` of an answer, when it says one. */
export function contentLength(response: Response): number | undefined {
  const length = Number(response.headers.get('Content-Length') ?? Number.NaN);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

/**
 * Asks the server about a file of unknown size (HEAD) before fetching it to show, and refuses it
 * as `checkForDisplay` does; a file gone (404, 410) fails as `not-found`. A HEAD without a
 * readable answer (CORS, a network error) or one the server does not support decides nothing:
 * the GET that follows is held to the same rules and stops at the limit.
 */
export async function askBeforeFetching(url: string, init: RequestInit, maxBytes: number): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, method: 'HEAD' });
  } catch {
    return;
  }
  if (response.status === 404 || response.status === 410) throw httpError(response.status, 'download');
  if (response.ok) checkForDisplay(response.headers.get('Content-Type'), contentLength(response), maxBytes);
}
