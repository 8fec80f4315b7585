import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../define.ts';
import { MemoryHub, MemoryTransport } from '../../transport/memory.ts';
import type { FileComposer } from '../file-composer/file-composer.ts';
import type { ChatWidget } from './chat-widget.ts';

const shadow = (element: Element) => element.shadowRoot!;
const inWidget = (widget: ChatWidget, selector: string) => shadow(widget).querySelector<HTMLElement>(selector)!;
const composerPart = (widget: ChatWidget, name: string) => shadow(inWidget(widget, 'file-composer')).querySelector<HTMLElement>(`[part~="${name}"]`)!;
const background = (element: Element) => getComputedStyle(element).backgroundColor;
const [WHITE, DARK] = ['rgb(255, 255, 255)', 'rgb(13, 17, 23)'];

async function onlineWidget(template = html`<chat-widget room="r" user="me" .transport=${new MemoryTransport(new MemoryHub())}></chat-widget>`) {
  const page = await fixture<HTMLElement>(html`<div>${template}</div>`);
  const widget = page.querySelector('chat-widget')!;
  await waitUntil(() => widget.store?.transport.status === 'online', 'online');
  return widget;
}

describe('<chat-widget> theme, direction and words', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('is dark when the system prefers dark, parts included, and theme="light" wins', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const widget = await onlineWidget();
    widget.store!.sendText('hello');
    await waitUntil(() => shadow(inWidget(widget, 'chat-thread')).querySelector('text-bubble'), 'bubble');
    const bubble = shadow(shadow(inWidget(widget, 'chat-thread')).querySelector('text-bubble')!).querySelector('[part="bubble"]')!;
    const parts = () => [inWidget(widget, '.chat'), inWidget(widget, 'chat-thread'), inWidget(widget, 'file-composer'), composerPart(widget, 'textarea')];
    expect(parts().map(background)).to.deep.equal([DARK, DARK, DARK, DARK]);
    expect(background(bubble)).to.equal('rgb(27, 53, 88)');

    widget.theme = 'light';
    await widget.updateComplete;
    expect(parts().map(background)).to.deep.equal([WHITE, WHITE, WHITE, WHITE]);
    expect(background(bubble)).to.equal('rgb(220, 232, 253)');
  });

  it('is dark with theme="dark" while the system prefers light', async () => {
    const widget = await onlineWidget();
    expect(background(inWidget(widget, '.chat'))).to.equal(WHITE);
    widget.theme = 'dark';
    await widget.updateComplete;
    expect(widget.getAttribute('theme')).to.equal('dark');
    expect(background(inWidget(widget, '.chat'))).to.equal(DARK);
    expect(background(inWidget(widget, 'file-composer'))).to.equal(DARK);
    expect(getComputedStyle(composerPart(widget, 'textarea')).color).to.equal('rgb(230, 237, 243)');
  });

  it('takes --chat-* tokens set by the host page anywhere above it, over its theme', async () => {
    const widget = await onlineWidget(html`<div style="--chat-accent: rgb(200, 0, 100); --chat-bubble-radius: 3px">
      <chat-widget theme="dark" room="r" user="me" .transport=${new MemoryTransport(new MemoryHub())}></chat-widget>
    </div>`);
    expect(background(composerPart(widget, 'send'))).to.equal('rgb(200, 0, 100)');
    widget.store!.sendText('hello');
    await waitUntil(() => shadow(inWidget(widget, 'chat-thread')).querySelector('text-bubble'), 'bubble');
    const bubble = shadow(shadow(inWidget(widget, 'chat-thread')).querySelector('text-bubble')!).querySelector('[part="bubble"]')!;
    expect(getComputedStyle(bubble).borderRadius).to.equal('3px');
  });

  it('lets the page style its parts and its composer’s, by ::part', async () => {
    const widget = await onlineWidget(html`<div>
      <style>
        .styled::part(header) { background: rgb(1, 2, 3); }
        .styled::part(composer-send) { background: rgb(4, 5, 6); }
        .styled::part(thread-log) { background: rgb(7, 8, 9); }
      </style>
      <chat-widget class="styled" room="r" user="me" .transport=${new MemoryTransport(new MemoryHub())}></chat-widget>
    </div>`);
    expect(background(inWidget(widget, '[part="header"]'))).to.equal('rgb(1, 2, 3)');
    expect(background(composerPart(widget, 'send'))).to.equal('rgb(4, 5, 6)');
    expect(background(shadow(inWidget(widget, 'chat-thread')).querySelector('[part="log"]')!)).to.equal('rgb(7, 8, 9)');
  });

  it('lays out right to left in a right-to-left page: our messages on the left', async () => {
    const widget = await onlineWidget(html`<div dir="rtl" style="width: 480px">
      <chat-widget room="r" user="me" .transport=${new MemoryTransport(new MemoryHub())}></chat-widget>
    </div>`);
    widget.store!.sendText('مرحبا');
    await waitUntil(() => shadow(inWidget(widget, 'chat-thread')).querySelector('text-bubble'), 'bubble');
    const bubble = shadow(shadow(inWidget(widget, 'chat-thread')).querySelector('text-bubble')!).querySelector('[part="bubble"]')!;
    const [thread, mine] = [inWidget(widget, 'chat-thread').getBoundingClientRect(), bubble.getBoundingClientRect()];
    expect(mine.left - thread.left).to.be.below(24);
    expect(thread.right - mine.right).to.be.above(200);
    const [field, send] = [composerPart(widget, 'textarea').getBoundingClientRect(), composerPart(widget, 'send').getBoundingClientRect()];
    expect(send.right, 'the Send button after the field, to its left').to.be.below(field.left);
    await expect(widget).to.be.accessible();
  });

  it('writes times and days in its locale: "3:04 PM" and "Sunday, March 3, 2024" in English, "15:04" and "Sonntag, 3. März 2024" in German, "15:04" in British English', async () => {
    const at = new Date(2024, 2, 3, 15, 4).getTime();
    const hub = new MemoryHub();
    const file = { url: 'https://files.example/report.pdf', name: 'report.pdf', size: 1234, mime: 'application/pdf' };
    hub.room('r').messages.push(
      { id: 'a', room: 'r', sender: { id: 'ada', name: 'Ada' }, createdAt: at, text: 'Hello', seq: 1 },
      { id: 'b', room: 'r', sender: { id: 'ada', name: 'Ada' }, createdAt: at + 60_000, attachments: [file], seq: 2 },
    );
    const widget = await onlineWidget(html`<chat-widget room="r" user="me" .transport=${new MemoryTransport(hub)}></chat-widget>`);
    const thread = shadow(inWidget(widget, 'chat-thread'));
    const spaced = (text: string | null | undefined) => text?.trim().replace(/\s/g, ' '); // Intl puts a narrow no-break space before "PM"
    const shown = () => ({
      day: spaced(thread.querySelector('[part="day"]')?.textContent),
      times: [thread.querySelector('text-bubble')?.shadowRoot!.querySelector('time'), thread.querySelector('[part="entry"] > .meta time')].map((time) => spaced(time?.textContent)),
    });
    await waitUntil(() => shown().times.every(Boolean), 'both times');
    expect(shown()).to.deep.equal({ day: 'Sunday, March 3, 2024', times: ['3:04 PM', '3:05 PM'] });
    widget.locale = 'de';
    await waitUntil(() => shown().times[0] === '15:04', 'German times');
    expect(shown()).to.deep.equal({ day: 'Sonntag, 3. März 2024', times: ['15:04', '15:05'] });
    widget.locale = 'en-GB';
    await waitUntil(() => shown().times[0] === '15:04' && shown().day?.startsWith('Sunday'), 'British times');
    expect(shown()).to.deep.equal({ day: 'Sunday, 3 March 2024', times: ['15:04', '15:05'] });
  });

  it('speaks German with locale="de": its own words, its parts’ words and its lang', async () => {
    const widget = await onlineWidget();
    const status = inWidget(widget, '[part="status"]');
    expect(status.textContent).to.equal('Online');
    widget.locale = 'de';
    await widget.updateComplete;
    await (inWidget(widget, 'file-composer') as FileComposer).updateComplete;
    expect(widget.lang).to.equal('de');
    expect(status.textContent).to.equal('Verbunden');
    expect(composerPart(widget, 'send').getAttribute('aria-label')).to.equal('Senden');
    expect(composerPart(widget, 'attach').getAttribute('aria-label')).to.equal('Dateien anhängen');
    expect((composerPart(widget, 'textarea') as HTMLTextAreaElement).placeholder).to.equal('Nachricht schreiben…');

    widget.strings = { send: 'Los', statusOnline: 'Da' };
    await widget.updateComplete;
    await (inWidget(widget, 'file-composer') as FileComposer).updateComplete;
    expect(composerPart(widget, 'send').getAttribute('aria-label')).to.equal('Los');
    expect(status.textContent).to.equal('Da');
    expect(composerPart(widget, 'attach').title, 'the rest stays German').to.equal('Anhängen');
    await expect(widget).to.be.accessible();
  });

  it('passes an accessibility audit in dark, at a phone’s width', async () => {
    const widget = await onlineWidget(html`<div style="width: 360px">
      <chat-widget theme="dark" capture="environment" room="r" user="me" .transport=${new MemoryTransport(new MemoryHub())}></chat-widget>
    </div>`);
    widget.store!.sendText('hello');
    const composer = inWidget(widget, 'file-composer') as HTMLElement & { addFiles(files: File[]): void };
    composer.addFiles([new File(['x'], 'notes.txt', { type: 'text/plain' })]);
    await waitUntil(() => shadow(inWidget(widget, 'chat-thread')).querySelector('text-bubble'), 'bubble');
    expect(inWidget(widget, '.chat').scrollWidth).to.be.at.most(360);
    await expect(widget).to.be.accessible();
  });
});
