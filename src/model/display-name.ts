/** Bidi controls and zero-width characters that can disguise a file name (`invoice\u202Efdp.exe`). */
const DISGUISING_CHARACTERS = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u0000-\u001F\u007F]/g;

/** A file name made safe to display: disguising characters removed, never empty. */
export function displayName(name: string): string {
  const cleaned = name.replace(DISGUISING_CHARACTERS, '').trim();
  return cleaned === '' || /^\.+$/.test(cleaned) ? 'untitled' : cleaned;
}
