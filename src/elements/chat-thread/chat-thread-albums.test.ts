// Files sent together (one `group` from one sender) show as one album: images as one grid of up
// to four tiles ("+N" for more) opening the lightbox at the tile, other files as one list, the
// text typed with them once under them. Messages without a group are untouched.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { Attachment, ChatMessage } from '../../model/message.ts';
import type { UploadState } from '../../state/types.ts';
import type { ChatThread } from './chat-thread.ts';
import { entries, fileMessage, settled, text } from './thread-test-helpers.ts';
import { defineElements } from '../define-elements.ts';
import { clip, photo, report, voice } from '../file-bubble/file-bubble.test-helpers.ts';
import { canRecordWebm, makeWebm } from '../../../test/helpers/media.ts';
import type { FileAlbum } from '../file-album/file-album.ts';
import type { FileBubble } from '../file-bubble/file-bubble.ts';
import type { ChatLightbox } from '../lightbox/chat-lightbox.ts';

defineElements();

const image = (name: string): Attachment => ({ ...photo, name });
const pdf = (name: string): Attachment => ({ ...report, name, caption: undefined });
const grouped = (group: string, messages: ChatMessage[]) => messages.map((message) => ({ ...message, group }));

async function threadOf(messages: ChatMessage[], uploads: Record<string, UploadState> = {}) {
  const element = await fixture<ChatThread>(html`<chat-thread user-id="me" style="--chat-thread-height: 700px" .messages=${messages} .uploads=${uploads}></chat-thread>`);
  await settled(element);
  // An album shows its files' names until the code of file messages is there.
  await waitUntil(() => !element.shadowRoot!.querySelector('.pending-file'), 'albums rendered');
  await waitUntil(() => [...element.shadowRoot!.querySelectorAll('file-album')].every((album) => album.shadowRoot), 'albums defined');
  await settled(element);
  return element;
}

const albums = (element: ChatThread) => [...element.shadowRoot!.querySelectorAll<FileAlbum>('file-album')];
const tiles = (album: FileAlbum) => [...album.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="open"]')];
const lightboxOf = (element: ChatThread) => element.shadowRoot!.querySelector<ChatLightbox>('chat-lightbox');
const lightboxLabel = (lightbox: ChatLightbox) => lightbox.shadowRoot!.querySelector('dialog')!.getAttribute('aria-label');
const visibleTexts = (element: ChatThread) => [...element.shadowRoot!.querySelectorAll('text-bubble')].map((bubble) => bubble.message?.text);

const fiveImages = () => grouped('g5', [
  text('alice', 'the beach, day one', 0),
  ...['1.png', '2.png', '3.png', '4.png', '5.png'].map((name) => fileMessage('alice', [image(name)], 0)),
]);

describe('<chat-thread> albums', () => {
  it('shows five images sent together as one grid of four tiles, the last saying +1, with the caption once under it', async () => {
    const element = await threadOf([text('bob', 'before', 0), ...fiveImages()]);
    expect(entries(element), 'one message for the text before and one for the album').to.have.length(2);
    expect(element.shadowRoot!.querySelectorAll('file-bubble'), 'no image bubbles').to.have.length(0);
    const [album] = albums(element);
    expect(tiles(album!)).to.have.length(4);
    expect(album!.shadowRoot!.querySelector('[part~="more"]')!.textContent).to.equal('+1');
    expect(tiles(album!)[3]!.getAttribute('aria-label')).to.equal('Open image: 4.png (1 more image)');
    expect(visibleTexts(element).filter((shown) => shown === 'the beach, day one'), 'the caption once').to.have.length(1);
    const caption = [...element.shadowRoot!.querySelectorAll('text-bubble')].find((bubble) => bubble.message?.text === 'the beach, day one')!;
    const grid = album!.shadowRoot!.querySelector('[part="grid"]')!;
    expect(caption.getBoundingClientRect().top, 'the caption under the grid').to.be.at.least(grid.getBoundingClientRect().bottom - 1);
    const box = grid.getBoundingClientRect();
    expect(Math.round(box.width)).to.equal(Math.round(box.height));
  });

  it('opens the lightbox at the third image when its tile is clicked, and gives focus back to the tile on Escape', async () => {
    const element = await threadOf(fiveImages());
    tiles(albums(element)[0]!)[2]!.click();
    await waitUntil(() => lightboxOf(element), 'the lightbox opens');
    await lightboxOf(element)!.updateComplete;
    expect(lightboxLabel(lightboxOf(element)!)).to.equal('3.png, 3 of 5');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !lightboxOf(element), 'the lightbox closes');
    await waitUntil(() => albums(element)[0]!.shadowRoot!.activeElement === tiles(albums(element)[0]!)[2], 'focus back on the third tile');
  });

  it('lets the keyboard reach and open every tile', async () => {
    const element = await threadOf(fiveImages());
    tiles(albums(element)[0]!)[0]!.focus();
    await sendKeys({ press: 'Tab' });
    expect(albums(element)[0]!.shadowRoot!.activeElement).to.equal(tiles(albums(element)[0]!)[1]);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => lightboxOf(element), 'the lightbox opens');
    await lightboxOf(element)!.updateComplete;
    expect(lightboxLabel(lightboxOf(element)!)).to.equal('2.png, 2 of 5');
  });

  it('shows two images and a video sent together as three tiles, the video with its poster, a play glyph and its play time; audio stays in the list', async () => {
    const messages = grouped('mix', [fileMessage('alice', [image('1.png')]), fileMessage('alice', [image('2.png')]), fileMessage('alice', [clip]), fileMessage('alice', [voice])]);
    const element = await threadOf(messages);
    const [album] = albums(element);
    expect(tiles(album!).map((tile) => tile.getAttribute('aria-label'))).to.deep.equal(['Open image: 1.png', 'Open image: 2.png', 'Play: clip.mp4']);
    const videoTile = album!.shadowRoot!.querySelectorAll('[part="tile"]')[2]!;
    expect(videoTile.querySelector<HTMLImageElement>('[part="thumbnail"]')!.getAttribute('src'), 'its poster').to.equal(clip.thumbnail);
    expect(videoTile.querySelector('[part="play"]')!.getBoundingClientRect().width).to.be.above(0);
    expect(videoTile.querySelector('[part="duration"]')!.textContent).to.equal('0:42');
    expect([...element.shadowRoot!.querySelectorAll<FileBubble>('[part="documents"] file-bubble')].map((bubble) => bubble.attachment!.name)).to.deep.equal(['voice note.ogg']);
    await expect(element).to.be.accessible();
  });

  it('plays a video of an album large on one click on its tile: the lightbox opens on it, asks for its bytes and plays them', async function () {
    if (!canRecordWebm()) this.skip();
    const file = await makeWebm(1500, 320, 180);
    const video: Attachment = { ...clip, url: 'https://files.example/clip.webm', name: 'clip.webm', mime: 'video/webm', size: file.size };
    const messages = grouped('mix', [fileMessage('alice', [image('1.png')]), fileMessage('alice', [image('2.png')]), fileMessage('alice', [video])]);
    const element = await threadOf(messages);
    const { x, y, width, height } = tiles(albums(element)[0]!)[2]!.getBoundingClientRect();
    const asked = oneEvent(element, 'chat-play');
    await sendMouse({ type: 'click', position: [Math.round(x + width / 2), Math.round(y + height / 2)] });
    expect((await asked).detail, 'its bytes, to play (not to save)').to.deep.equal({ messageId: messages[2]!.id, index: 0 });
    const lightbox = lightboxOf(element)!;
    expect(lightboxLabel(lightbox)).to.equal('clip.webm, 3 of 3');
    element.downloads = { [`${messages[2]!.id}/0`]: { status: 'done', received: file.size, total: file.size, blob: file } };
    await waitUntil(() => {
      const player = lightbox.shadowRoot!.querySelector<HTMLVideoElement>('[part="player"]');
      return player && !player.paused && player.currentTime > 0.2;
    }, 'the video plays', { timeout: 4000 });
  });

  it('keeps a lone video sent with a document as a bubble that plays in place', async () => {
    const element = await threadOf(grouped('one', [fileMessage('me', [clip], 0), fileMessage('me', [pdf('notes.pdf')], 0)]));
    expect(albums(element)).to.have.length(0);
    expect([...element.shadowRoot!.querySelectorAll<FileBubble>('[part="documents"] file-bubble')].map((bubble) => bubble.attachment!.name)).to.deep.equal(['clip.mp4', 'notes.pdf']);
  });

  it('shows three PDFs sent together as one list, and the caption once', async () => {
    const element = await threadOf(grouped('docs', [text('me', 'the reports', 0), ...['a.pdf', 'b.pdf', 'c.pdf'].map((name) => fileMessage('me', [pdf(name)], 0))]));
    const lists = element.shadowRoot!.querySelectorAll('[part="documents"]');
    expect(lists).to.have.length(1);
    expect([...lists[0]!.querySelectorAll('file-bubble')].map((bubble) => bubble.attachment!.name)).to.deep.equal(['a.pdf', 'b.pdf', 'c.pdf']);
    // The styles of albums come with the code of file messages.
    const card = getComputedStyle(lists[0]!);
    expect([card.display, card.justifySelf, card.overflow], 'one card, on our side').to.deep.equal(['grid', 'end', 'hidden']);
    expect(getComputedStyle(lists[0]!.querySelectorAll('file-bubble')[1]!).borderTopWidth, 'a rule between its files').to.equal('1px');
    expect(albums(element)).to.have.length(0);
    expect(entries(element)).to.have.length(1);
    expect(visibleTexts(element)).to.deep.equal(['the reports']);
  });

  it('keeps each upload visible on its tile, with Cancel while it uploads and Retry once it failed', async () => {
    const messages = grouped('up', ['1.png', '2.png', '3.png'].map((name) => ({ ...fileMessage('me', [{ ...image(name), url: '' }], 0) })));
    const uploads: Record<string, UploadState> = {
      [messages[0]!.id]: { status: 'uploading', sent: 50, total: 100 },
      [messages[1]!.id]: { status: 'failed', sent: 0, total: 100, error: { code: 'server', message: '503' } },
      [messages[2]!.id]: { status: 'done', sent: 100, total: 100 },
    };
    const element = await threadOf(messages, uploads);
    const album = albums(element)[0]!;
    const tileBoxes = [...album.shadowRoot!.querySelectorAll('[part="tile"]')];
    expect(tileBoxes[0]!.querySelector('[part="progress"]')!.getAttribute('aria-valuenow')).to.equal('50');
    expect(tileBoxes[1]!.querySelector('[part="retry"]')).to.exist;
    expect(tileBoxes[2]!.querySelector('[part="status"]')).to.equal(null);
    const events: string[] = [];
    element.addEventListener('chat-cancel-upload', (event) => events.push(`cancel ${event.detail.messageId}`));
    element.addEventListener('chat-retry', (event) => events.push(`retry ${event.detail.messageId}`));
    tileBoxes[0]!.querySelector<HTMLButtonElement>('[part="cancel"]')!.click();
    tileBoxes[1]!.querySelector<HTMLButtonElement>('[part="retry"]')!.click();
    expect(events).to.deep.equal([`cancel ${messages[0]!.id}`, `retry ${messages[1]!.id}`]);
  });

  it('passes axe with an album of images, one of documents and uploads on tiles, light and dark', async () => {
    const mine = grouped('up', ['1.png', '2.png', '3.png', '4.png', '5.png'].map((name) => fileMessage('me', [{ ...image(name), url: '' }], 0)));
    const uploads: Record<string, UploadState> = {
      [mine[0]!.id]: { status: 'uploading', sent: 50, total: 100 },
      [mine[1]!.id]: { status: 'failed', sent: 0, total: 100, error: { code: 'server', message: '503' } },
      [mine[4]!.id]: { status: 'failed', sent: 0, total: 100, error: { code: 'server', message: '503' } },
    };
    const docs = grouped('docs', [text('alice', 'the reports', 1), ...['a.pdf', 'b.pdf'].map((name) => fileMessage('alice', [pdf(name)], 1))]);
    for (const scheme of ['light', 'dark']) {
      const element = await threadOf([...fiveImages(), ...docs, ...mine], uploads);
      element.style.setProperty('--chat-color-scheme', scheme);
      await element.updateComplete;
      expect(albums(element)[1]!.shadowRoot!.querySelectorAll('.beyond [part="retry"]'), 'the fifth image\'s failure, under the grid').to.have.length(1);
      await expect(element).to.be.accessible();
    }
  });

  it('still shows a single image, and messages without a group, as before', async () => {
    const messages = [fileMessage('alice', [image('alone.png')], 0), fileMessage('alice', [image('x.png')], 1), fileMessage('alice', [pdf('y.pdf')], 1), text('alice', 'hi', 2)];
    const element = await threadOf(messages);
    expect(albums(element)).to.have.length(0);
    expect(element.shadowRoot!.querySelector('[part="documents"]')).to.equal(null);
    expect([...element.shadowRoot!.querySelectorAll('file-bubble')].map((bubble) => bubble.attachment!.name)).to.deep.equal(['alone.png', 'x.png', 'y.pdf']);
    expect(entries(element)).to.have.length(4);
  });

  it('moves between an album and its neighbours as one message with Up and Down', async () => {
    const element = await threadOf([text('bob', 'before', 0), ...fiveImages(), text('bob', 'after', 1)]);
    const active = () => element.shadowRoot!.activeElement as HTMLElement | null;
    entries(element)[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => active()?.dataset.index === '1', 'on the album');
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => active()?.dataset.index === '7', 'past the album to the text after it');
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => active()?.dataset.index === '1', 'back on the album');
  });

  it('renders an album whose first message is above the rows the reader scrolled to', async () => {
    const many = Array.from({ length: 60 }, (_, i) => text('bob', `line ${i}`, 0));
    const album = grouped('big', ['1.png', '2.png', '3.png', '4.png', '5.png', '6.png', '7.png', '8.png', '9.png', '10.png'].map((name) => fileMessage('alice', [image(name)], 1)));
    const element = await threadOf([...many, ...album]);
    expect(albums(element), 'the album at the bottom shows').to.have.length(1);
    expect(tiles(albums(element)[0]!)).to.have.length(4);
    expect(albums(element)[0]!.shadowRoot!.querySelector('[part~="more"]')!.textContent).to.equal('+6');
  });
});
