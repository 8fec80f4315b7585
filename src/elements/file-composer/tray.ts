/**
 * What `<file-composer>` needs once files are attached, loaded with the first one: the
 * restrictions check, the tray (its files, their editing and reordering) and its styles.
 */
import { enFileSend } from '../locales/en-file-send.ts';
import { addEnglishStrings } from '../strings.ts';

// The English words of sending files come with the code that stages them.
addEnglishStrings(enFileSend);

export { checkFiles } from './restrictions.ts';
export { StagedFiles } from './staged-files.ts';
export { trayStyles } from './tray.styles.ts';
