// "Sharp at once": the sender sees their own photo from the file they picked, the receiver the
// full image within seconds without a click; both through two real widgets and the reference server.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { serverUrl } from '@chatdrop/test-server';
import '../../define.ts';
import { MAX_MESSAGE_BYTES } from '../../model/message.ts';
import { MemoryHub, MemoryTransport } from '../../transport/memory.ts';
import type { ChatWidget } from '../chat-widget/chat-widget.ts';
import { makePhotoJpeg } from '../../../test/helpers/media.ts';

const shadow = (element: Element) => element.shadowRoot!;
const bubbleOf = (widget: ChatWidget) => shadow(shadow(widget).querySelector('chat-thread')!).querySelector('file-bubble');
const pictureOf = (widget: ChatWidget) => {
  const bubble = bubbleOf(widget);
  return bubble ? shadow(bubble).querySelector<HTMLImageElement>('img[part~="thumbnail"]') : null;
};

/** Whether the picture shown has at least as many pixels as the screen shows it with. */
function isSharp(img: HTMLImageElement | null): boolean {
  if (!img?.complete || img.naturalWidth === 0) return false;
  const { width } = img.getBoundingClientRect();
  return width > 0 && img.naturalWidth >= width * devicePixelRatio;
}

describe('<file-bubble> sharp at once', () => {
  it('shows the sender their photo sharp at once, and the receiver within seconds without a click; only saving saves', async () => {
    const hub = new MemoryHub();
    const page = await fixture<HTMLDivElement>(html`<div>
      <chat-widget room="r" user="alice" upload-endpoint=${`${serverUrl}/upload`} .transport=${new MemoryTransport(hub)}></chat-widget>
      <chat-widget room="r" user="bob" .transport=${new MemoryTransport(hub)}></chat-widget>
    </div>`);
    const [alice, bob] = [...page.querySelectorAll('chat-widget')] as ChatWidget[];
    await waitUntil(() => alice!.store?.$status.get() === 'online' && bob!.store?.$status.get() === 'online', 'both online');
    expect(bob!.autoDownloadImagesUpTo, 'the default policy').to.equal(10_000_000);

    alice!.store!.sendFiles([{ file: await makePhotoJpeg(1600, 1200, 'beach.jpg') }]);
    await waitUntil(() => isSharp(pictureOf(alice!)), 'the sender sees the full photo at once', { timeout: 1500 });
    expect(shadow(bubbleOf(alice!)!).querySelector('[part~="download"]'), 'no Download of a file just picked').to.equal(null);

    await waitUntil(() => isSharp(pictureOf(bob!)), 'the receiver sees the full photo without a click', { timeout: 8000 });
    const message = bob!.store!.$entries.get()[0]!.message;
    expect(new TextEncoder().encode(JSON.stringify(message)).length).to.be.below(MAX_MESSAGE_BYTES);
    expect(message.attachments![0]!.thumbnail, 'a thumbnail travelled too').to.match(/^data:image\/webp;base64,/);
    const save = shadow(bubbleOf(bob!)!).querySelector<HTMLButtonElement>('[part~="download"]')!;
    expect([save.title, save.textContent]).to.deep.equal(['Save', 'Save']);
  });
});
