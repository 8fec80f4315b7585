import type { FileComposer } from './file-composer.ts';

/** Test helpers for `<file-composer>`: sample files and ways to read its parts. */

const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
export const PNG_SIZE = PNG.length;
export const photo = () => new File([PNG], 'photo.png', { type: 'image/png' });
export const notes = () => new File(['some notes'], 'notes.txt', { type: 'text/plain' });

export const root = (composer: FileComposer) => composer.shadowRoot!;
export const part = <T extends HTMLElement = HTMLElement>(composer: FileComposer, name: string) => root(composer).querySelector<T>(`[part~="${name}"]`);
export const parts = (composer: FileComposer, name: string) => [...root(composer).querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
/** The full names of the staged files (the shown name may be shortened). */
export const stagedNames = (composer: FileComposer) => parts(composer, 'staged-file').map((item) => item.querySelector<HTMLElement>('.name')!.title);
