/** Subtypes that say nothing about a file's kind: the bubble shows no type for them. */
const VAGUE_SUBTYPES = new Set(['octet-stream', 'unknown', 'binary']);

/**
 * What a file bubble says a file is, short as people say it: its extension in capitals
 * (`report.pdf` → `PDF`, `notes.tar.gz` → `GZ`), else the MIME subtype without its `x-` or `vnd.`
 * prefix (`audio/x-flac` → `FLAC`), else nothing. The full MIME type stays in the bubble's tooltip.
 * Only letters and digits of the untrusted name and type are kept.
 */
export function typeLabel(name: string, mime: string): string {
  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1];
  if (extension && !/^\d+$/.test(extension)) return extension.toUpperCase();
  const subtype = mime.split(';')[0]!.split('/')[1]?.trim().toLowerCase().replace(/^(x-|vnd\.)/, '') ?? '';
  if (!/^[a-z0-9][a-z0-9.+-]{0,15}$/.test(subtype) || VAGUE_SUBTYPES.has(subtype)) return '';
  return subtype.toUpperCase();
}
