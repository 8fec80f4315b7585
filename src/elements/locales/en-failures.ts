import { formatBytes } from '../../model/format.ts';
import type { ChatStrings } from '../strings.ts';

/**
 * English sentences of failed uploads and downloads, one per `TransferErrorCode`: the file bubble
 * and the widget's upload announcer bring them (`withEnglish`), both code that loads with files.
 */
export const enFailures = {
  uploadFailedFallback: 'The upload failed.',
  downloadFailedFallback: 'The download failed.',
  fileUnavailable: 'This file is no longer available.',
  failedCancelled: (action) => `The ${action} was cancelled.`,
  failedNetwork: (action) => `The ${action} failed: the server could not be reached. Check the connection and try again.`,
  failedInterrupted: 'The download was cut off before the whole file arrived. Try again.',
  failedTooLarge: (maxFileSize) =>
    maxFileSize === undefined ? 'The file is larger than the server accepts.' : `The file is larger than the server's limit of ${formatBytes(maxFileSize)}.`,
  failedForbidden: (action) => `The server did not allow this ${action}.`,
  failedBusy: 'The server is busy. Try again in a moment.',
  failedServer: (action, status) => `The ${action} failed because of a server error${status === undefined ? '' : ` (${status})`}. Try again.`,
  failedRefused: (action, status) => (status === undefined ? `The server refused the ${action}.` : `The ${action} failed (the server answered ${status}).`),
  failedBadAnswer: 'The server did not say where it stored the file. Try again.',
  failedIntegrity: 'The file is damaged: its checksum does not match.',
  failedNotAnImage: 'This file is not an image.',
  failedUnsupportedLink: 'This file has an unsupported link and cannot be downloaded.',
  failedNotConfigured: 'Sending files is not set up here.',
  uploaderUnavailable: 'The uploader could not be loaded. Check the connection and try again.',
  fileCodeUnavailable: 'Files cannot be sent or fetched right now. Check the connection and try again.',
  failedFileNeeded: 'The page reloaded before this file was sent, and the browser could not keep it.',
  failedDifferentFile: 'That is not the same file (its size or its first bytes differ). Pick the file you sent.',
} satisfies Partial<ChatStrings>;
