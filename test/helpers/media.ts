/** Real media files made in the browser for tests: a JPEG with EXIF, a WAV, a WebM. */

/** A canvas `width`×`height` with its left half red and its right half blue. */
function halfAndHalf(width: number, height: number): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#ff0000';
  context.fillRect(0, 0, width / 2, height);
  context.fillStyle = '#0000ff';
  context.fillRect(width / 2, 0, width / 2, height);
  return canvas;
}

/** Text that the EXIF block carries, so a test can look for it in what leaves the page. */
export const EXIF_SECRET = 'GPS 48.8584N 2.2945E';

/**
 * An APP1 segment holding a big-endian EXIF block with IFD0 = { ImageDescription: EXIF_SECRET,
 * Orientation: `orientation` }.
 */
function exifSegment(orientation: number): Uint8Array<ArrayBuffer> {
  const text = new TextEncoder().encode(`${EXIF_SECRET}\0`);
  const tiff = new Uint8Array(38 + text.length);
  const view = new DataView(tiff.buffer);
  tiff.set([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]); // "MM", 42, IFD0 at 8
  view.setUint16(8, 2); // two entries, sorted by tag
  view.setUint16(10, 0x010e); // ImageDescription, ASCII, at offset 38
  view.setUint16(12, 2);
  view.setUint32(14, text.length);
  view.setUint32(18, 38);
  view.setUint16(22, 0x0112); // Orientation, SHORT, inline
  view.setUint16(24, 3);
  view.setUint32(26, 1);
  view.setUint16(30, orientation);
  view.setUint32(34, 0); // no next IFD
  tiff.set(text, 38);
  const segment = new Uint8Array(4 + 6 + tiff.length);
  segment.set([0xff, 0xe1]);
  new DataView(segment.buffer).setUint16(2, segment.length - 2);
  segment.set(new TextEncoder().encode('Exif\0\0'), 4);
  segment.set(tiff, 10);
  return segment;
}

/**
 * A JPEG whose pixels are `width`×`height` (left red, right blue) and whose EXIF says to show it
 * turned by `orientation` (6 = 90° clockwise), spliced in right after the start-of-image marker.
 */
export async function makeJpegWithExif(orientation: number, width = 64, height = 32, name = 'turned.jpg'): Promise<File> {
  const jpeg = new Uint8Array(await (await halfAndHalf(width, height).convertToBlob({ type: 'image/jpeg', quality: 0.95 })).arrayBuffer());
  return new File([jpeg.subarray(0, 2), exifSegment(orientation), jpeg.subarray(2)], name, { type: 'image/jpeg' });
}

/** A real PNG whose IHDR is rewritten to claim `width`×`height` (a pixel bomb: the bytes stay tiny). */
export async function makePngClaiming(width: number, height: number, name = 'bomb.png'): Promise<File> {
  const png = new Uint8Array(await (await halfAndHalf(4, 4).convertToBlob({ type: 'image/png' })).arrayBuffer());
  const view = new DataView(png.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return new File([png], name, { type: 'image/png' });
}

/** A mono 16-bit PCM WAV of a 440 Hz tone lasting `seconds`. */
export function makeWav(seconds: number, name = 'tone.wav', sampleRate = 8000): File {
  const samples = Math.round(seconds * sampleRate);
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => bytes.set(new TextEncoder().encode(text), offset);
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  ascii(8, 'WAVEfmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, samples * 2, true);
  for (let index = 0; index < samples; index++) view.setInt16(44 + index * 2, Math.round(8000 * Math.sin((2 * Math.PI * 440 * index) / sampleRate)), true);
  return new File([bytes], name, { type: 'audio/wav' });
}

/** Whether this browser can record a WebM video from a canvas. */
export function canRecordWebm(): boolean {
  return typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported('video/webm') && 'captureStream' in HTMLCanvasElement.prototype;
}

/** A WebM video `width`×`height`, about `ms` long, recorded with MediaRecorder from an animated canvas. */
export async function makeWebm(ms: number, width = 160, height = 120, name = 'clip.webm'): Promise<File> {
  const canvas = Object.assign(document.createElement('canvas'), { width, height });
  const context = canvas.getContext('2d')!;
  const recorder = new MediaRecorder(canvas.captureStream(30), { mimeType: 'video/webm' });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  let frame = 0;
  const draw = () => {
    context.fillStyle = `hsl(${(frame++ * 12) % 360} 80% 50%)`;
    context.fillRect(0, 0, width, height);
  };
  draw();
  const timer = setInterval(draw, 33);
  const stopped = new Promise((resolve) => (recorder.onstop = resolve));
  recorder.start(100);
  await new Promise((resolve) => setTimeout(resolve, ms));
  recorder.stop();
  await stopped;
  clearInterval(timer);
  return new File(chunks, name, { type: 'video/webm' });
}

/** A photo-like JPEG `width`×`height` (a gradient sky and colour blocks): detail that shows whether a picture is sharp. */
export async function makePhotoJpeg(width = 1600, height = 1200, name = 'photo.jpg'): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  const sky = context.createLinearGradient(0, 0, width, height);
  sky.addColorStop(0, '#1d4e89');
  sky.addColorStop(1, '#f4a259');
  context.fillStyle = sky;
  context.fillRect(0, 0, width, height);
  for (let index = 0; index < 300; index++) {
    context.fillStyle = `hsl(${(index * 37) % 360} 60% 50% / 0.6)`;
    context.fillRect((index * 7919) % width, (index * 104_729) % height, 48, 48);
  }
  return new File([await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 })], name, { type: 'image/jpeg' });
}
