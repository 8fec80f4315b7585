// CASES.md "File message fields from the wire" (M1–M6) as a bubble receives them: hostile URLs
// never become a link or a source, and clicking anything does nothing with them; hostile
// thumbnails are refused; hostile names and captions stay text; sizes and times stay sane.
import { expect } from '@open-wc/testing';
import type { Attachment } from '../../model/message.ts';
import { defineElements } from '../define-elements.ts';
import type { FileBubble } from './file-bubble.ts';
import { bubble, clip, part, photo, report, urlsIn, voice } from './file-bubble.test-helpers.ts';

defineElements();

const FLAG = '__chatdropWirePwned';
const flag = () => (window as unknown as Record<string, unknown>)[FLAG];
const payload = `window.${FLAG}=1`;

/** [row, URL from the wire]. */
const URLS: Array<[string, string]> = [
  ['M1', `javascript:${payload}`],
  ['M1', `JaVaScRiPt:${payload}`],
  ['M1', ` \tjavascript:${payload}`],
  ['M1', `java\u0000script:${payload}`],
  ['M1', `vbscript:${payload}`],
  ['M2', `data:text/html,<script>${payload}</script>`],
  ['M2', `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="${payload}"/>`],
  ['M2', 'blob:https://other.origin/0b6c5d3e-0000-4000-8000-000000000000'],
  ['M2', 'file:///etc/passwd'],
  ['M2', 'filesystem:https://other.origin/temporary/x'],
];

/** Clicks every element in the bubble, counting the download intents it raises. */
async function clickEverything(element: FileBubble): Promise<number> {
  let downloads = 0;
  const count = () => downloads++;
  element.addEventListener('chat-download', count);
  for (const node of element.shadowRoot!.querySelectorAll('*')) if (node instanceof HTMLElement) node.click();
  await new Promise((resolve) => setTimeout(resolve, 50));
  element.removeEventListener('chat-download', count);
  return downloads;
}

describe('<file-bubble> with hostile fields from the wire (M1–M6)', () => {
  for (const [row, url] of URLS) {
    for (const attachment of [report, photo, clip, voice]) {
      it(`${row}: ${JSON.stringify(url.slice(0, 40))} on a ${attachment.mime} is never a link or a source, and clicking does nothing`, async () => {
        const page = location.href;
        const element = await bubble({ attachment: { ...attachment, url }, streamOrigins: ['https://media.example', url] });
        expect(part(element, 'error')!.textContent).to.equal('Unsupported link');
        expect(part(element, 'download')).to.equal(null);
        expect(element.shadowRoot!.querySelectorAll('a, video, audio, iframe, object, embed').length).to.equal(0);
        expect(urlsIn(element).filter((value) => value !== attachment.thumbnail)).to.deep.equal([]);
        expect(element.shadowRoot!.innerHTML).to.not.include(url.trim());
        expect(await clickEverything(element)).to.equal(0);
        expect(location.href).to.equal(page);
        expect(flag()).to.equal(undefined);
      });
    }
  }

  it('M4: refuses a thumbnail that is an SVG, an HTML page, a remote URL or 5 MB, as picture and as poster', async () => {
    const thumbnails = [
      `data:image/svg+xml;base64,${btoa(`<svg xmlns="http://www.w3.org/2000/svg" onload="${payload}"/>`)}`,
      `data:text/html;base64,${btoa(`<script>${payload}</script>`)}`,
      'https://tracker.example/pixel.png',
      `data:image/png;base64,${'A'.repeat(5_000_000)}`,
    ];
    for (const thumbnail of thumbnails) {
      for (const attachment of [photo, clip]) {
        const element = await bubble({ attachment: { ...attachment, thumbnail } });
        expect(urlsIn(element), thumbnail.slice(0, 30)).to.deep.equal([]);
        expect(part(element, 'icon')).to.not.equal(null);
      }
    }
    expect(flag()).to.equal(undefined);
  });

  it('M5: never shows an impossible size or play time', async () => {
    for (const size of [-1, Number.NaN, Number.POSITIVE_INFINITY, '12 MB' as unknown as number]) {
      const element = await bubble({ attachment: { ...voice, size, durationMs: size } });
      expect(part(element, 'size')!.textContent, String(size)).to.equal('0 B');
      expect(part(element, 'duration')).to.equal(null);
      expect(element.shadowRoot!.textContent).to.not.match(/NaN|Infinity|-\d/);
    }
  });

  it('M6: shows Markdown and HTML in a name or caption as the text it is', async () => {
    const caption = `**bold** _it_ [link](javascript:${payload}) <img src=x onerror="${payload}"><b>b</b>`;
    const element = await bubble({ attachment: { ...photo, name: `<b onmouseover="${payload}">x</b>.png`, caption } });
    expect(part(element, 'caption')!.textContent).to.equal(caption);
    expect(part(element, 'open')!.title, 'a picture is titled by its name').to.equal(`<b onmouseover="${payload}">x</b>.png`);
    expect(element.shadowRoot!.querySelectorAll('b, a, img[src="x"], [onerror], [onmouseover]').length).to.equal(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(flag()).to.equal(undefined);
  });

  it('M6: clamps a 100 KB caption and keeps a Zalgo caption inside the bubble', async () => {
    const zalgo = `Z${'\u0336\u0334\u0335\u0337\u0338\u0321\u0322'.repeat(60)}algo`;
    const huge: Attachment = { ...report, caption: 'word '.repeat(20_000) };
    for (const attachment of [huge, { ...report, caption: zalgo }]) {
      const element = await bubble({ attachment });
      const shown = part(element, 'caption')!;
      expect(Array.from(shown.textContent!).length).to.be.at.most(2001);
      const [box, caption] = [part(element, 'bubble')!.getBoundingClientRect(), shown.getBoundingClientRect()];
      expect(box.height, 'the bubble stays short').to.be.below(400);
      expect(caption.bottom).to.be.at.most(box.bottom);
      expect(box.width).to.be.at.most(element.getBoundingClientRect().width);
      await expect(element).to.be.accessible();
    }
  });
});
