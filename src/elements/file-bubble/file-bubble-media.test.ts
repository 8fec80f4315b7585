import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { defineElements } from '../define-elements.ts';
import { formatDuration, placeholderImage } from './media.ts';
import type { FileBubble } from './file-bubble.ts';
import { bubble, clip, part, photo, pixelBlob, thumbhashOf, urlsIn, voice } from './file-bubble.test-helpers.ts';

defineElements();

const downloaded = (blob: Blob) => ({ status: 'done' as const, received: blob.size, blob });

describe('<file-bubble> pictures and players', () => {
  it('shows the thumbhash placeholder as the picture of an image that has nothing else yet', async () => {
    const element = await bubble({ attachment: { ...photo, thumbnail: undefined, placeholder: thumbhashOf(), alt: 'Waves' } });
    const placeholder = part<HTMLImageElement>(element, 'placeholder')!;
    expect(placeholder.getAttribute('src')).to.match(/^data:image\/png;base64,/);
    expect(placeholder.alt).to.equal('Waves');
    expect([placeholder.getAttribute('width'), placeholder.getAttribute('height')]).to.deep.equal(['800', '600']);
    expect(part(element, 'thumbnail')).to.equal(null);
    expect(part(element, 'icon')).to.equal(null);
  });

  it('keeps the placeholder under a thumbnail that is not decoded, and drops it once one is', async () => {
    const broken = { ...photo, thumbnail: 'data:image/png;base64,PGh0bWw+', placeholder: thumbhashOf() };
    const element = await bubble({ attachment: broken });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(part(element, 'placeholder'), 'nothing decoded: the placeholder stays').to.not.equal(null);
    expect(part(element, 'thumbnail'), 'a thumbnail that fails to decode is dropped, never a broken image').to.equal(null);
    expect(part<HTMLImageElement>(element, 'placeholder')!.alt, 'the placeholder then stands for the picture').to.equal('beach.png');

    element.attachment = { ...photo, placeholder: thumbhashOf() };
    await element.updateComplete;
    await waitUntil(() => part(element, 'placeholder') === null, 'the placeholder goes once the thumbnail is decoded');
    expect(part<HTMLImageElement>(element, 'thumbnail')!.complete).to.equal(true);
  });

  it('reserves the image box from the declared size before any picture loads', async () => {
    const element = await bubble({ attachment: { ...photo, thumbnail: 'data:image/png;base64,PGh0bWw+', width: 600, height: 300 } });
    const box = part(element, 'open')!.getBoundingClientRect();
    expect(box.width).to.equal(240);
    expect(box.height).to.be.closeTo(120, 0.5);
  });

  it('opens an image large: its preview is a button named by its description that asks for the lightbox', async () => {
    const element = await bubble({ attachment: { ...photo, alt: 'Waves on sand' }, index: 1 });
    const open = part<HTMLButtonElement>(element, 'open')!;
    expect(open.tagName).to.equal('BUTTON');
    expect(open.getAttribute('aria-label')).to.equal('Open image: Waves on sand');
    setTimeout(() => open.click());
    expect((await oneEvent(element, 'chat-open-image')).detail).to.deep.equal({ messageId: 'm1', index: 1 });
    element.focus();
    expect(element.shadowRoot!.activeElement).to.equal(open);
  });

  it('shows a video poster and no player until the bytes are downloaded, then plays the bytes (never the URL)', async () => {
    const element = await bubble({ attachment: clip });
    expect(part<HTMLImageElement>(element, 'thumbnail')!.getAttribute('src')).to.equal(clip.thumbnail);
    expect(element.shadowRoot!.querySelector('video')).to.equal(null);
    expect(part(element, 'download')!.textContent).to.equal('Download');
    expect(part(element, 'duration')!.textContent).to.equal('0:42');

    element.download = downloaded(new Blob(['not really a video'], { type: 'video/mp4' }));
    await element.updateComplete;
    const video = part<HTMLVideoElement>(element, 'player')!;
    expect(video.tagName).to.equal('VIDEO');
    expect([video.controls, video.preload], 'the poster, with a play button over it').to.deep.equal([false, 'metadata']);
    part<HTMLButtonElement>(element, 'play')!.click();
    await element.updateComplete;
    expect(video.controls, 'playing: its own controls').to.equal(true);
    expect(video.getAttribute('src')).to.match(/^blob:/);
    expect(video.getAttribute('poster')).to.equal(clip.thumbnail);
    expect(urlsIn(element)).to.not.include(clip.url);
  });

  it('streams a video only from an origin the host listed in stream-origins', async () => {
    const listed = await fixture<FileBubble>(html`<file-bubble stream-origins="https://cdn.example https://media.example" .attachment=${clip}></file-bubble>`);
    expect(listed.streamOrigins).to.deep.equal(['https://cdn.example', 'https://media.example']);
    expect(part(listed, 'player')!.getAttribute('src')).to.equal(clip.url);

    for (const url of ['https://evil.example/clip.mp4', '//evil.example/clip.mp4', 'http://169.254.169.254/latest', 'http://media.example/clip.mp4']) {
      const other = await bubble({ attachment: { ...clip, url }, streamOrigins: ['https://media.example'] });
      expect(other.shadowRoot!.querySelector('video'), url).to.equal(null);
    }
  });

  it('gives audio a player once it may play, and shows its play time as m:ss', async () => {
    const element = await bubble({ attachment: voice });
    const duration = part(element, 'duration')!;
    expect([duration.textContent, duration.getAttribute('datetime')]).to.deep.equal(['1:05', 'PT65S']);
    expect(element.shadowRoot!.querySelector('audio')).to.equal(null);
    expect(part(element, 'play'), 'a compact player: a play button beside its play time').to.not.equal(null);

    element.download = downloaded(new Blob(['ogg'], { type: 'audio/ogg' }));
    await element.updateComplete;
    expect(part(element, 'play')!.getAttribute('aria-label')).to.equal('Play: voice note.ogg');
    part<HTMLButtonElement>(element, 'play')!.click();
    await element.updateComplete;
    const audio = part<HTMLAudioElement>(element, 'player')!;
    expect([audio.tagName, audio.controls, audio.preload]).to.deep.equal(['AUDIO', true, 'metadata']);
    expect(audio.getAttribute('src')).to.match(/^blob:/);
    expect(audio.getAttribute('aria-label')).to.equal('voice note.ogg');
  });

  it('gives downloaded bytes an object URL of the declared type, whatever type the server sent (C1)', async () => {
    const svg = new Blob(['<svg xmlns="http://www.w3.org/2000/svg" onload="window.__chatdropSvg=1"/>'], { type: 'image/svg+xml' });
    const element = await bubble({ attachment: photo, download: downloaded(svg) });
    const response = await fetch(part<HTMLImageElement>(element, 'thumbnail')!.src);
    expect(response.headers.get('content-type')).to.equal('image/png');
    expect((window as { __chatdropSvg?: number }).__chatdropSvg).to.equal(undefined);
  });

  it('formats play times and refuses impossible ones', () => {
    expect([0, 999, 65_400, 600_000, 3_725_000].map(formatDuration)).to.deep.equal(['0:00', '0:01', '1:05', '10:00', '1:02:05']);
    expect([undefined, -1, Number.NaN, Number.POSITIVE_INFINITY].map(formatDuration)).to.deep.equal([undefined, undefined, undefined, undefined]);
  });

  it("draws the thumbhash's colours: a light blue image's placeholder is that light blue", async () => {
    const image = new Image();
    image.src = placeholderImage(thumbhashOf())!;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const [red, green, blue, alpha] = context.getImageData(canvas.width >> 1, canvas.height >> 1, 1, 1).data;
    expect(image.naturalWidth / image.naturalHeight, 'its aspect ratio, about 4:3').to.be.closeTo(4 / 3, 0.2);
    for (const [channel, expected] of [[red, 124], [green, 196], [blue, 255], [alpha, 255]] as const) expect(channel).to.be.closeTo(expected, 12);
  });

  it('decodes only well-formed thumbhashes, into a PNG it made itself', () => {
    expect(placeholderImage(thumbhashOf())).to.match(/^data:image\/png;base64,/);
    for (const hash of ['', 'AAAA', '<svg onload=x>', btoa('x'.repeat(200)), 'data:image/svg+xml;base64,PHN2Zz4=']) {
      expect(placeholderImage(hash), hash).to.equal(undefined);
    }
  });
});
