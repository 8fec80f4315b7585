import { createContext } from '@lit/context';
import { loadOnce } from '../model/load-once.ts';
import type { TransferAction } from '../upload/handler.ts';
import { en } from './locales/en.ts';

/**
 * Every word Chatdrop elements show or announce. A sentence with values is a function, so a
 * locale can order the words its own way. Override some with an element's (or the widget's)
 * `strings` property; the rest come from the locale, and what a locale lacks from English.
 * A locale module exports a whole `ChatStrings` (`locales/de.ts`); English comes in parts, each
 * loaded with the code that shows its words (see `withEnglish`).
 */
export interface ChatStrings {
  /** The BCP 47 language of these strings; `<chat-widget>` sets it as its `lang`. */
  lang: string;
  /** A byte count for people: `1.5 KB`. */
  fileSize(bytes: number): string;

  // <chat-widget>
  /** The title in the header when the widget has no `heading`. */
  heading: string;
  statusOnline: string;
  statusConnecting: string;
  statusOffline: string;
  /** The launcher button's name. */
  openChat: string;
  /** The panel's close button's name. */
  closeChat: string;
  /** The launcher's unread badge, as read out. */
  unreadMessages(count: number): string;
  /** The overlay while files are dragged over the widget. */
  dropToSend: string;
  /** Announced when one of our files starts uploading, is sent, or fails (`reason`: a failure sentence below). */
  uploadStarted(name: string): string;
  uploadSent(name: string): string;
  uploadFailed(name: string, reason: string): string;

  // <file-composer>
  messageLabel: string;
  messagePlaceholder: string;
  /** The Attach button's tooltip; `attachLabel` is its name. */
  attach: string;
  attachLabel: string;
  /** The Take photo and Send buttons' names and tooltips. */
  takePhoto: string;
  send: string;
  /** The message field's placeholder while files are staged: the text goes with them as their caption. */
  addCaption: string;
  trayLabel: string;
  /** The tooltip of a staged file's preview, which opens its caption, alt text and order. */
  stagedDetails: string;
  captionPlaceholder: string;
  captionLabel(name: string): string;
  altPlaceholder: string;
  altLabel(name: string): string;
  /** A staged file's Remove button's tooltip; `removeLabel` is its name. */
  remove: string;
  removeLabel(name: string): string;
  /** A staged file's buttons that move it one place earlier (back) or later (forward) in the row. */
  moveUpLabel(name: string): string;
  moveDownLabel(name: string): string;
  /** The tooltip of a staged file's drag handle. */
  dragToReorder: string;
  /** Announced after a staged file was moved; `position` counts from 1. */
  moved(name: string, position: number, total: number): string;
  /** The composer's drop zone. */
  dropToAttach: string;
  /** A refusal: `size` and `limit` in bytes. */
  refusedTooLarge(name: string, size: number, limit: number): string;
  refusedType(name: string): string;
  refusedTooMany(max: number): string;
  /** The code that stages files could not be loaded (offline): nothing was attached. */
  attachUnavailable: string;

  // <text-bubble> and <file-bubble>
  sending: string;
  sent: string;
  notSent: string;
  retry: string;

  // <chat-thread>
  messagesLabel: string;
  noMessages: string;
  /** The button that brings a reader who scrolled up back to the newest messages. */
  newMessages(count: number): string;
  /** Read to screen readers when a message from someone else arrives. */
  arrivedText(name: string, text: string): string;
  arrivedFiles(name: string, files: string[]): string;
  /** Many arrived at once: how many, then the last one described. */
  arrivedMany(count: number, last: string): string;
  /** Day separators (older days show the date, in the strings' `lang`). */
  today: string;
  yesterday: string;

  // <file-bubble>
  waiting: string;
  /** An upload waiting for the connection: it starts by itself once back online. */
  waitingForConnection: string;
  /** A file waiting or failed that the browser could not keep: after a reload it must be attached again. */
  notKeptAfterReload: string;
  /** The button that removes a file waiting or failed from the thread. */
  removeFile: string;
  /** The button of a file the browser could not keep over a reload: pick the same file, and its upload goes on. */
  pickSameFile: string;
  cancel: string;
  download: string;
  downloadAgain: string;
  saveAgain: string;
  /** Saves an image the auto-download policy already fetched. */
  save: string;
  downloaded: string;
  /** The server no longer has the file (404, 410). */
  unavailable: string;
  /** The name of the button on an image preview that opens the lightbox; `description` is the alt text or the name. */
  openImage(description: string): string;
  /** How many more images an album holds than its grid shows (its last tile says "+N"). */
  moreImages(count: number): string;
  /** The name of the play button over a video's poster or beside an audio's play time; `name` is the file's. */
  play(name: string): string;
  unsupportedLink: string;
  /** Progress bar names. */
  preparingLabel: string;
  uploadingLabel: string;
  downloadingLabel: string;
  stalledLabel: string;
  retryingLabel: string;
  /** `Downloading… 40%`: `label` is one of the progress bar names. */
  progress(label: string, percent: number): string;
  /** `sent` and `total` in bytes. */
  uploadProgress(percent: number, sent: number, total: number, remainingMs?: number): string;
  stalledFor(ms: number): string;
  retryingIn(ms: number): string;

  // Why an upload or a download failed, one sentence per `TransferErrorCode` (in <file-bubble> and
  // the widget's announcements); `action` says which of the two failed.
  /** `failed`: an error without a code of its own (or none recorded). */
  uploadFailedFallback: string;
  downloadFailedFallback: string;
  /** `not-found` of a download: the server no longer has the file (404, 410). */
  fileUnavailable: string;
  failedCancelled(action: TransferAction): string;
  /** `network`: no answer from the server. */
  failedNetwork(action: TransferAction): string;
  /** `interrupted`: a download kept being cut off. */
  failedInterrupted: string;
  /** `too-large`: `maxFileSize` in bytes, when the server said. */
  failedTooLarge(maxFileSize?: number): string;
  /** `forbidden`: 401, 403. */
  failedForbidden(action: TransferAction): string;
  /** `busy`: 429. */
  failedBusy: string;
  /** `server`: 5xx. */
  failedServer(action: TransferAction, status?: number): string;
  /** `refused`: any other refusal (and `not-found` of an upload); `status` when the server answered with one. */
  failedRefused(action: TransferAction, status?: number): string;
  /** `bad-answer`: the server did not say where it stored the file. */
  failedBadAnswer: string;
  /** `integrity`: the bytes do not match the message's checksum. */
  failedIntegrity: string;
  /** `not-an-image`: bytes fetched to be shown as an image are not one. */
  failedNotAnImage: string;
  failedUnsupportedLink: string;
  /** `not-configured`: nothing to upload to. */
  failedNotConfigured: string;
  /** `uploader-unavailable`: the uploader's code could not be loaded (offline). */
  uploaderUnavailable: string;
  /** `file-code-unavailable`: the code that sends and fetches files could not be loaded (offline). */
  fileCodeUnavailable: string;
  /** `file-needed`: the page reloaded before the upload finished, and the browser could not keep the file (`pickSameFile` goes on). */
  failedFileNeeded: string;
  /** `different-file`: the file picked again is not the one sent (its size or first bytes differ). */
  failedDifferentFile: string;

  // <chat-lightbox>
  /** The lightbox's name: `photo.jpg, 2 of 5`. */
  lightboxLabel(name: string, position: number, total: number): string;
  /** Where the image shown is among the thread's images: `2 of 5`. */
  imagePosition(position: number, total: number): string;
  previousImage: string;
  nextImage: string;
  zoomIn: string;
  zoomOut: string;
  closeLightbox: string;
}

/**
 * `strings` with the English `parts` below them, for the words `strings` lack: how the code that
 * shows words of files names the English ones it brings (`locales/en-file-view.ts`,
 * `en-file-send.ts`, `en-failures.ts`), so a page that only chats never loads them, and the
 * launcher its own (`en-launcher.ts`). Every shipped locale has all words, so only English (and a
 * partial host locale) needs them.
 */
export function withEnglish(strings: ChatStrings, ...parts: Partial<ChatStrings>[]): ChatStrings {
  return Object.assign({}, ...parts, strings) as ChatStrings;
}

/**
 * The locales loaded besides English, by language tag: the shipped ones once `loadLocale` fetched
 * them, and any a host adds (`chatLocales.fr = { … }`, then `locale="fr"`).
 */
export const chatLocales: Record<string, ChatStrings> = {};

/** The locales Chatdrop ships besides English, loaded when a widget first uses one (and again at the next use after a failed load). */
const shippedLocales: Record<string, () => Promise<ChatStrings>> = {
  de: loadOnce(async () => (await import('./locales/de.ts')).de),
};

/** The language tag `locale` resolves to among the shipped ones (`de-AT` → `de`), or `en`. */
function shippedTag(locale: string): string {
  const tag = locale.toLowerCase();
  const base = tag.split('-')[0]!;
  return [tag, base].find((candidate) => candidate in chatLocales || candidate in shippedLocales) ?? 'en';
}

/**
 * Loads the shipped locale `locale` resolves to, if it is not loaded yet; resolves when
 * `resolveStrings(locale)` gives its words (English for an unknown locale or a failed load).
 */
export async function loadLocale(locale: string): Promise<void> {
  const tag = shippedTag(locale);
  if (tag === 'en' || chatLocales[tag]) return;
  const loaded = await shippedLocales[tag]?.().catch(() => undefined);
  if (loaded) chatLocales[tag] = loaded;
}

/**
 * The strings for `locale` (`de`, `de-AT` → `de`; unknown or not loaded yet → English) with
 * `overrides` on top, and below them the English words a page shows before any file
 * (`locales/en.ts`). The English words of files are added by the code that shows them (`withEnglish`).
 * A regional `locale` of the words' language keeps its region in `lang` (`en-GB`), so times
 * and dates are written as there.
 */
export function resolveStrings(locale: string, overrides: Partial<ChatStrings> = {}): ChatStrings {
  const strings = { ...en, ...chatLocales[shippedTag(locale)], ...overrides } as ChatStrings;
  return locale.startsWith(`${strings.lang}-`) ? { ...strings, lang: locale } : strings;
}

/** Carries a widget's resolved strings to the elements inside it. */
export const chatStringsContext = createContext<ChatStrings | undefined>(Symbol('chatdrop-strings'));
