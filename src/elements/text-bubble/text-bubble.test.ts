import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { ChatMessage } from '../../model/message.ts';
import { defineElements } from '../define-elements.ts';
import { de } from '../locales/de.ts';
import type { TextBubble } from './text-bubble.ts';

defineElements();

const createdAt = new Date(2024, 4, 1, 9, 5).getTime();
const message: ChatMessage = { id: 'm1', room: 'r', sender: { id: 'alice', name: 'Alice' }, createdAt, text: 'Hello\nthere' };

const part = (element: TextBubble, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const pwned = () => (window as { __chatdropPwned?: boolean }).__chatdropPwned;
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

/** A bubble with `text`, inside a column as wide as a phone's. */
async function bubbleWithText(text: string, sender = message.sender): Promise<TextBubble> {
  const column = await fixture<HTMLDivElement>(html`<div style="width: 360px"><text-bubble .message=${{ ...message, sender, text }}></text-bubble></div>`);
  const bubble = column.querySelector('text-bubble')!;
  await bubble.updateComplete;
  return bubble;
}

describe('<text-bubble>', () => {
  it("shows the sender's name, the text and the time of a message from someone else", async () => {
    const bubble = await fixture<TextBubble>(html`<text-bubble .message=${message}></text-bubble>`);
    expect(part(bubble, 'sender')!.textContent).to.equal('Alice');
    expect(part(bubble, 'text')!.textContent).to.equal('Hello\nthere');
    expect(getComputedStyle(part(bubble, 'text')!).whiteSpace).to.equal('pre-wrap');
    const time = part(bubble, 'time') as HTMLTimeElement;
    expect(time.textContent!.replace(/\s/g, ' ')).to.equal('9:05 AM');
    expect(time.dateTime).to.equal(new Date(createdAt).toISOString());
    time.dispatchEvent(new PointerEvent('pointerenter'));
    expect(time.title, 'the full date in its tooltip').to.contain('2024');
    expect(part(bubble, 'delivery')).to.equal(null);
  });

  it('falls back to the sender id when there is no name', async () => {
    const bubble = await fixture<TextBubble>(html`<text-bubble .message=${{ ...message, sender: { id: 'bob' } }}></text-bubble>`);
    expect(part(bubble, 'sender')!.textContent).to.equal('bob');
  });

  it('marks our own message as mine, without a sender name, with its delivery', async () => {
    const bubble = await fixture<TextBubble>(html`<text-bubble .message=${message} .isMine=${true} delivery="sending"></text-bubble>`);
    expect(bubble.hasAttribute('mine')).to.equal(true);
    expect(part(bubble, 'sender')).to.equal(null);
    expect(part(bubble, 'delivery')!.textContent).to.equal('Sending…');
    bubble.delivery = 'sent';
    await bubble.updateComplete;
    expect(part(bubble, 'delivery')!.textContent).to.equal('Sent');
    expect(part(bubble, 'retry')).to.equal(null);
  });

  it('offers Retry on a message that was not sent, asking to retry that message', async () => {
    const bubble = await fixture<TextBubble>(html`<text-bubble .message=${message} mine delivery="failed"></text-bubble>`);
    expect(part(bubble, 'delivery')!.textContent).to.equal('Not sent');
    const retry = part(bubble, 'retry') as HTMLButtonElement;
    expect(retry.tagName).to.equal('BUTTON');
    expect(retry.textContent).to.equal('Retry');
    setTimeout(() => retry.click());
    const event = await oneEvent(bubble, 'chat-retry');
    expect(event.detail).to.deep.equal({ messageId: 'm1' });
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('shows a message with an impossible time without the time', async () => {
    const bubble = await fixture<TextBubble>(html`<text-bubble .message=${{ ...message, createdAt: Number.MAX_SAFE_INTEGER }}></text-bubble>`);
    expect(part(bubble, 'text')!.textContent).to.equal('Hello\nthere');
    expect(part(bubble, 'time')).to.equal(null);
  });

  it('says its words in the strings it is given', async () => {
    const bubble = await fixture<TextBubble>(html`<text-bubble .message=${message} mine delivery="failed" .strings=${de}></text-bubble>`);
    expect(part(bubble, 'delivery')!.textContent).to.equal('Nicht gesendet');
    expect(part(bubble, 'retry')!.textContent).to.equal('Erneut versuchen');
    bubble.strings = { retry: 'Nochmal' };
    await bubble.updateComplete;
    expect(part(bubble, 'retry')!.textContent).to.equal('Nochmal');
    expect(part(bubble, 'delivery')!.textContent).to.equal('Not sent');
  });

  it('puts our message at the inline end: on the right, and on the left in a right-to-left page', async () => {
    for (const [dir, mineSide] of [['ltr', 'right'], ['rtl', 'left']] as const) {
      const column = await fixture<HTMLDivElement>(html`<div dir=${dir} style="width: 400px">
        <text-bubble .message=${{ ...message, text: 'hi' }}></text-bubble>
        <text-bubble .message=${{ ...message, text: 'hi' }} mine></text-bubble>
      </div>`);
      const [theirs, mine] = [...column.querySelectorAll('text-bubble')].map((bubble) => part(bubble, 'bubble')!.getBoundingClientRect());
      const box = column.getBoundingClientRect();
      const [mineGap, theirsGap] = mineSide === 'right' ? [box.right - mine!.right, theirs!.left - box.left] : [mine!.left - box.left, box.right - theirs!.right];
      expect(mineGap, `${dir}: mine at the ${mineSide}`).to.be.below(1);
      expect(theirsGap, `${dir}: theirs at the other side`).to.be.below(1);
      expect(Math.abs(mine!.left - theirs!.left), `${dir}: on different sides`).to.be.above(200);
    }
  });

  it('follows a dark colour scheme set around it', async () => {
    const column = await fixture<HTMLDivElement>(html`<div style="--chat-color-scheme: dark"><text-bubble .message=${message}></text-bubble></div>`);
    const bubble = column.querySelector('text-bubble')!;
    await bubble.updateComplete;
    expect(getComputedStyle(part(bubble, 'bubble')!).backgroundColor).to.equal('rgb(38, 44, 54)');
    expect(getComputedStyle(part(bubble, 'text')!).color).to.equal('rgb(230, 237, 243)');
  });

  describe('text from the wire', () => {
    afterEach(() => delete (window as { __chatdropPwned?: boolean }).__chatdropPwned);

    it('shows markup in a message as the characters typed, never as elements', async () => {
      const text = '<img src=x onerror="window.__chatdropPwned = true"><b>bold</b>';
      const bubble = await bubbleWithText(text);
      await settle();
      expect(part(bubble, 'text')!.textContent).to.equal(text);
      expect(bubble.shadowRoot!.querySelector('img, b')).to.equal(null);
      expect(pwned()).to.equal(undefined);
    });

    it('leaves a javascript: URL as text that does nothing when clicked', async () => {
      const text = 'javascript:window.__chatdropPwned=true';
      const bubble = await bubbleWithText(text);
      const shown = part(bubble, 'text')!;
      shown.click();
      await settle();
      expect(shown.textContent).to.equal(text);
      expect(bubble.shadowRoot!.querySelector('a, [href], [src]')).to.equal(null);
      expect(pwned()).to.equal(undefined);
    });

    it('turns a web address into a link that opens apart from the page, and leaves javascript: as text', async () => {
      const text = 'see https://example.com/a?b=1 and javascript:alert(1)';
      const bubble = await bubbleWithText(text);
      const links = [...bubble.shadowRoot!.querySelectorAll('a')];
      expect(links).to.have.length(1);
      expect(links[0]!.getAttribute('href')).to.equal('https://example.com/a?b=1');
      expect(links[0]!.textContent).to.equal('https://example.com/a?b=1');
      expect(links[0]!.rel).to.equal('noopener noreferrer');
      expect(links[0]!.target).to.equal('_blank');
      expect(part(bubble, 'text')!.textContent).to.equal(text);
      expect(getComputedStyle(links[0]!).color, 'in the accent colour').to.equal('rgb(5, 80, 174)');
      expect(getComputedStyle(links[0]!).textDecorationLine).to.equal('underline');
    });

    it('ends a link before the punctuation of its sentence, keeping brackets that belong to the address', async () => {
      const bubble = await bubbleWithText('Read (https://en.wikipedia.org/wiki/Lisp_(programming_language)). Or https://example.org/x, https://example.net!');
      const hrefs = [...bubble.shadowRoot!.querySelectorAll('a')].map((link) => link.getAttribute('href'));
      expect(hrefs).to.deep.equal(['https://en.wikipedia.org/wiki/Lisp_(programming_language)', 'https://example.org/x', 'https://example.net/']);
    });

    it('never runs a hostile text that holds addresses: only http(s) links, every other piece as typed', async () => {
      const text = [
        'https://x.example/"><img src=x onerror="window.__chatdropPwned=true">',
        "https://x.example/'onmouseover='window.__chatdropPwned=true",
        'https://x.example/<script>window.__chatdropPwned=true</script>',
        '[click](javascript:window.__chatdropPwned=true) JAVASCRIPT:window.__chatdropPwned=true data:text/html,<script>parent.__chatdropPwned=true</script>',
        'https://good.example/\u202Egnp.exe vbscript:x file:///etc/passwd',
      ].join('\n');
      const bubble = await bubbleWithText(text);
      await settle();
      const links = [...bubble.shadowRoot!.querySelectorAll('a')];
      expect(part(bubble, 'text')!.textContent).to.equal(text);
      expect(links.map((link) => new URL(link.href).protocol)).to.deep.equal(['https:', 'https:', 'https:', 'https:']);
      for (const link of links) {
        expect([...link.attributes].map((attribute) => attribute.name).sort()).to.deep.equal(['href', 'part', 'rel', 'target']);
        expect(link.children.length).to.equal(0);
        link.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      }
      expect(links.at(-1)!.textContent).to.equal('https://good.example/');
      expect(bubble.shadowRoot!.querySelector('script, img, iframe, [onerror], [onmouseover]')).to.equal(null);
      part(bubble, 'text')!.click();
      await settle();
      expect(pwned()).to.equal(undefined);
    });

    it('shows Markdown and HTML as the characters typed, in the text and in the sender name', async () => {
      const text = [
        '**bold** _it_ [click](javascript:window.__chatdropPwned=true) ![x](x)',
        '<script>window.__chatdropPwned = true</script>',
        '<svg onload="window.__chatdropPwned = true"></svg><a href="javascript:window.__chatdropPwned=true">link</a>',
        '<iframe srcdoc="<script>parent.__chatdropPwned = true</script>"></iframe>',
      ].join('\n');
      const sender = { id: 'eve', name: '<img src=x onerror="window.__chatdropPwned = true">**Eve**' };
      const bubble = await bubbleWithText(text, sender);
      await settle();
      expect(part(bubble, 'text')!.textContent).to.equal(text);
      expect(part(bubble, 'sender')!.textContent).to.equal(sender.name);
      expect(part(bubble, 'text')!.children.length).to.equal(0);
      expect(part(bubble, 'sender')!.children.length).to.equal(0);
      expect(bubble.shadowRoot!.querySelector('script, svg, a, iframe, img, strong, em')).to.equal(null);
      expect(pwned()).to.equal(undefined);
    });

    it('keeps a 100 KB text inside a bubble of bounded size that scrolls and can be scrolled by keyboard', async () => {
      const text = `${'A long line of chat text that goes on. '.repeat(1300)}${'x'.repeat(50_000)}`;
      const plain = await bubbleWithText('short');
      const bubble = await bubbleWithText(text);
      await settle();
      const box = part(bubble, 'bubble')!.getBoundingClientRect();
      const shown = part(bubble, 'text')!;
      expect(shown.textContent!.length).to.equal(text.length);
      expect(box.width, 'no wider than its column').to.be.at.most(360);
      expect(box.height, 'clamped in height').to.be.below(32 * 16);
      expect(box.height).to.be.above(part(plain, 'bubble')!.getBoundingClientRect().height);
      expect(shown.scrollHeight).to.be.above(shown.clientHeight * 10);
      expect(shown.tabIndex, 'focusable to scroll by keyboard').to.equal(0);
      expect(part(plain, 'text')!.hasAttribute('tabindex'), 'short text is not a tab stop').to.equal(false);
      await expect(bubble).to.be.accessible();
    });

    it('keeps Zalgo text to the height of its line, its stacked marks clipped', async () => {
      const marks = Array.from({ length: 60 }, (_, index) => String.fromCodePoint(0x300 + (index % 0x6f))).join('');
      const zalgo = [...'hello zalgo'].map((char) => char + marks).join('');
      const plain = await bubbleWithText('hello zalgo');
      const bubble = await bubbleWithText(zalgo);
      await settle();
      const [plainHeight, zalgoHeight] = [plain, bubble].map((item) => part(item, 'bubble')!.getBoundingClientRect().height);
      expect(part(bubble, 'text')!.textContent).to.equal(zalgo);
      expect(zalgoHeight! - plainHeight!).to.be.below(4);
      expect(getComputedStyle(part(bubble, 'text')!).overflowY).to.not.equal('visible');
    });
  });

  it('passes an accessibility audit, light and dark', async () => {
    for (const scheme of ['light', 'dark']) {
      const column = await fixture<HTMLDivElement>(html`<div style="--chat-color-scheme: ${scheme}">
        <text-bubble .message=${message}></text-bubble>
        <text-bubble .message=${message} mine delivery="failed"></text-bubble>
        <text-bubble .message=${message} mine delivery="sending"></text-bubble>
        <text-bubble .message=${{ ...message, text: 'see https://example.com/a?b=1' }}></text-bubble>
        <text-bubble .message=${{ ...message, text: 'see https://example.com/a?b=1' }} mine></text-bubble>
      </div>`);
      await expect(column).to.be.accessible();
    }
  });
});
