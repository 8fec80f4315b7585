import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { SendDetail } from '../events.ts';
import { defineElements } from '../define-elements.ts';
import { de } from '../locales/de.ts';
import type { FileComposer } from './file-composer.ts';
import * as fileComposer from './file-composer.names.ts';
import { notes, part, parts, photo, PNG_SIZE, root, stagedNames } from './composer-test-helpers.ts';

defineElements();

const textarea = (composer: FileComposer) => part<HTMLTextAreaElement>(composer, 'textarea')!;
const refusals = (composer: FileComposer) => [...part(composer, 'error')!.querySelectorAll('li')].map((item) => item.textContent);

async function type(composer: FileComposer, value: string): Promise<void> {
  const field = textarea(composer);
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true }));
  await composer.updateComplete;
}

function pressEnter(composer: FileComposer, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true, ...init });
  textarea(composer).dispatchEvent(event);
  return event;
}

/** Collects the `chat-send` events a composer raises. */
function sends(composer: FileComposer): SendDetail[] {
  const details: SendDetail[] = [];
  composer.addEventListener('chat-send', (event) => details.push(event.detail));
  return details;
}

describe('<file-composer>', () => {
  it('sends the trimmed text on Enter and clears the field', async () => {
    const composer = await fixture<FileComposer>(html`<file-composer></file-composer>`);
    await type(composer, '  hello there \n');
    setTimeout(() => pressEnter(composer));
    const event = await oneEvent(composer, 'chat-send');
    expect(event.detail).to.deep.equal({ text: 'hello there', files: [] });
    await composer.updateComplete;
    expect(textarea(composer).value).to.equal('');
  });

  it('starts a new line on Shift+Enter and while an input method is composing, without sending', async () => {
    const composer = await fixture<FileComposer>(html`<file-composer></file-composer>`);
    const sent = sends(composer);
    await type(composer, 'line one');
    expect(pressEnter(composer, { shiftKey: true }).defaultPrevented).to.equal(false);
    expect(pressEnter(composer, { isComposing: true }).defaultPrevented).to.equal(false);
    expect(sent).to.deep.equal([]);
    expect(textarea(composer).value).to.equal('line one');
  });

  it('sends nothing when there is neither text nor a file', async () => {
    const composer = await fixture<FileComposer>(html`<file-composer></file-composer>`);
    const sent = sends(composer);
    await type(composer, '   ');
    pressEnter(composer);
    part<HTMLButtonElement>(composer, 'send')!.click();
    expect(sent).to.deep.equal([]);
  });

  it('stages added files in one row with a preview, name and size, and sends them with the caption and alt text of each', async () => {
    const composer = await fixture<FileComposer>(html`<file-composer></file-composer>`);
    const [image, text] = [photo(), notes()];
    composer.addFiles([image, text]);
    await composer.updateComplete;
    expect(stagedNames(composer)).to.deep.equal(['photo.png', 'notes.txt']);
    // The tray's styles came with its code, as an adopted stylesheet (allowed under a strict CSP), not a <style>.
    expect(getComputedStyle(parts(composer, 'tray')[0]!).display).to.equal('flex');
    expect(composer.shadowRoot!.querySelector('style')).to.equal(null);
    const [first, second] = parts(composer, 'staged-file');
    expect(first!.getBoundingClientRect().top, 'side by side').to.equal(second!.getBoundingClientRect().top);
    expect(first!.querySelector('img')!.src).to.match(/^blob:/);
    expect(first!.textContent).to.include(`${PNG_SIZE} B`);
    expect(second!.querySelector('img')).to.equal(null);
    expect(part(composer, 'caption'), 'no caption field until a file is opened').to.equal(null);

    const fill = (field: HTMLInputElement, value: string) => {
      field.value = value;
      field.dispatchEvent(new InputEvent('input', { bubbles: true }));
    };
    second!.querySelector<HTMLButtonElement>('[part="edit"]')!.click();
    await composer.updateComplete;
    expect(part(composer, 'alt'), 'no alt text for a document').to.equal(null);
    first!.querySelector<HTMLButtonElement>('[part="edit"]')!.click();
    await composer.updateComplete;
    expect(first!.querySelector('[part="edit"]')!.getAttribute('aria-expanded')).to.equal('true');
    expect(root(composer).activeElement, 'the caret in its caption').to.equal(part(composer, 'caption'));
    fill(part<HTMLInputElement>(composer, 'caption')!, ' At the beach ');
    fill(part<HTMLInputElement>(composer, 'alt')!, 'Waves on sand');
    await type(composer, 'look');
    setTimeout(() => part<HTMLButtonElement>(composer, 'send')!.click());
    const { detail } = await oneEvent(composer, 'chat-send');
    expect(detail).to.deep.equal({ text: 'look', files: [{ file: image, caption: 'At the beach', alt: 'Waves on sand' }, { file: text }] });
    await composer.updateComplete;
    expect(part(composer, 'tray')).to.equal(null);
  });

  it('removes a staged file and lets its preview go', async () => {
    const composer = await fixture<FileComposer>(html`<file-composer></file-composer>`);
    composer.addFiles([photo(), notes()]);
    await composer.updateComplete;
    const preview = parts(composer, 'staged-file')[0]!.querySelector('img')!.src;
    const remove = part<HTMLButtonElement>(composer, 'remove')!;
    expect(remove.getAttribute('aria-label')).to.equal('Remove photo.png');
    remove.click();
    await composer.updateComplete;
    expect(stagedNames(composer)).to.deep.equal(['notes.txt']);
    let isRevoked = false;
    await fetch(preview).catch(() => (isRevoked = true));
    expect(isRevoked).to.equal(true);
  });

  it('tells which files it staged (chat-files-staged), not the ones it refused', async () => {
    const composer = await fixture<FileComposer>(html`<file-composer max-file-size="10000000"></file-composer>`);
    const kept = new File([new Uint8Array(1000)], 'kept.bin');
    setTimeout(() => composer.addFiles([new File([new Uint8Array(12_000_000)], 'big.bin'), kept]));
    const { detail } = await oneEvent(composer, 'chat-files-staged');
    expect(detail.files).to.deep.equal([kept]);
  });

  it('refuses a file over the size limit before staging it, saying why', async () => {
    const composer = await fixture<FileComposer>(html`<file-composer max-file-size="10000000"></file-composer>`);
    const big = new File([new Uint8Array(12_000_000)], 'big.bin');
    setTimeout(() => composer.addFiles([big, new File([new Uint8Array(10_000_000)], 'exact.bin')]));
    const { detail } = await oneEvent(composer, 'chat-files-refused');
    expect(detail.files).to.deep.equal([{ name: 'big.bin', reason: '"big.bin" is 12 MB; the limit is 10 MB.' }]);
    await composer.updateComplete;
    expect(refusals(composer)).to.deep.equal(['"big.bin" is 12 MB; the limit is 10 MB.']);
    expect(part(composer, 'error')!.getAttribute('role')).to.equal('alert');
    expect(stagedNames(composer)).to.deep.equal(['exact.bin']);
  });

  it('refuses types it does not accept, by MIME type, wildcard or extension', async () => {
    const composer = await fixture<FileComposer>(html`<file-composer accept="image/*, .pdf,text/plain"></file-composer>`);
    const exe = new File(['MZ'], 'x.exe', { type: 'application/x-msdownload' });
    composer.addFiles([photo(), exe, new File(['%PDF'], 'Report.PDF'), notes()]);
    await composer.updateComplete;
    expect(stagedNames(composer)).to.deep.equal(['photo.png', 'Report.PDF', 'notes.txt']);
    expect(refusals(composer)).to.deep.equal(['"x.exe" is not a type you can send here.']);
    expect(root(composer).querySelector('input[type="file"]')!.getAttribute('accept')).to.equal('image/*, .pdf,text/plain');
  });

  it('refuses files beyond the most it may send at once, counting those already staged', async () => {
    const composer = await fixture<FileComposer>(html`<file-composer max-files="2"></file-composer>`);
    composer.addFiles([notes()]);
    composer.addFiles([photo(), notes(), notes()]);
    await composer.updateComplete;
    expect(stagedNames(composer)).to.deep.equal(['notes.txt', 'photo.png']);
    expect(refusals(composer)).to.deep.equal(['You can send at most 2 files at once.']);
  });

  it('stages files dropped on it, showing a drop zone while they are dragged over', async () => {
    const composer = await fixture<FileComposer>(html`<file-composer></file-composer>`);
    const data = new DataTransfer();
    data.items.add(notes());
    const drag = (type: string) => new DragEvent(type, { dataTransfer: data, bubbles: true, composed: true, cancelable: true });
    textarea(composer).dispatchEvent(drag('dragenter'));
    await composer.updateComplete;
    expect(part(composer, 'drop-zone')).to.not.equal(null);
    const drop = drag('drop');
    textarea(composer).dispatchEvent(drop);
    await composer.updateComplete;
    expect(drop.defaultPrevented).to.equal(true);
    expect(part(composer, 'drop-zone')).to.equal(null);
    expect(stagedNames(composer)).to.deep.equal(['notes.txt']);
  });

  it('stages files pasted into it', async () => {
    const composer = await fixture<FileComposer>(html`<file-composer></file-composer>`);
    const data = new DataTransfer();
    data.items.add(photo());
    textarea(composer).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true, cancelable: true }));
    await composer.updateComplete;
    expect(stagedNames(composer)).to.deep.equal(['photo.png']);
  });

  it('shows hostile file names as text, without their disguise', async () => {
    const composer = await fixture<FileComposer>(html`<file-composer accept=".png"></file-composer>`);
    composer.addFiles([
      new File(['x'], '<img src=x onerror="window.__chatdropPwned = true">.png', { type: 'text/plain' }),
      new File(['x'], 'invoice\u202Efdp.exe', { type: 'application/x-msdownload' }),
    ]);
    await composer.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stagedNames(composer)).to.deep.equal(['<img src=x onerror="window.__chatdropPwned = true">.png']);
    expect(root(composer).querySelector('.name')!.textContent).to.match(/^<img src=x.*….*\.png$/);
    expect(refusals(composer)).to.deep.equal(['"invoicefdp.exe" is not a type you can send here.']);
    expect(root(composer).querySelector('img[src="x"], img[onerror]')).to.equal(null);
    expect((window as { __chatdropPwned?: boolean }).__chatdropPwned).to.equal(undefined);
  });

  it('takes no files and sends nothing while disabled', async () => {
    const composer = await fixture<FileComposer>(html`<file-composer disabled></file-composer>`);
    const sent = sends(composer);
    composer.addFiles([notes()]);
    await composer.updateComplete;
    expect(part(composer, 'tray')).to.equal(null);
    expect(textarea(composer).disabled).to.equal(true);
    pressEnter(composer);
    expect(sent).to.deep.equal([]);
  });

  it('leaves pasted text to the field and stages nothing', async () => {
    const composer = await fixture<FileComposer>(html`<file-composer></file-composer>`);
    const data = new DataTransfer();
    data.setData('text/plain', 'just words');
    const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true, cancelable: true });
    textarea(composer).dispatchEvent(paste);
    await composer.updateComplete;
    expect(paste.defaultPrevented).to.equal(false);
    expect(part(composer, 'tray')).to.equal(null);
  });

  it('shows a drop zone over the whole composer while files are dragged, and says so', async () => {
    const composer = await fixture<FileComposer>(html`<file-composer></file-composer>`);
    const data = new DataTransfer();
    data.items.add(notes());
    textarea(composer).dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
    await composer.updateComplete;
    const zone = part(composer, 'drop-zone')!.getBoundingClientRect();
    const host = composer.getBoundingClientRect();
    expect(zone.width).to.be.closeTo(host.width, 1);
    expect(zone.height).to.be.closeTo(host.height, 1);
    expect(part(composer, 'drop-zone')!.textContent).to.equal('Drop files to attach them');
    expect(part(composer, 'announcer')!.textContent).to.equal('Drop files to attach them');
    expect(part(composer, 'announcer')!.getAttribute('role')).to.equal('status');
  });

  it('offers Take photo only with capture, opening a camera input that passes capture on', async () => {
    const plain = await fixture<FileComposer>(html`<file-composer></file-composer>`);
    expect(part(plain, 'take-photo')).to.equal(null);
    expect(root(plain).querySelectorAll('input[type="file"]').length).to.equal(1);

    const composer = await fixture<FileComposer>(html`<file-composer capture="environment" accept="image/*,.pdf"></file-composer>`);
    const picker = root(composer).querySelector<HTMLInputElement>('input.picker')!;
    const camera = root(composer).querySelector<HTMLInputElement>('input.camera')!;
    expect(picker.multiple && !picker.hasAttribute('capture')).to.equal(true);
    expect(camera.getAttribute('capture')).to.equal('environment');
    expect(camera.accept).to.equal('image/*');
    const opened = new Promise<Event>((resolve) => camera.addEventListener('click', (event) => (event.preventDefault(), resolve(event)), { once: true }));
    expect(part(composer, 'take-photo')!.getAttribute('aria-label')).to.equal('Take photo');
    part<HTMLButtonElement>(composer, 'take-photo')!.click();
    await opened;

    Object.defineProperty(camera, 'files', { value: [photo()], configurable: true });
    camera.dispatchEvent(new Event('change'));
    await composer.updateComplete;
    expect(stagedNames(composer)).to.deep.equal(['photo.png']);
  });

  it('says every word in the strings it is given, refusals included', async () => {
    const composer = await fixture<FileComposer>(html`<file-composer max-file-size="1000" .strings=${de}></file-composer>`);
    expect(part(composer, 'send')!.getAttribute('aria-label')).to.equal('Senden');
    expect(part(composer, 'attach')!.getAttribute('aria-label')).to.equal('Dateien anhängen');
    expect(textarea(composer).placeholder).to.equal('Nachricht schreiben…');
    composer.addFiles([new File([new Uint8Array(1500)], 'gross.bin'), notes()]);
    await composer.updateComplete;
    expect(refusals(composer)).to.deep.equal(['„gross.bin“ ist 1,5 KB groß; erlaubt sind höchstens 1,0 KB.']);
    expect(part(composer, 'remove')!.getAttribute('aria-label')).to.equal('notes.txt entfernen');
    composer.strings = { send: 'Los' };
    await composer.updateComplete;
    expect(part(composer, 'send')!.getAttribute('aria-label')).to.equal('Los');
    expect(part(composer, 'attach')!.title).to.equal('Attach');
  });

  it('passes an accessibility audit with staged files, a refusal and the camera, light and dark', async () => {
    for (const scheme of ['light', 'dark']) {
      const page = await fixture<HTMLDivElement>(html`<div style="--chat-color-scheme: ${scheme}">
        <file-composer accept="image/*" capture="user"></file-composer>
      </div>`);
      const composer = page.querySelector('file-composer')!;
      composer.addFiles([photo(), notes(), photo()]);
      await composer.updateComplete;
      await expect(page).to.be.accessible();
      part<HTMLButtonElement>(composer, 'edit')!.click();
      await composer.updateComplete;
      await expect(page, 'with a file opened').to.be.accessible();
    }
  });

  it('lists every part it renders in file-composer.names.ts, so a widget can pass them all on', async () => {
    const composer = await fixture<FileComposer>(html`<file-composer accept="image/*,text/plain" capture="user"></file-composer>`);
    composer.addFiles([photo(), notes(), new File(['MZ'], 'x.exe')]);
    await composer.updateComplete;
    part<HTMLButtonElement>(composer, 'edit')!.click();
    const data = new DataTransfer();
    data.items.add(notes());
    composer.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, cancelable: true }));
    await composer.updateComplete;
    const rendered = new Set([...root(composer).querySelectorAll('[part]')].flatMap((element) => element.getAttribute('part')!.split(' ')));
    expect([...rendered].sort()).to.deep.equal([...fileComposer.parts].sort());
  });

  it('passes an accessibility audit with staged files and a refusal', async () => {
    const composer = await fixture<FileComposer>(html`<file-composer accept="image/*"></file-composer>`);
    composer.addFiles([photo(), notes()]);
    await composer.updateComplete;
    await expect(composer).to.be.accessible();
  });
});
