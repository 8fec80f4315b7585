import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SendDetail } from '../events.ts';
import { defineElements } from '../define-elements.ts';
import type { FileComposer } from './file-composer.ts';
import { notes, part, parts, photo, root, stagedNames } from './composer-test-helpers.ts';

defineElements();

/** Presses a key with Alt held, on the real keyboard. */
async function pressWithAlt(key: string): Promise<void> {
  await sendKeys({ down: 'Alt' });
  await sendKeys({ press: key });
  await sendKeys({ up: 'Alt' });
}

describe('<file-composer> reordering staged files', () => {
  async function threeStaged() {
    const composer = await fixture<FileComposer>(html`<file-composer></file-composer>`);
    composer.addFiles([photo(), notes(), new File(['%PDF'], 'report.pdf', { type: 'application/pdf' })]);
    await composer.updateComplete;
    return composer;
  }
  const announced = (composer: FileComposer) => part(composer, 'announcer')!.textContent;

  /** Opens the details of the staged file at `index` (the caret goes to its caption). */
  async function open(composer: FileComposer, index: number) {
    parts(composer, 'edit')[index]!.click();
    await composer.updateComplete;
  }

  it('moves a file with Alt+Arrow keys from its preview, says where it went, and keeps focus', async () => {
    const composer = await threeStaged();
    const tile = parts(composer, 'edit')[1]!;
    tile.focus();
    await pressWithAlt('ArrowLeft');
    await composer.updateComplete;
    expect(stagedNames(composer)).to.deep.equal(['notes.txt', 'photo.png', 'report.pdf']);
    expect(announced(composer)).to.equal('notes.txt moved to position 1 of 3');
    expect(root(composer).activeElement).to.equal(tile);
    await pressWithAlt('ArrowRight');
    await composer.updateComplete;
    expect(stagedNames(composer)).to.deep.equal(['photo.png', 'notes.txt', 'report.pdf']);
  });

  it('moves a file with Alt+Arrow keys from its caption field, says where it went, and keeps focus', async () => {
    const composer = await threeStaged();
    await open(composer, 0);
    const caption = part(composer, 'caption')!;
    expect(root(composer).activeElement).to.equal(caption);
    await pressWithAlt('ArrowDown');
    await composer.updateComplete;
    expect(stagedNames(composer)).to.deep.equal(['notes.txt', 'photo.png', 'report.pdf']);
    expect(announced(composer)).to.equal('photo.png moved to position 2 of 3');
    expect(root(composer).activeElement).to.equal(caption);
    await pressWithAlt('ArrowDown');
    await pressWithAlt('ArrowDown');
    await composer.updateComplete;
    expect(stagedNames(composer)).to.deep.equal(['notes.txt', 'report.pdf', 'photo.png']);
    expect(announced(composer)).to.equal('photo.png moved to position 3 of 3');
    await pressWithAlt('ArrowUp');
    await composer.updateComplete;
    expect(stagedNames(composer)).to.deep.equal(['notes.txt', 'photo.png', 'report.pdf']);
  });

  it('moves the opened file with its Move earlier and Move later buttons, which stay focused and stop at the ends', async () => {
    const composer = await threeStaged();
    expect(part(composer, 'move-up'), 'one click away').to.equal(null);
    await open(composer, 0);
    const up = part(composer, 'move-up')!;
    expect(up.getAttribute('aria-label')).to.equal('Move photo.png earlier');
    expect(part(composer, 'move-down')!.getAttribute('aria-label')).to.equal('Move photo.png later');
    expect(up.getAttribute('aria-disabled')).to.equal('true');
    up.click();
    await composer.updateComplete;
    expect(stagedNames(composer)).to.deep.equal(['photo.png', 'notes.txt', 'report.pdf']);

    const down = part(composer, 'move-down')!;
    down.focus();
    await sendKeys({ press: 'Enter' });
    await composer.updateComplete;
    expect(stagedNames(composer)).to.deep.equal(['notes.txt', 'photo.png', 'report.pdf']);
    expect(announced(composer)).to.equal('photo.png moved to position 2 of 3');
    expect(root(composer).activeElement).to.equal(down);
  });

  it('moves a file dragged onto another, showing where it will land, and sends in the new order', async () => {
    const composer = await threeStaged();
    const data = new DataTransfer();
    const drag = (type: string) => new DragEvent(type, { dataTransfer: data, bubbles: true, composed: true, cancelable: true });
    expect(parts(composer, 'staged-file').every((item) => item.draggable)).to.equal(true);
    parts(composer, 'preview')[0]!.dispatchEvent(drag('dragstart'));
    const target = parts(composer, 'staged-file')[2]!;
    const over = drag('dragover');
    target.dispatchEvent(over);
    await composer.updateComplete;
    expect(over.defaultPrevented).to.equal(true);
    expect(target.classList.contains('drop-target')).to.equal(true);
    expect(part(composer, 'drop-zone'), 'not a file drop').to.equal(null);
    target.dispatchEvent(drag('drop'));
    await composer.updateComplete;
    expect(stagedNames(composer)).to.deep.equal(['notes.txt', 'report.pdf', 'photo.png']);
    expect(announced(composer)).to.equal('photo.png moved to position 3 of 3');
    expect(root(composer).querySelector('.drop-target, .dragged')).to.equal(null);

    setTimeout(() => part<HTMLButtonElement>(composer, 'send')!.click());
    const { detail } = await oneEvent(composer, 'chat-send');
    expect((detail as SendDetail).files.map((staged) => staged.file.name)).to.deep.equal(['notes.txt', 'report.pdf', 'photo.png']);
  });
});
