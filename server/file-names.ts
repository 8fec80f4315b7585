/**
 * Cleaning what an uploader declares about a file: its name, its media type, and the wording of
 * the size limit.
 */

/** C0 and C1 control characters, DEL and bidi controls (`invoice\u202Efdp.exe`): never kept in a stored name. */
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Longest stored name, in UTF-8 bytes (what most file systems allow for one name). */
export const MAX_NAME_BYTES = 255;

/** Longest extension kept whole when a name is clamped, in UTF-8 bytes. */
const MAX_EXTENSION_BYTES = 32;

const MIME_PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

const encoder = new TextEncoder();

function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/**
 * A file name as the user chose it, from a multipart `filename` parameter: browsers (and fetch)
 * escape `"`, CR and LF there as `%22`, `%0D` and `%0A` (HTML's form-data encoding), so those three,
 * and only those, are turned back.
 */
export function decodeFormFileName(name: string): string {
  return name.replace(/%(22|0D|0A)/g, (_match, code: string) => String.fromCharCode(parseInt(code, 16)));
}

/**
 * A declared file name made safe to store and to show: control characters removed, `untitled`
 * when nothing (or only dots) is left, and clamped to 255 UTF-8 bytes by code point, keeping the
 * extension. Everything else, slashes included, is kept as given: the name is never a path.
 */
export function cleanFileName(name: string | undefined): string {
  const cleaned = (name ?? '').replace(CONTROL_CHARACTERS, '');
  const trimmed = cleaned.trim();
  if (trimmed === '' || /^\.+$/.test(trimmed)) return 'untitled';
  return clampName(cleaned, MAX_NAME_BYTES);
}

/** `name` cut to at most `maxBytes` UTF-8 bytes on code point boundaries, its extension kept when short. */
export function clampName(name: string, maxBytes: number): string {
  if (utf8Length(name) <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot) : '';
  const keep = extension !== '' && utf8Length(extension) <= MAX_EXTENSION_BYTES ? extension : '';
  const stem = keep === '' ? name : name.slice(0, dot);
  let budget = maxBytes - utf8Length(keep);
  let result = '';
  for (const codePoint of stem) {
    const size = utf8Length(codePoint);
    if (size > budget) break;
    result += codePoint;
    budget -= size;
  }
  return result + keep;
}

/** A declared media type as `type/subtype` in lower case, or `application/octet-stream`. */
export function normaliseMime(declared: string | undefined): string {
  const mime = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  return MIME_PATTERN.test(mime) && mime.length <= 255 ? mime : 'application/octet-stream';
}

/** Characters RFC 5987 lets through unescaped in `filename*` (attr-char); everything else is %-encoded. */
const ATTR_CHAR = /[A-Za-z0-9!#$&+.^_`|~-]/;

/**
 * A `Content-Disposition` header for a stored file: `inline` or `attachment`, an ASCII `filename`
 * fallback (anything outside printable ASCII, and `"`, backslash and `%`, become `_`, so no browser
 * percent-decodes it) and always `filename*=UTF-8''…` (RFC 5987/8187), which carries the name
 * byte for byte and which browsers prefer. No raw control character can reach the header.
 */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7E]|["\\%]/g, '_');
  let encoded = '';
  for (const byte of encoder.encode(name)) {
    const char = String.fromCharCode(byte);
    encoded += byte < 0x80 && ATTR_CHAR.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A byte limit in binary units, as people read it: `100 MB`, `1.5 MB`, `10 KB`, `1000 bytes`. */
export function formatLimit(bytes: number): string {
  const units = [
    { size: 1024 ** 3, name: 'GB' },
    { size: 1024 ** 2, name: 'MB' },
    { size: 1024, name: 'KB' },
  ];
  for (const unit of units) {
    if (bytes >= unit.size) return `${Number((bytes / unit.size).toFixed(1))} ${unit.name}`;
  }
  return `${bytes} bytes`;
}
