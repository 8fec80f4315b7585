import { MAX_THUMBNAIL_CHARS } from '../model/safe-url.ts';
import { makePreview, type FileDescription } from './thumbnails.ts';

/** Longest a video or audio file may take to describe; a bad file then gets what was found so far. */
export const MEDIA_TIMEOUT_MS = 5000;

/** Where the poster frame is taken, in seconds (clamped to half the duration for very short clips). */
const POSTER_TIME_S = 0.1;

/** Resolves on `type`, rejects on the element's `error` event. */
function next(element: HTMLMediaElement, type: keyof HTMLMediaElementEventMap): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (event: Event) => {
      element.removeEventListener(type, done);
      element.removeEventListener('error', done);
      if (event.type === 'error') reject(new Error('The media could not be read.'));
      else resolve();
    };
    element.addEventListener(type, done);
    element.addEventListener('error', done);
  });
}

async function seek(element: HTMLMediaElement, seconds: number): Promise<void> {
  const seeked = next(element, 'seeked');
  element.currentTime = seconds;
  await seeked;
}

/**
 * The duration in seconds. Files made by MediaRecorder carry none in their header (`Infinity`
 * until the end has been seen): seeking far past the end makes the browser find it.
 */
async function readDuration(element: HTMLMediaElement): Promise<number | undefined> {
  if (element.duration === Infinity) await seek(element, Number.MAX_SAFE_INTEGER);
  return Number.isFinite(element.duration) && element.duration >= 0 ? element.duration : undefined;
}

/**
 * Opens `file` in a detached media element (`preload=metadata`, muted), lets `read` fill in a
 * description, and gives back whatever was found within `timeoutMs`. The element is emptied and
 * its object URL revoked afterwards, whatever happened.
 */
async function describeWith(tag: 'video' | 'audio', file: Blob, timeoutMs: number, read: (element: HTMLMediaElement, found: FileDescription) => Promise<void>): Promise<FileDescription> {
  const element = document.createElement(tag);
  const url = URL.createObjectURL(file);
  const found: FileDescription = {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    element.preload = 'metadata';
    element.muted = true;
    const metadata = next(element, 'loadedmetadata');
    element.src = url;
    const reading = metadata.then(() => read(element, found));
    await Promise.race([reading, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  } catch {
    // Unreadable media: keep what was found (maybe nothing); the bubble shows a typed icon.
  } finally {
    clearTimeout(timer);
    element.removeAttribute('src');
    element.load();
    URL.revokeObjectURL(url);
  }
  return { ...found };
}

/** Duration, size and a poster thumbnail (frame at ~0.1 s) of a video, time-bounded. */
export function describeVideo(file: Blob, timeoutMs = MEDIA_TIMEOUT_MS): Promise<FileDescription> {
  return describeWith('video', file, timeoutMs, async (element, found) => {
    const video = element as HTMLVideoElement;
    const seconds = await readDuration(video);
    if (seconds !== undefined) found.durationMs = Math.round(seconds * 1000);
    if (video.videoWidth === 0 || video.videoHeight === 0) return;
    found.width = video.videoWidth;
    found.height = video.videoHeight;
    await seek(video, Math.min(POSTER_TIME_S, (seconds ?? 0) / 2));
    if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) await next(video, 'loadeddata');
    Object.assign(found, await makePreview(video, video.videoWidth, video.videoHeight, MAX_THUMBNAIL_CHARS));
  });
}

/** Duration of an audio file, time-bounded. */
export function describeAudio(file: Blob, timeoutMs = MEDIA_TIMEOUT_MS): Promise<FileDescription> {
  return describeWith('audio', file, timeoutMs, async (element, found) => {
    const seconds = await readDuration(element);
    if (seconds !== undefined) found.durationMs = Math.round(seconds * 1000);
  });
}
