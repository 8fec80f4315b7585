import { expect } from '@open-wc/testing';
import { de } from './locales/de.ts';
import { en } from './locales/en.ts';
import { enFileSend } from './locales/en-file-send.ts';
import { enFileView } from './locales/en-file-view.ts';
import { addEnglishStrings, englishStrings, overEnglish, resolveStrings, type ChatStrings } from './strings.ts';

describe('the strings', () => {
  it('has every word in English once the file words are added, as German has', () => {
    // What the code showing files (`file-display.ts`) and the code staging them (`tray.ts`) do.
    addEnglishStrings(enFileView);
    addEnglishStrings(enFileSend);
    // Type-checked too: the three parts of English make a whole `ChatStrings`.
    const whole: ChatStrings = { ...en, ...enFileView, ...enFileSend };
    expect(Object.keys(whole).sort()).to.deep.equal(Object.keys(de).sort());
    for (const key of Object.keys(whole) as (keyof ChatStrings)[]) expect(englishStrings[key], key).to.equal(whole[key]);
  });

  it('keeps the words a page shows before any file apart from the words of files', () => {
    const fileWords = [...Object.keys(enFileView), ...Object.keys(enFileSend)];
    expect(Object.keys(en).filter((key) => fileWords.includes(key))).to.deep.equal([]);
    expect(fileWords).to.include.members(['download', 'zoomIn', 'captionPlaceholder', 'refusedTooLarge', 'uploadStarted']);
    expect(Object.keys(en)).to.include.members(['send', 'attach', 'attachUnavailable', 'dropToAttach', 'dropToSend', 'arrivedFiles', 'retry']);
  });

  it('resolves a locale with overrides on top and English below', () => {
    const german = resolveStrings('de-AT', { send: 'Los' });
    expect(german.send).to.equal('Los');
    // German is not loaded in this page: English words, with the override still on top.
    expect(german.download).to.equal('Download');
    const custom = resolveStrings('en', { download: 'Get' });
    expect([custom.download, custom.zoomIn]).to.deep.equal(['Get', 'Zoom in']);
  });

  it('puts later layers over earlier ones, and English under all', () => {
    const strings = overEnglish({ ...de }, { send: 'Los' }, undefined, { cancel: 'Halt' });
    expect([strings.send, strings.cancel, strings.download, strings.lang]).to.deep.equal(['Los', 'Halt', 'Herunterladen', 'de']);
    expect(overEnglish().heading).to.equal('Chat');
  });

  it('shows an English word whose code loads later in strings resolved before', () => {
    delete (englishStrings as Partial<ChatStrings>).zoomIn; // as in a page that has not loaded the lightbox yet
    try {
      const resolved = resolveStrings('en', { send: 'Go' });
      const layered = overEnglish({ heading: 'Help' });
      expect(resolved.zoomIn).to.equal(undefined);
      addEnglishStrings({ zoomIn: 'Zoom in' });
      expect([resolved.zoomIn, layered.zoomIn, resolved.send, layered.heading]).to.deep.equal(['Zoom in', 'Zoom in', 'Go', 'Help']);
    } finally {
      addEnglishStrings({ zoomIn: enFileView.zoomIn });
    }
  });
});
