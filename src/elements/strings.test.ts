import { expect } from '@open-wc/testing';
import { de } from './locales/de.ts';
import { en } from './locales/en.ts';
import { enFailures } from './locales/en-failures.ts';
import { enFileSend } from './locales/en-file-send.ts';
import { enFileView } from './locales/en-file-view.ts';
import { enLauncher } from './locales/en-launcher.ts';
import { chatLocales, loadLocale, resolveStrings, withEnglish, type ChatStrings } from './strings.ts';

describe('the strings', () => {
  it('has every word in English across its parts, as German has in one table', () => {
    // Type-checked too: the parts of English make a whole `ChatStrings`.
    const whole: ChatStrings = { ...en, ...enFileView, ...enFileSend, ...enFailures, ...enLauncher };
    expect(Object.keys(whole).sort()).to.deep.equal(Object.keys(de).sort());
  });

  it('keeps the words a page shows before any file apart from the words of files', () => {
    const fileWords = [...Object.keys(enFileView), ...Object.keys(enFileSend), ...Object.keys(enFailures)];
    expect(Object.keys(en).filter((key) => fileWords.includes(key))).to.deep.equal([]);
    expect(fileWords).to.include.members(['download', 'zoomIn', 'captionPlaceholder', 'refusedTooLarge', 'uploadStarted', 'failedNetwork']);
    expect(Object.keys(en)).to.include.members(['send', 'attach', 'attachUnavailable', 'dropToAttach', 'dropToSend', 'arrivedFiles', 'retry']);
  });

  it('resolves a locale with overrides on top and the English words of a page before any file below', async () => {
    const before = resolveStrings('de-AT', { send: 'Los' });
    // German is not loaded yet: English words, with the override still on top.
    expect([before.send, before.heading, before.statusOnline]).to.deep.equal(['Los', 'Chat', 'Online']);
    expect(before.download, 'no English word of files: the code of files brings those').to.equal(undefined);
    await loadLocale('de-AT');
    expect(chatLocales.de).to.equal(de);
    const german = resolveStrings('de-AT', { send: 'Los' });
    expect([german.send, german.download, german.lang], 'the region stays, for times and dates').to.deep.equal(['Los', 'Herunterladen', 'de-AT']);
    expect(resolveStrings('en-GB').lang).to.equal('en-GB');
    expect(resolveStrings('fr').lang, 'English words are not French').to.equal('en');
  });

  it('puts English file words under the strings that lack them, never over a word they have', () => {
    const custom = withEnglish(resolveStrings('en', { download: 'Get' }), enFileView, enFailures);
    expect([custom.download, custom.zoomIn, custom.send, custom.failedBusy]).to.deep.equal(['Get', 'Zoom in', 'Send', 'The server is busy. Try again in a moment.']);
    const german = withEnglish({ ...de }, enFileView);
    expect([german.download, german.zoomIn]).to.deep.equal(['Herunterladen', 'Vergrößern']);
  });

  it('falls back on English for a locale Chatdrop does not ship, and takes one a host adds', async () => {
    await loadLocale('fr');
    expect(resolveStrings('fr').send).to.equal('Send');
    chatLocales.xx = { ...de, send: 'Xend' };
    try {
      expect(resolveStrings('xx-YY').send).to.equal('Xend');
    } finally {
      delete chatLocales.xx;
    }
  });
});
