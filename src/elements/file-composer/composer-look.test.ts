import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { defineElements } from '../define-elements.ts';
import { de } from '../locales/de.ts';
import type { FileComposer } from './file-composer.ts';
import { notes, part, parts, photo, root } from './composer-test-helpers.ts';

defineElements();

const PHONE = { width: 375, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

/** A composer with three staged images, laid out in a page `viewport` wide. */
async function threeImages(viewport: { width: number; height: number }, strings = {}) {
  await setViewport(viewport);
  const composer = await fixture<FileComposer>(html`<file-composer capture="user" .strings=${strings}></file-composer>`);
  composer.addFiles([photo(), photo(), photo()]);
  await composer.updateComplete;
  return composer;
}

const buttons = (composer: FileComposer) => [...root(composer).querySelectorAll('button')];
const height = (element: Element) => element.getBoundingClientRect().height;

describe('<file-composer> at a glance', () => {
  after(() => setViewport({ width: 800, height: 600 }));

  it('shows icons, not words, on its buttons, each named and with a tooltip, in German too', async () => {
    for (const strings of [{}, de]) {
      const composer = await threeImages(DESKTOP, strings);
      parts(composer, 'edit')[1]!.click();
      await composer.updateComplete;
      for (const button of buttons(composer)) {
        const name = button.getAttribute('aria-label') ?? button.textContent!.trim();
        expect(name, button.getAttribute('part')!).to.not.equal('');
        expect(button.title, `${name}: a tooltip`).to.not.equal('');
      }
      for (const name of ['attach', 'take-photo', 'send', 'remove', 'move-up', 'move-down']) {
        const button = part(composer, name)!;
        expect(button.textContent!.trim(), `${name}: an icon`).to.equal('');
        expect(button.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
      }
    }
    expect(part(await threeImages(DESKTOP, de), 'send')!.getAttribute('aria-label')).to.equal('Senden');
  });

  it('makes every button a 44-px target and the text fields 16 px at a phone’s width', async () => {
    const composer = await threeImages(PHONE);
    parts(composer, 'edit')[1]!.click();
    await composer.updateComplete;
    for (const button of buttons(composer)) {
      const box = button.getBoundingClientRect();
      expect(Math.min(box.width, box.height), button.getAttribute('aria-label') ?? button.getAttribute('part')!).to.be.at.least(44);
    }
    for (const field of root(composer).querySelectorAll('textarea, input[type="text"]')) {
      expect(getComputedStyle(field).fontSize, field.getAttribute('part')!).to.equal('16px');
    }
  });

  it('keeps three staged files in a light tray: at most 120 px at a desktop, a third of a phone’s screen', async () => {
    const desktop = await threeImages(DESKTOP);
    expect(height(root(desktop).querySelector('.tray-area')!)).to.be.at.most(120);
    expect(height(part(desktop, 'tray')!), 'one row').to.be.at.most(120);

    const phone = await threeImages(PHONE);
    const tray = root(phone).querySelector('.tray-area')!;
    expect(height(tray)).to.be.at.most(PHONE.height / 3);
    parts(phone, 'edit')[0]!.click();
    await phone.updateComplete;
    expect(height(tray), 'with a file opened').to.be.at.most(PHONE.height / 3);
  });

  it('takes the message as the caption of the staged files', async () => {
    const composer = await fixture<FileComposer>(html`<file-composer></file-composer>`);
    const field = part<HTMLTextAreaElement>(composer, 'textarea')!;
    expect(field.placeholder).to.equal('Write a message…');
    composer.addFiles([photo()]);
    await composer.updateComplete;
    expect(field.placeholder).to.equal('Add a caption…');
    part<HTMLButtonElement>(composer, 'remove')!.click();
    await composer.updateComplete;
    expect(field.placeholder).to.equal('Write a message…');
  });

  it('sends on Enter in a file’s caption or alt text, and starts no line on Shift+Enter', async () => {
    const composer = await threeImages(DESKTOP);
    const sent: unknown[] = [];
    composer.addEventListener('chat-send', (event) => sent.push(event.detail));
    parts(composer, 'edit')[0]!.click();
    await composer.updateComplete;
    await sendKeys({ type: 'Sunset' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    expect(sent).to.deep.equal([]);
    part(composer, 'alt')!.focus();
    await sendKeys({ type: 'Waves' });
    setTimeout(() => void sendKeys({ press: 'Enter' }));
    const { detail } = await oneEvent(composer, 'chat-send');
    expect(detail.files.map((file: { caption?: string; alt?: string }) => [file.caption, file.alt])).to.deep.equal([['Sunset', 'Waves'], [undefined, undefined], [undefined, undefined]]);
    await composer.updateComplete;
    expect(part(composer, 'tray')).to.equal(null);
  });

  it('closes an opened file on Escape, giving focus back to its preview', async () => {
    const composer = await threeImages(DESKTOP);
    const tile = parts(composer, 'edit')[2]!;
    tile.click();
    await composer.updateComplete;
    expect(tile.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Escape' });
    await composer.updateComplete;
    expect(part(composer, 'details')).to.equal(null);
    expect(tile.getAttribute('aria-expanded')).to.equal('false');
    expect(root(composer).activeElement).to.equal(tile);
  });

  it('moves focus to the next file when the focused one is removed, and to the field after the last', async () => {
    const composer = await fixture<FileComposer>(html`<file-composer></file-composer>`);
    composer.addFiles([photo(), notes()]);
    await composer.updateComplete;
    part(composer, 'remove')!.focus();
    await sendKeys({ press: 'Enter' });
    await composer.updateComplete;
    expect(root(composer).activeElement).to.equal(part(composer, 'edit'));
    part(composer, 'remove')!.focus();
    await sendKeys({ press: 'Enter' });
    await composer.updateComplete;
    expect(root(composer).activeElement).to.equal(part(composer, 'textarea'));
  });
});
