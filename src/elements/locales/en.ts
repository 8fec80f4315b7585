import { formatBytes, roughDuration } from '../../model/format.ts';
import type { ChatStrings } from '../strings.ts';

/** A wait in seconds: `30 s`, `0.3 s`. */
const seconds = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`);

/** English, the default. */
export const en: ChatStrings = {
  lang: 'en',
  fileSize: formatBytes,

  heading: 'Chat',
  statusOnline: 'Online',
  statusConnecting: 'Connecting…',
  statusOffline: 'Offline',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  unreadMessages: (count) => (count === 1 ? '1 unread message' : `${count} unread messages`),
  dropToSend: 'Drop files to send',
  uploadStarted: (name) => `Uploading ${name}`,
  uploadSent: (name) => `${name} sent`,
  uploadFailed: (name, reason) => `${name} failed: ${reason}`,

  messageLabel: 'Message',
  messagePlaceholder: 'Write a message…',
  attach: 'Attach',
  attachLabel: 'Attach files',
  takePhoto: 'Take photo',
  send: 'Send',
  trayLabel: 'Files to send',
  captionPlaceholder: 'Caption',
  captionLabel: (name) => `Caption for ${name}`,
  altPlaceholder: 'Describe the image (alt text)',
  altLabel: (name) => `Description of ${name}`,
  remove: 'Remove',
  removeLabel: (name) => `Remove ${name}`,
  moveUpLabel: (name) => `Move ${name} up`,
  moveDownLabel: (name) => `Move ${name} down`,
  dragToReorder: 'Drag to change the order',
  moved: (name, position, total) => `${name} moved to position ${position} of ${total}`,
  dropToAttach: 'Drop files to attach them',
  refusedTooLarge: (name, size, limit) => {
    const [shown, allowed] = [formatBytes(size), formatBytes(limit)];
    // Rounding can show both sizes alike: then say only that it is over.
    return shown === allowed ? `"${name}" is over the limit of ${allowed}.` : `"${name}" is ${shown}; the limit is ${allowed}.`;
  },
  refusedType: (name) => `"${name}" is not a type you can send here.`,
  refusedTooMany: (max) => `You can send at most ${max} ${max === 1 ? 'file' : 'files'} at once.`,
  attachUnavailable: 'Files cannot be attached right now. Check the connection and try again.',

  sending: 'Sending…',
  sent: 'Sent',
  notSent: 'Not sent',
  retry: 'Retry',

  messagesLabel: 'Messages',
  noMessages: 'No messages yet',
  newMessages: (count) => (count === 1 ? '1 new message' : `${count} new messages`),
  arrivedText: (name, text) => `${name}: ${text}`,
  arrivedFiles: (name, files) => `${name} sent ${new Intl.ListFormat('en', { type: 'conjunction' }).format(files)}`,
  arrivedMany: (count, last) => `${count} new messages. The last: ${last}`,
  today: 'Today',
  yesterday: 'Yesterday',

  waiting: 'Waiting…',
  cancel: 'Cancel',
  download: 'Download',
  downloadAgain: 'Download again',
  saveAgain: 'Save again',
  save: 'Save',
  downloaded: 'Downloaded',
  unavailable: 'Unavailable',
  fileUnavailable: 'This file is no longer available.',
  openImage: (description) => `Open image: ${description}`,
  unsupportedLink: 'Unsupported link',
  uploadFailedFallback: 'The upload failed.',
  downloadFailedFallback: 'The download failed.',
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
};
