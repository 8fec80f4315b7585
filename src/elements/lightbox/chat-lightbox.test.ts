import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { DownloadState } from '../../state/types.ts';
import { defineElements } from '../define-elements.ts';
import { clip, photo, pixelBlob, thumbhashOf } from '../file-bubble/file-bubble.test-helpers.ts';
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

  it('covers the page with an opaque dark backdrop, in the light theme too', async () => {
    const page = await fixture<HTMLElement>(html`<div style="--chat-color-scheme: light"><chat-lightbox open .images=${images} .index=${1}></chat-lightbox></div>`);
    const element = page.querySelector('chat-lightbox')!;
    await element.updateComplete;
    const dialog = part(element, 'dialog');
    const rgba = (color: string) => color.match(/[\d.]+/g)!.map(Number);
    for (const background of [getComputedStyle(dialog).backgroundColor, getComputedStyle(dialog, '::backdrop').backgroundColor]) {
      const [r, g, b, alpha = 1] = rgba(background);
      expect(alpha, `${background} is opaque`).to.equal(1);
      expect(Math.max(r!, g!, b!), `${background} is dark`).to.be.below(40);
    }
    await expect(element).to.be.accessible();
  });

  it('keeps focus inside after Download, where the arrows still show the next image', async () => {
    const element = await lightbox(2);
    element.addEventListener('chat-download', () => {
      element.downloads = { 'b/1': { status: 'downloading', received: 1, total: 4 } };
    });
    part(element, 'download').focus();
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[part="download"]'), 'Download became progress').to.equal(null);
    expect(document.activeElement, 'focus is in the lightbox').to.equal(element);
    expect(element.shadowRoot!.activeElement).to.not.equal(null);
    await sendKeys({ press: 'ArrowRight' });
    await element.updateComplete;
    expect(label(element)).to.equal('four.png, 4 of 5');
    expect(document.activeElement).to.equal(element);
  });

  it('fits its header on one line of a phone: the name gives way, the buttons are named icons of 44 px', async () => {
    await setViewport({ width: 375, height: 740 });
    try {
      const long = { messageId: 'l', index: 0, attachment: { ...photo, name: 'holiday photos from the summer at the beach 2024 (final).jpg' } };
      const element = await fixture<ChatLightbox>(html`<chat-lightbox open .images=${[long, ...images]} .downloads=${{ 'l/0': { status: 'downloading', received: 1, total: 4 } }}></chat-lightbox>`);
      await element.updateComplete;
      const bar = element.shadowRoot!.querySelector<HTMLElement>('.bar')!;
      const name = element.shadowRoot!.querySelector<HTMLElement>('.name')!;
      expect(bar.scrollWidth, 'nothing overflows the bar').to.be.at.most(bar.clientWidth);
      const tops = [...bar.children].filter((child) => child.getBoundingClientRect().width > 0).map((child) => child.getBoundingClientRect());
      expect(Math.max(...tops.map((box) => box.height)), 'one line').to.be.at.most(48);
      expect(getComputedStyle(name).textOverflow).to.equal('ellipsis');
      expect(name.scrollWidth, 'the name is cut').to.be.above(name.clientWidth);
      for (const button of element.shadowRoot!.querySelectorAll<HTMLButtonElement>('.bar button, .nav')) {
        const box = button.getBoundingClientRect();
        expect(button.getAttribute('aria-label'), button.outerHTML).to.not.equal(null);
        expect(button.textContent!.trim(), 'an icon, not a word').to.equal('');
        expect([box.width, box.height]).to.deep.equal([44, 44]);
      }
      await expect(element).to.be.accessible();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('shows the next and previous image on a sideways swipe of more than 50 px, not on a short or upward one', async () => {
    const element = await lightbox();
    const stage = part(element, 'stage');
    const swipe = (from: [number, number], to: [number, number], pointerType = 'touch') => {
      const init = { pointerId: 7, pointerType, isPrimary: true, bubbles: true, composed: true };
      stage.dispatchEvent(new PointerEvent('pointerdown', { ...init, clientX: from[0], clientY: from[1] }));
      stage.dispatchEvent(new PointerEvent('pointermove', { ...init, clientX: (from[0] + to[0]) / 2, clientY: (from[1] + to[1]) / 2 }));
      stage.dispatchEvent(new PointerEvent('pointerup', { ...init, clientX: to[0], clientY: to[1] }));
      return element.updateComplete;
    };
    await swipe([300, 200], [200, 210]);
    expect(label(element), 'a swipe to the left shows the next image').to.equal('three.png, 3 of 5');
    await swipe([200, 200], [320, 190]);
    expect(label(element), 'a swipe to the right shows the previous image').to.equal('photo.jpg, 2 of 5');
    await swipe([300, 200], [260, 200]);
    await swipe([300, 200], [240, 40]);
    await swipe([300, 200], [100, 200], 'mouse');
    expect(label(element), 'short, upward and mouse drags do not move').to.equal('photo.jpg, 2 of 5');
    const page = await fixture<HTMLElement>(html`<div dir="rtl"><chat-lightbox open .images=${images} .index=${1}></chat-lightbox></div>`);
    const rtl = page.querySelector('chat-lightbox')!;
    await rtl.updateComplete;
    const rtlStage = part(rtl, 'stage');
    const init = { pointerId: 8, pointerType: 'touch', isPrimary: true, bubbles: true };
    rtlStage.dispatchEvent(new PointerEvent('pointerdown', { ...init, clientX: 100, clientY: 200 }));
    rtlStage.dispatchEvent(new PointerEvent('pointerup', { ...init, clientX: 220, clientY: 200 }));
    await rtl.updateComplete;
    expect(label(rtl), 'right to left, a swipe to the right shows the next image').to.equal('three.png, 3 of 5');
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
    expect(part(element, 'download').getAttribute('aria-label'), 'shown, not saved: saving is one click').to.equal('Save');
    setTimeout(() => part(element, 'download').click());
    expect((await oneEvent(element, 'chat-download')).detail).to.deep.equal({ messageId: 'b', index: 0 });

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

  it('plays a video it opens on: asks for its bytes once, then plays them in a player with controls', async () => {
    const video = { messageId: 'v', index: 0, attachment: clip };
    const asked: unknown[] = [];
    const element = await fixture<ChatLightbox>(html`<chat-lightbox .images=${[images[0]!, video]} .index=${1} @chat-play=${(event: CustomEvent) => asked.push(event.detail)}></chat-lightbox>`);
    element.open = true;
    await element.updateComplete;
    expect(label(element)).to.equal('clip.mp4, 2 of 2');
    expect(part<HTMLImageElement>(element, 'image').getAttribute('src'), 'its poster meanwhile').to.equal(clip.thumbnail);
    expect(element.shadowRoot!.querySelector('[part="play"]'), 'already playing: no play button').to.equal(null);
    expect(element.shadowRoot!.querySelector('[part~="zoom-in"], [part~="zoom-out"], [part="zoom"]'), 'a video has no zoom controls').to.equal(null);
    element.downloads = { 'v/0': { status: 'downloading', received: 1, total: 4 } };
    await element.updateComplete;
    expect(asked).to.deep.equal([{ messageId: 'v', index: 0 }]);
    expect(part(element, 'progress').textContent).to.equal('Downloading… 25%');
    element.downloads = { 'v/0': { status: 'done', received: 4, total: 4, blob: new Blob(['not really a video'], { type: 'video/mp4' }) } };
    await element.updateComplete;
    const player = part<HTMLVideoElement>(element, 'player');
    expect([player.tagName, player.controls, player.getAttribute('src')!.startsWith('blob:'), player.getAttribute('poster')]).to.deep.equal(['VIDEO', true, true, clip.thumbnail]);
    expect(asked, 'asked once').to.have.length(1);
    await expect(element).to.be.accessible();
  });

  it('shows a video reached with the arrows as its poster with a play button, streaming only from a listed origin', async () => {
    const video = { messageId: 'v', index: 0, attachment: clip };
    const element = await fixture<ChatLightbox>(html`<chat-lightbox open stream-origins="https://media.example" .images=${[images[0]!, video]}></chat-lightbox>`);
    await element.updateComplete;
    element.go(1);
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('video'), 'nothing plays before a click').to.equal(null);
    expect(part(element, 'play').getAttribute('aria-label')).to.equal('Play: clip.mp4');
    part(element, 'play').click();
    await element.updateComplete;
    expect(part(element, 'player').getAttribute('src'), 'streamed from the listed origin').to.equal(clip.url);
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
