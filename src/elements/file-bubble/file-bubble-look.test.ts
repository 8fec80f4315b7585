// Every state of a bubble passes axe; it follows the theme, the page's direction and the strings.
import { expect, fixture, html } from '@open-wc/testing';
import { de } from '../locales/de.ts';
import { defineElements } from '../define-elements.ts';
import type { FileBubble } from './file-bubble.ts';
import { bubble, clip, part, photo, pixelBlob, report, thumbhashOf, voice } from './file-bubble.test-helpers.ts';

defineElements();

const mineUploading = { isMine: true, delivery: 'sending' as const };

/** [state, the bubble's properties]. */
const STATES: Array<[string, Partial<FileBubble>]> = [
  ['preparing', { ...mineUploading, attachment: { ...report, url: '' }, upload: { status: 'preparing', sent: 0, total: 1 } }],
  ['queued', { ...mineUploading, attachment: { ...report, url: '' }, upload: { status: 'queued', sent: 0, total: 1 } }],
  ['uploading', { ...mineUploading, attachment: { ...photo, url: '' }, upload: { status: 'uploading', sent: 1, total: 2 } }],
  ['stalled', { ...mineUploading, attachment: { ...report, url: '' }, upload: { status: 'uploading', sent: 1, total: 2, stalledMs: 30_000 } }],
  ['retrying', { ...mineUploading, attachment: { ...report, url: '' }, upload: { status: 'uploading', sent: 0, total: 2, retry: { attempt: 1, delayMs: 300 } } }],
  ['upload failed', { isMine: true, delivery: 'failed', attachment: { ...report, url: '' }, upload: { status: 'failed', sent: 0, total: 1, error: { code: 'too-large', message: '413', maxFileSize: 10_000_000 } } }],
  ['not sent', { isMine: true, delivery: 'failed', attachment: report }],
  ['sending', { isMine: true, delivery: 'sending', attachment: report }],
  ['sent', { isMine: true, attachment: report }],
  ['ready to download', { attachment: report }],
  ['downloading', { attachment: report, download: { status: 'downloading', received: 1, total: 4 } }],
  ['download failed', { attachment: report, download: { status: 'failed', received: 0, error: { code: 'integrity', message: 'sha256 mismatch' } } }],
  ['unavailable', { attachment: report, download: { status: 'unavailable', received: 0 } }],
  ['downloaded', { attachment: photo, download: { status: 'done', received: 1, blob: pixelBlob() } }],
  ['unsupported link', { attachment: { ...photo, url: 'javascript:alert(1)' } }],
  ['image with a placeholder only', { attachment: { ...photo, thumbnail: undefined, placeholder: thumbhashOf() } }],
  ['video poster', { attachment: clip }],
  ['video player', { attachment: clip, download: { status: 'done', received: 1, blob: new Blob(['v'], { type: 'video/mp4' }) } }],
  ['audio player', { attachment: voice, download: { status: 'done', received: 1, blob: new Blob(['a'], { type: 'audio/ogg' }) } }],
  ['long caption', { attachment: { ...report, caption: 'A long caption. '.repeat(100) } }],
];

const background = (element: FileBubble) => getComputedStyle(part(element, 'bubble')!).backgroundColor;

describe('<file-bubble> accessibility, theme, direction and words', () => {
  for (const [state, props] of STATES) {
    it(`passes an accessibility audit: ${state}`, async () => {
      await expect(await bubble(props)).to.be.accessible();
    });
  }

  it('is dark in a dark theme, and light otherwise', async () => {
    const page = await fixture<HTMLElement>(html`<div>
      <file-bubble .attachment=${report}></file-bubble>
      <div style="--chat-color-scheme: dark"><file-bubble .attachment=${report} mine></file-bubble><file-bubble .attachment=${report}></file-bubble></div>
    </div>`);
    const [light, darkMine, dark] = [...page.querySelectorAll('file-bubble')];
    await dark!.updateComplete;
    expect([background(light!), background(darkMine!), background(dark!)]).to.deep.equal(['rgb(238, 240, 243)', 'rgb(27, 53, 88)', 'rgb(38, 44, 54)']);
    expect(getComputedStyle(part(dark!, 'download')!).color).to.equal('rgb(121, 192, 255)');
    await expect(dark).to.be.accessible();
  });

  it('fills progress from the inline start: the right in a right-to-left page', async () => {
    const page = await fixture<HTMLElement>(html`<div style="width: 400px">
      <div dir="ltr"><file-bubble .attachment=${report} .download=${{ status: 'downloading', received: 1, total: 4 }}></file-bubble></div>
      <div dir="rtl"><file-bubble .attachment=${report} .download=${{ status: 'downloading', received: 1, total: 4 }}></file-bubble></div>
    </div>`);
    const [ltr, rtl] = [...page.querySelectorAll('file-bubble')].map((element) => {
      const bar = part(element, 'progress')!;
      return { bar: bar.getBoundingClientRect(), fill: bar.querySelector('.fill')!.getBoundingClientRect() };
    });
    expect(ltr!.fill.width).to.be.closeTo(ltr!.bar.width / 4, 1);
    expect(ltr!.fill.left).to.be.closeTo(ltr!.bar.left, 0.5);
    expect(rtl!.fill.width).to.be.closeTo(rtl!.bar.width / 4, 1);
    expect(rtl!.fill.right).to.be.closeTo(rtl!.bar.right, 0.5);
  });

  it('isolates each value of the size and type line, so a right-to-left page keeps them whole', async () => {
    // A video with no poster shows as a file: name, size, type and play time.
    const page = await fixture<HTMLElement>(html`<div dir="rtl" lang="ar"><file-bubble .attachment=${{ ...clip, thumbnail: undefined }}></file-bubble></div>`);
    const element = page.querySelector('file-bubble')!;
    await element.updateComplete;
    for (const name of ['size', 'type', 'duration']) {
      const style = getComputedStyle(part(element, name)!);
      expect([style.unicodeBidi, style.direction], name).to.deep.equal(['isolate', 'ltr']);
    }
    // "48 MB" reads left to right inside the right-to-left line: the number stays left of its unit.
    const size = [...part(element, 'size')!.childNodes].find((node) => node.nodeType === Node.TEXT_NODE)!;
    const leftOf = (start: number, end: number) => {
      const range = document.createRange();
      range.setStart(size, start);
      range.setEnd(size, end);
      return range.getBoundingClientRect().left;
    };
    expect(part(element, 'size')!.textContent).to.equal('48 MB');
    expect(leftOf(0, 2)).to.be.below(leftOf(3, 5));
    expect(part(element, 'bubble')!.getBoundingClientRect().right).to.be.closeTo(element.getBoundingClientRect().right, 0.5);
    await expect(element).to.be.accessible();
  });

  for (const width of [300, 1000]) {
    it(`puts a document's Download button at the end of its name's row, the long name cut with an ellipsis (${width} px)`, async () => {
      const name = `quarterly-figures-${'and-more-'.repeat(3)}final.pdf`;
      const page = await fixture<HTMLElement>(html`<div style="width: ${width}px">
        <file-bubble .attachment=${report}></file-bubble>
        <file-bubble .attachment=${{ ...report, name }}></file-bubble>
        <file-bubble mine .attachment=${report} .download=${{ status: 'done', received: 1, isSaved: true, blob: new Blob(['%PDF']) }}></file-bubble>
        <file-bubble .attachment=${{ url: 'https://files.example/a.csv', name: 'a.csv', size: 900, mime: 'text/csv' }}></file-bubble>
      </div>`);
      for (const element of page.querySelectorAll('file-bubble')) {
        await element.updateComplete;
        const [box, icon, title, size, button] = ['bubble', 'icon', 'name', 'size', 'download'].map((shown) => part(element, shown)!.getBoundingClientRect());
        const row = { top: Math.min(icon!.top, title!.top), bottom: Math.max(icon!.bottom, size!.bottom) };
        expect(button!.top, 'the button is on the row').to.be.at.least(row.top - 1);
        expect(button!.bottom, 'the button is on the row').to.be.at.most(row.bottom + 1);
        expect(button!.left, 'after the name').to.be.at.least(title!.right);
        expect(button!.right, 'inside the bubble').to.be.at.most(box!.right);
        expect(box!.width, 'the bubble fits its row').to.be.at.most(width);
      }
      const [plain, long, saved] = [...page.querySelectorAll('file-bubble')];
      const longName = part(long!, 'name')!;
      expect(longName.scrollWidth > longName.clientWidth, 'the long name is cut').to.equal(width < 600);
      expect(getComputedStyle(longName).textOverflow).to.equal('ellipsis');
      // The caption goes under the row; "Downloaded" stays in the status line while Save again sits on the row.
      expect(part(plain!, 'caption')!.getBoundingClientRect().top).to.be.at.least(part(plain!, 'icon')!.getBoundingClientRect().bottom);
      expect(part(saved!, 'download')!.textContent).to.equal('Save again');
      expect(saved!.shadowRoot!.querySelector('.status')!.textContent!.trim()).to.equal('Downloaded');
    });
  }

  it("wraps a document's Download button under its name only where the row has no room, still inside the bubble", async () => {
    const page = await fixture<HTMLElement>(html`<div style="width: 150px"><file-bubble .attachment=${report}></file-bubble></div>`);
    const element = page.querySelector('file-bubble')!;
    await element.updateComplete;
    const [box, size, button] = ['bubble', 'size', 'download'].map((shown) => part(element, shown)!.getBoundingClientRect());
    expect(button!.top).to.be.at.least(size!.bottom);
    expect(button!.right).to.be.at.most(box!.right);
    expect(box!.right).to.be.at.most(page.getBoundingClientRect().right);
  });

  it('speaks German with the German strings', async () => {
    const picture = await bubble({ attachment: { ...photo, alt: 'Wellen' }, strings: de });
    expect(part(picture, 'open')!.getAttribute('aria-label')).to.equal('Bild öffnen: Wellen');
    expect(part(picture, 'download')!.textContent).to.equal('Herunterladen');
    const element = await bubble({ attachment: report, strings: de });
    expect(part(element, 'size')!.textContent).to.equal('12 MB');
    element.download = { status: 'unavailable', received: 0 };
    await element.updateComplete;
    expect(part(element, 'unavailable')!.textContent).to.equal('Nicht verfügbar');
    expect(element.shadowRoot!.textContent).to.include('Diese Datei ist nicht mehr verfügbar.');
    element.download = { status: 'downloading', received: 1, total: 4 };
    await element.updateComplete;
    expect(part(element, 'progress')!.getAttribute('aria-label')).to.equal('Herunterladen');
    expect(part(element, 'cancel')!.textContent).to.equal('Abbrechen');
  });
});
