import { displayName } from '../model/display-name.ts';

/** Hands a downloaded file to the browser to save under its (cleaned) name. */
export function saveFile(blob: Blob, name: string): void {
  // Saved as opaque bytes: a same-origin blob: URL must never be an SVG or HTML document.
  const url = URL.createObjectURL(new Blob([blob], { type: "application/octet-stream" }));
  const link = document.createElement('a');
  link.href = url;
  link.download = displayName(name);
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
