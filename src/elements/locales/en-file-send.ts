import { formatBytes } from '../../model/format.ts';
import type { ChatStrings } from '../strings.ts';

/**
 * English words of sending files: the composer's tray (captions, alt text, order), the refusals
 * and the upload announcements. The code that stages files (`file-composer/staged-files.ts`,
 * `restrictions.ts`) and the upload announcer bring them (`withEnglish`). `fileSize` is a word of
 * a file shown too (`en-file-view.ts`): sending may come first.
 */
export const enFileSend = {
  fileSize: formatBytes,
  addCaption: 'Add a caption…',
  trayLabel: 'Files to send',
  stagedDetails: 'Caption, description and order',
  captionPlaceholder: 'Caption',
  captionLabel: (name) => `Caption for ${name}`,
  altPlaceholder: 'Describe the image (alt text)',
  altLabel: (name) => `Description of ${name}`,
  remove: 'Remove',
  removeLabel: (name) => `Remove ${name}`,
  moveUpLabel: (name) => `Move ${name} earlier`,
  moveDownLabel: (name) => `Move ${name} later`,
  dragToReorder: 'Drag to change the order',
  moved: (name, position, total) => `${name} moved to position ${position} of ${total}`,
  refusedTooLarge: (name, size, limit) => {
    const [shown, allowed] = [formatBytes(size), formatBytes(limit)];
    // Rounding can show both sizes alike: then say only that it is over.
    return shown === allowed ? `"${name}" is over the limit of ${allowed}.` : `"${name}" is ${shown}; the limit is ${allowed}.`;
  },
  refusedType: (name) => `"${name}" is not a type you can send here.`,
  refusedTooMany: (max) => `You can send at most ${max} ${max === 1 ? 'file' : 'files'} at once.`,

  uploadStarted: (name) => `Uploading ${name}`,
  uploadSent: (name) => `${name} sent`,
  uploadFailed: (name, reason) => `${name} failed: ${reason}`,
} satisfies Partial<ChatStrings>;

