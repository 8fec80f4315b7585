/**
 * Reads an image's size from its file header, without decoding a pixel: the pixel budget is
 * checked before any decoder sees the file (a 20 KB PNG can claim 50 000 × 50 000).
 */

/** An image's size as its header declares it, EXIF/`irot` orientation applied (width and height swapped). */
export interface ImageHeader {
  format: 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'avif';
  width: number;
  height: number;
  /** Whether the stored pixels are turned a quarter: then they are `height` wide and `width` high. */
  isTurned?: boolean;
}

/** How much of the file is read: JPEG headers may carry ICC profiles and EXIF thumbnails before the frame header. */
const HEADER_BYTES = 1024 * 1024;

/** The size an image file declares, or `undefined` when its bytes are no image format we can read. */
export async function readImageHeader(blob: Blob): Promise<ImageHeader | undefined> {
  const view = new DataView(await blob.slice(0, HEADER_BYTES).arrayBuffer());
  try {
    const header = readPng(view) ?? readGif(view) ?? readWebp(view) ?? readBmp(view) ?? readAvif(view) ?? readJpeg(view);
    return header && header.width > 0 && header.height > 0 ? header : undefined;
  } catch {
    return undefined; // a header cut short: DataView threw RangeError
  }
}

const ascii = (view: DataView, offset: number, length: number): string =>
  offset + length > view.byteLength ? '' : String.fromCharCode(...new Uint8Array(view.buffer, view.byteOffset + offset, length));

function readPng(view: DataView): ImageHeader | undefined {
  if (ascii(view, 1, 3) !== 'PNG' || ascii(view, 12, 4) !== 'IHDR') return undefined;
  return { format: 'png', width: view.getUint32(16), height: view.getUint32(20) };
}

function readGif(view: DataView): ImageHeader | undefined {
  if (!/^GIF8[79]a$/.test(ascii(view, 0, 6))) return undefined;
  return { format: 'gif', width: view.getUint16(6, true), height: view.getUint16(8, true) };
}

function readWebp(view: DataView): ImageHeader | undefined {
  if (ascii(view, 0, 4) !== 'RIFF' || ascii(view, 8, 4) !== 'WEBP') return undefined;
  const uint24 = (offset: number) => view.getUint8(offset) | (view.getUint8(offset + 1) << 8) | (view.getUint8(offset + 2) << 16);
  switch (ascii(view, 12, 4)) {
    case 'VP8 ': // lossy: a key frame's start code, then 14-bit sizes
      if (view.getUint8(23) !== 0x9d || view.getUint8(24) !== 0x01 || view.getUint8(25) !== 0x2a) return undefined;
      return { format: 'webp', width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
    case 'VP8L': { // lossless: signature 0x2f, then 14-bit sizes minus one
      if (view.getUint8(20) !== 0x2f) return undefined;
      const bits = view.getUint32(21, true);
      return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    case 'VP8X': // extended: 24-bit canvas sizes minus one
      return { format: 'webp', width: uint24(24) + 1, height: uint24(27) + 1 };
    default:
      return undefined;
  }
}

function readBmp(view: DataView): ImageHeader | undefined {
  if (ascii(view, 0, 2) !== 'BM') return undefined;
  if (view.getUint32(14, true) === 12) return { format: 'bmp', width: view.getUint16(18, true), height: view.getUint16(20, true) };
  return { format: 'bmp', width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
}

/** AVIF (HEIF): the largest `ispe` (image spatial extent) box, turned by `irot`. */
function readAvif(view: DataView): ImageHeader | undefined {
  if (ascii(view, 4, 4) !== 'ftyp' || !/avi[fs]/.test(ascii(view, 8, Math.min(view.getUint32(0), 64) - 8))) return undefined;
  let width = 0;
  let height = 0;
  let isTurned = false;
  const end = Math.min(view.byteLength, 64 * 1024) - 16;
  for (let offset = 8; offset < end; offset++) {
    const box = ascii(view, offset, 4);
    if (box === 'ispe' && view.getUint32(offset + 8) * view.getUint32(offset + 12) > width * height) {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
    } else if (box === 'irot') {
      isTurned = (view.getUint8(offset + 4) & 1) === 1;
    }
  }
  return isTurned ? { format: 'avif', width: height, height: width, isTurned } : { format: 'avif', width, height };
}

/** JPEG: walks the segments to the first frame header (SOFn), reading the EXIF orientation on the way. */
function readJpeg(view: DataView): ImageHeader | undefined {
  if (view.getUint16(0) !== 0xffd8) return undefined;
  let orientation = 1;
  let offset = 2;
  while (offset + 4 <= view.byteLength) {
    if (view.getUint8(offset) !== 0xff) return undefined;
    const marker = view.getUint8(offset + 1);
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // markers without a length
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return undefined; // image data before any frame header
    const length = view.getUint16(offset + 2);
    if (marker === 0xe1 && ascii(view, offset + 4, 6) === 'Exif\0\0') orientation = exifOrientation(view, offset + 10) ?? orientation;
    const isFrameHeader = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrameHeader) {
      const height = view.getUint16(offset + 5);
      const width = view.getUint16(offset + 7);
      return orientation >= 5 && orientation <= 8 ? { format: 'jpeg', width: height, height: width, isTurned: true } : { format: 'jpeg', width, height };
    }
    offset += 2 + length;
  }
  return undefined;
}

/** The EXIF Orientation tag (0x0112) of IFD0, from the TIFF header at `tiff`. */
function exifOrientation(view: DataView, tiff: number): number | undefined {
  const byteOrder = ascii(view, tiff, 2);
  if (byteOrder !== 'II' && byteOrder !== 'MM') return undefined;
  const little = byteOrder === 'II';
  const ifd = tiff + view.getUint32(tiff + 4, little);
  const count = view.getUint16(ifd, little);
  for (let index = 0; index < count; index++) {
    const entry = ifd + 2 + index * 12;
    if (view.getUint16(entry, little) === 0x0112) return view.getUint16(entry + 8, little);
  }
  return undefined;
}
