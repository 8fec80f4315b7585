import { formatBytes, roughDuration } from '../../model/format.ts';
import type { ChatStrings } from '../strings.ts';

/** A wait in seconds: `30 s`, `0.3 s`. */
const seconds = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`);

/**
 * English words of a file shown: the file bubble (its progress and downloads) and the lightbox,
 * which bring them (`ChatElement.englishWords`). Why a transfer failed is in `en-failures.ts`.
 */
export const enFileView = {
  fileSize: formatBytes,
  waiting: 'Waiting…',
  waitingForConnection: 'Waiting for the connection: it sends by itself once back online.',
  notKeptAfterReload: 'This browser could not keep the file: if the page reloads, pick it again to send it.',
  removeFile: 'Remove file',
  pickSameFile: 'Pick the same file to resume',
  cancel: 'Cancel',
  download: 'Download',
  downloadAgain: 'Download again',
  saveAgain: 'Save again',
  save: 'Save',
  downloaded: 'Downloaded',
  unavailable: 'Unavailable',
  openImage: (description) => `Open image: ${description}`,
  moreImages: (count) => (count === 1 ? '1 more image' : `${count} more images`),
  play: (name) => `Play: ${name}`,
  unsupportedLink: 'Unsupported link',
  preparingLabel: 'Preparing',
  uploadingLabel: 'Uploading',
  downloadingLabel: 'Downloading',
  stalledLabel: 'Stalled',
  retryingLabel: 'Retrying',
  progress: (label, percent) => `${label}… ${percent}%`,
  uploadProgress: (percent, sent, total, remainingMs) =>
    `Uploading… ${percent}% · ${formatBytes(sent)} of ${formatBytes(total)}${remainingMs === undefined ? '' : ` · about ${roughDuration(remainingMs)} left`}`,
  stalledFor: (ms) => `Stalled: no progress for ${seconds(ms)}`,
  retryingIn: (ms) => `Retrying in ${seconds(ms)}…`,

  lightboxLabel: (name, position, total) => `${name}, ${position} of ${total}`,
  imagePosition: (position, total) => `${position} of ${total}`,
  previousImage: 'Previous image',
  nextImage: 'Next image',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  closeLightbox: 'Close',
} satisfies Partial<ChatStrings>;

