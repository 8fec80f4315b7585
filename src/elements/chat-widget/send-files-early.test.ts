import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../define.ts';
import type { ChatStore } from '../../state/chat-store.ts';
import type { StagedFile } from '../../state/types.ts';
import { MemoryHub, MemoryTransport } from '../../transport/memory.ts';
import { en } from '../locales/en.ts';
import type { FileComposer } from '../file-composer/file-composer.ts';
import { notes, part, stagedNames } from '../file-composer/composer-test-helpers.ts';
import type { ChatWidget } from './chat-widget.ts';

const composerOf = (widget: ChatWidget) => widget.shadowRoot!.querySelector<FileComposer>('file-composer')!;

/**
 * The widget's own store, whose file code is not loaded until `answer(true)` says so: what a page sees
 * when Send comes before the code fetched since the file was staged (or that code cannot come).
 */
function withFileCodeLoading(widget: ChatWidget) {
  const store = widget.store!;
  const answers: ((isLoaded: boolean) => void)[] = [];
  const sent: { files: readonly StagedFile[]; caption?: string }[] = [];
  let isLoaded = false;
  const slowStore: ChatStore = {
    ...store,
    isReadyToSendFiles: () => isLoaded,
    prepareToSend: () => new Promise<boolean>((resolve) => answers.push((loaded) => resolve((isLoaded = loaded)))),
    sendFiles: async (files, caption) => (sent.push({ files, caption }), []),
  };
  widget.store = slowStore;
  return { sent, answer: (isLoaded: boolean) => answers.splice(0).forEach((resolve) => resolve(isLoaded)) };
}

async function draft(composer: FileComposer, text: string) {
  composer.addFiles([notes()]);
  await composer.updateComplete;
  const field = part<HTMLTextAreaElement>(composer, 'textarea')!;
  field.value = text;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await composer.updateComplete;
}

describe('<chat-widget> files sent before the file code is loaded', () => {
  let widget: ChatWidget;

  beforeEach(async () => {
    widget = await fixture<ChatWidget>(html`<chat-widget room="r" user="me" .transport=${new MemoryTransport(new MemoryHub())}></chat-widget>`);
    await widget.updateComplete;
  });

  it('keeps the draft until the code is here, then sends it once, with its caption', async () => {
    const { sent, answer } = withFileCodeLoading(widget);
    const composer = composerOf(widget);
    await draft(composer, 'the notes');
    part(composer, 'send')!.click();
    await composer.updateComplete;
    expect([stagedNames(composer), sent.length], 'still in the composer, not sent').to.deep.equal([['notes.txt'], 0]);

    answer(true);
    await waitUntil(() => sent.length === 1, 'the draft sent');
    await composer.updateComplete;
    expect([sent[0]!.files.map((item) => item.file.name), sent[0]!.caption]).to.deep.equal([['notes.txt'], 'the notes']);
    expect(stagedNames(composer), 'the composer cleared').to.deep.equal([]);
  });

  it('keeps the draft and says so when the code cannot be loaded; the next Send goes', async () => {
    const { sent, answer } = withFileCodeLoading(widget);
    const composer = composerOf(widget);
    await draft(composer, 'the notes');
    part(composer, 'send')!.click();
    answer(false);
    await waitUntil(() => part(composer, 'error')?.textContent?.includes(en.attachUnavailable), 'the reason shown');
    expect(part(composer, 'error')!.getAttribute('role'), 'and announced').to.equal('alert');
    expect([stagedNames(composer), part<HTMLTextAreaElement>(composer, 'textarea')!.value, sent.length]).to.deep.equal([['notes.txt'], 'the notes', 0]);

    part(composer, 'send')!.click();
    answer(true);
    await waitUntil(() => sent.length === 1, 'the draft sent');
    await composer.updateComplete;
    expect([sent[0]!.caption, part(composer, 'error')!.textContent!.trim()], 'sent, the reason gone').to.deep.equal(['the notes', '']);
  });
});
