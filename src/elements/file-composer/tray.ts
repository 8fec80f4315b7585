/**
 * What `<file-composer>` needs once files are attached, loaded with the first one: the
 * restrictions check, the tray's items, their reordering and the tray's styles.
 */
export { checkFiles } from './restrictions.ts';
export { moveItem, stagedFile } from './staged-file.ts';
export { TrayDrag } from './tray-drag.ts';
export { trayStyles } from './tray.styles.ts';
