import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { DownloadState } from '../../state/types.ts';
import { defineElements } from '../define-elements.ts';
import { photo, pixelBlob, thumbhashOf } from '../file-bubble/file-bubble.test-helpers.ts';
import { de } from '../locales/de.ts';
import type { ChatLightbox } from './chat-lightbox.ts';
import type { LightboxImage } from './gallery.ts';

defineElements();

const images: LightboxImage[] = [
  { messageId: 'a', index: 0, attachment: { ...photo, name: 'one.png', alt: 'The first' } },
  { messageId: 'b', index: 0, attachment: { ...photo, name: 'photo.jpg', caption: 'At the beach' } },
  { messageId: 'b', index: 1, attachment: { ...photo, name: 'three.png', thumbnail: undefined, placeholder: thumbhashOf() } },
  { messageId: 'c', index: 0, attachment: { ...photo, name: 'four.png', url: 'javascript:window.__chatdropLightbox=1' } },
  { messageId: 'd', index: 0, attachment: { ...photo, name: 'five.png', thumbnail: undefined } },
];

async function lightbox(index = 1, downloads: Record<string, DownloadState> = {}, strings = {}) {
  const element = await fixture<ChatLightbox>(html`<chat-lightbox open .images=${images} .index=${index} .downloads=${downloads} .strings=${strings}></chat-lightbox>`);
  await element.updateComplete;
  return element;
}

const part = <T extends HTMLElement = HTMLElement>(element: ChatLightbox, name: string) => element.shadowRoot!.querySelector<T>(`[part~="${name}"]`)!;
const label = (element: ChatLightbox) => part(element, 'dialog').getAttribute('aria-label');
const focused = (element: ChatLightbox) => element.shadowRoot!.activeElement as HTMLElement | null;

describe('<chat-lightbox>', () => {
  it('is a modal dialog named by the image and its place, with focus inside', async () => {
    const element = await lightbox();
    const dialog = part<HTMLDialogElement>(element, 'dialog');
    expect([dialog.getAttribute('role'), dialog.getAttribute('aria-modal'), label(element)]).to.deep.equal(['dialog', 'true', 'photo.jpg, 2 of 5']);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(focused(element)).to.equal(part(element, 'close'));
    expect(part(element, 'position').textContent).to.equal('2 of 5');
    expect(part(element, 'caption').textContent).to.equal('At the beach');
    expect(part<HTMLImageElement>(element, 'image').getAttribute('src')).to.equal(photo.thumbnail);
    expect(part<HTMLImageElement>(element, 'image').alt).to.equal('photo.jpg');
    await expect(element).to.be.accessible();
  });

  it('shows the previous and next image with Left and Right and the arrow buttons, and stops at the ends', async () => {
    const element = await lightbox();
    await sendKeys({ press: 'ArrowRight' });
    await element.updateComplete;
    expect(label(element)).to.equal('three.png, 3 of 5');
    for (const key of ['ArrowLeft', 'ArrowLeft', 'ArrowLeft']) await sendKeys({ press: key });
    await element.updateComplete;
    expect(label(element)).to.equal('one.png, 1 of 5');
    expect(part(element, 'previous').getAttribute('aria-disabled')).to.equal('true');
    part(element, 'previous').click();
    part(element, 'next').click();
    await element.updateComplete;
    expect(label(element)).to.equal('photo.jpg, 2 of 5');
  });

  it('mirrors the arrows right to left: Left shows the next image', async () => {
    const page = await fixture<HTMLElement>(html`<div dir="rtl"><chat-lightbox open .images=${images} .index=${1}></chat-lightbox></div>`);
    const element = page.querySelector('chat-lightbox')!;
    await element.updateComplete;
    await sendKeys({ press: 'ArrowLeft' });
    await element.updateComplete;
    expect(label(element)).to.equal('three.png, 3 of 5');
  });

  it('zooms with + and -, Ctrl+wheel and the zoom buttons, and 0 fits the image again', async () => {
    const element = await lightbox();
    const stage = part(element, 'stage');
    const width = () => part(element, 'image').getBoundingClientRect().width;
    const fitted = width();
    await sendKeys({ press: '+' });
    await element.updateComplete;
    expect(part(element, 'zoom').textContent).to.equal('150%');
    expect(width()).to.be.closeTo(fitted * 1.5, 1);
    expect(stage.scrollWidth, 'the zoomed image scrolls').to.be.above(stage.clientWidth);
    await sendKeys({ press: '-' });
    await element.updateComplete;
    expect(part(element, 'zoom').textContent).to.equal('100%');

    const wheel = new WheelEvent('wheel', { deltaY: -100, ctrlKey: true, bubbles: true, cancelable: true });
    stage.dispatchEvent(wheel);
    expect(wheel.defaultPrevented, 'the page does not zoom').to.equal(true);
    part(element, 'zoom-in').click();
    await element.updateComplete;
    expect(part(element, 'zoom').textContent).to.equal('200%');
    await expect(element).to.be.accessible();
    stage.focus();
    await sendKeys({ press: '0' });
    await element.updateComplete;
    expect(part(element, 'zoom').textContent).to.equal('100%');
  });

  it('keeps focus inside while open, with Tab and Shift+Tab', async () => {
    const element = await lightbox();
    const controls = element.shadowRoot!.querySelectorAll('button').length;
    for (let i = 0; i < controls + 2; i++) {
      await sendKeys({ press: 'Tab' });
      expect(document.activeElement, `after ${i + 1} Tab`).to.equal(element);
    }
    await sendKeys({ down: 'Shift' });
    for (let i = 0; i < controls + 2; i++) {
      await sendKeys({ press: 'Tab' });
      expect(document.activeElement, `after ${i + 1} Shift+Tab`).to.equal(element);
    }
    await sendKeys({ up: 'Shift' });
  });

  it('closes on Escape and on the close button, saying which image it showed last', async () => {
    const element = await lightbox();
    await sendKeys({ press: 'ArrowRight' });
    const closed = oneEvent(element, 'chat-lightbox-closed');
    await sendKeys({ press: 'Escape' });
    expect((await closed).detail).to.deep.equal({ messageId: 'b', index: 1 });
    await element.updateComplete;
    expect([element.open, part<HTMLDialogElement>(element, 'dialog').open]).to.deep.equal([false, false]);

    const again = await lightbox();
    setTimeout(() => part(again, 'close').click());
    expect((await oneEvent(again, 'chat-lightbox-closed')).detail).to.deep.equal({ messageId: 'b', index: 0 });
  });

  it('shows the full image once downloaded, else the thumbnail or the placeholder, and asks for the download', async () => {
    const element = await lightbox(1, { 'b/0': { status: 'done', received: 1, blob: pixelBlob() } });
    expect(part<HTMLImageElement>(element, 'image').getAttribute('src')).to.match(/^blob:/);
    expect(element.shadowRoot!.querySelector('[part="download"]')).to.equal(null);

    element.index = 2;
    await element.updateComplete;
    expect(part<HTMLImageElement>(element, 'image').getAttribute('src')).to.match(/^data:image\/png;base64,/);
    setTimeout(() => part(element, 'download').click());
    expect((await oneEvent(element, 'chat-download')).detail).to.deep.equal({ messageId: 'b', index: 1 });
    element.downloads = { 'b/1': { status: 'downloading', received: 1, total: 4 } };
    await element.updateComplete;
    expect(part(element, 'progress').textContent).to.equal('Downloading… 25%');

    element.index = 4;
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect(part(element, 'icon')).to.not.equal(null);
  });

  it('never downloads from nor shows an unsafe link', async () => {
    const element = await lightbox(3);
    expect(element.shadowRoot!.textContent).to.include('Unsupported link');
    expect(element.shadowRoot!.querySelector('[part="download"], a')).to.equal(null);
    expect(element.shadowRoot!.innerHTML).to.not.include('javascript:');
    for (const button of element.shadowRoot!.querySelectorAll<HTMLElement>('button:not([part="close"])')) button.click();
    expect((window as { __chatdropLightbox?: number }).__chatdropLightbox).to.equal(undefined);
  });

  it('shows a hostile name and caption as text, and refuses an SVG thumbnail (F1, M4, M6)', async () => {
    const name = '<img src=x onerror="window.__chatdropLightbox=1">.png';
    const hostile = { ...photo, name, caption: '<b>bold</b>', thumbnail: 'data:image/svg+xml;base64,PHN2Zz4=' };
    const element = await fixture<ChatLightbox>(html`<chat-lightbox open .images=${[{ messageId: 'x', index: 0, attachment: hostile }]}></chat-lightbox>`);
    await element.updateComplete;
    expect(label(element)).to.equal(`${name}, 1 of 1`);
    expect(part(element, 'caption').textContent).to.equal('<b>bold</b>');
    expect(element.shadowRoot!.querySelectorAll('img, b').length).to.equal(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((window as { __chatdropLightbox?: number }).__chatdropLightbox).to.equal(undefined);
  });

  it('speaks German with the German strings', async () => {
    const element = await lightbox(1, {}, de);
    expect(label(element)).to.equal('photo.jpg, 2 von 5');
    expect(part(element, 'next').getAttribute('aria-label')).to.equal('Nächstes Bild');
    expect(part(element, 'zoom').textContent).to.equal('100\u00a0%');
  });
});
