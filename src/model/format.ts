const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** A byte count in human units: `0 B`, `999 B`, `1.5 KB`, `12 MB`. Never `NaN` or negative. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** The broad kind of a file, by its declared media type. */
export type FileKind = 'image' | 'video' | 'audio' | 'document';

export function fileKind(mime: string): FileKind {
  if (/^image\/(png|jpeg|gif|webp|avif|bmp)$/.test(mime)) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return 'document';
}

/** A duration as people round an estimate: `5 s`, `40 s`, `3 min`, `2 h 10 min` (at least `1 s`). */
export function roughDuration(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  const roundedSeconds = seconds < 10 ? seconds : Math.round(seconds / 5) * 5;
  if (roundedSeconds < 60) return `${roundedSeconds} s`;
  const minutes = Math.max(1, Math.round(seconds / 60));
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
}
