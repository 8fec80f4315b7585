import { createContext } from '@lit/context';
import { en } from './locales/en.ts';

/**
 * Every word Chatdrop elements show or announce. A sentence with values is a function, so a
 * locale can order the words its own way. Override some with an element's (or the widget's)
 * `strings` property; the rest come from the locale, and what a locale lacks from English.
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
  /** Announced when one of our files starts uploading, is sent, or fails. */
  uploadStarted(name: string): string;
  uploadSent(name: string): string;
  uploadFailed(name: string, reason: string): string;

  // <file-composer>
  messageLabel: string;
  messagePlaceholder: string;
  attach: string;
  attachLabel: string;
  takePhoto: string;
  send: string;
  trayLabel: string;
  captionPlaceholder: string;
  captionLabel(name: string): string;
  altPlaceholder: string;
  altLabel(name: string): string;
  remove: string;
  removeLabel(name: string): string;
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
  cancel: string;
  download: string;
  downloadAgain: string;
  saveAgain: string;
  /** Saves an image the auto-download policy already fetched. */
  save: string;
  downloaded: string;
  /** The server no longer has the file (404, 410). */
  unavailable: string;
  fileUnavailable: string;
  /** The name of the button on an image preview that opens the lightbox; `description` is the alt text or the name. */
  openImage(description: string): string;
  unsupportedLink: string;
  uploadFailedFallback: string;
  downloadFailedFallback: string;
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
 * English, what every locale and override falls back on: the words of the Chatdrop code loaded
 * so far. The words a page shows before any file are here from the start (`locales/en.ts`); the
 * words of files join when the code that shows files (`locales/en-file-view.ts`) or sends them
 * (`locales/en-file-send.ts`) loads, so a page that only chats never downloads them. Complete
 * once that code has loaded.
 */
export const englishStrings = { ...en } as ChatStrings;

/** Adds English words of code that loads later; strings resolved before see them too. */
export function addEnglishStrings(words: Partial<ChatStrings>): void {
  Object.assign(englishStrings, words);
}

/**
 * `layers` over English, the later over the earlier. English is below them (the prototype), not
 * copied, so words whose code loads later show in English wherever no layer names them; spreading
 * the result would copy only the layers' words.
 */
export function overEnglish(...layers: (Partial<ChatStrings> | undefined)[]): ChatStrings {
  return Object.assign(Object.create(englishStrings) as ChatStrings, ...layers);
}

/** The locales loaded so far, by language tag: English (`englishStrings`) always; others once `loadLocale` fetched them. */
export const chatLocales: Record<string, ChatStrings> = { en: englishStrings };

/** The locales Chatdrop ships besides English, loaded when a widget first uses one. */
const shippedLocales: Record<string, () => Promise<ChatStrings>> = {
  de: async () => (await import('./locales/de.ts')).de,
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
  if (chatLocales[tag]) return;
  chatLocales[tag] = await shippedLocales[tag]!().catch(() => englishStrings);
}

/**
 * The strings for `locale` (`de`, `de-AT` → `de`; unknown or not loaded yet → English) with
 * `overrides` on top, and English below for any word neither has.
 */
export function resolveStrings(locale: string, overrides: Partial<ChatStrings> = {}): ChatStrings {
  return overEnglish(chatLocales[shippedTag(locale)], overrides);
}

/** Carries a widget's resolved strings to the elements inside it. */
export const chatStringsContext = createContext<ChatStrings | undefined>(Symbol('chatdrop-strings'));
