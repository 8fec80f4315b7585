/**
 * What `<file-composer>` needs once files are attached, loaded with the first one: the
 * restrictions check, the tray (its files, their editing and reordering) and its styles.
 */
export { checkFiles } from './restrictions.ts';
export { StagedFiles } from './staged-files.ts';
export { trayStyles } from './tray.styles.ts';
