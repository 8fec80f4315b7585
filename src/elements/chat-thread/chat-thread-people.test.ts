import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ChatMessage, Sender } from '../../model/message.ts';
import { defineElements } from '../define-elements.ts';
import type { Person } from './avatar.ts';
import type { ChatThread } from './chat-thread.ts';
import { all, entries, fileMessage, settled, text } from './thread-test-helpers.ts';

defineElements();

const ada: Sender = { id: 'u7', name: 'Ada Lovelace' };
const PHOTO = new URL('/test/fixtures/photo.jpg', location.href).href;

/** A text message from `sender` (with its name and avatar), `minutes` after noon. */
const from = (sender: Sender, body: string, minutes = 0): ChatMessage => ({ ...text(sender.id, body, minutes), sender });

async function threadOf(messages: ChatMessage[], people: Record<string, Person> = {}, scheme = 'light'): Promise<ChatThread> {
  const thread = await fixture<ChatThread>(
    html`<chat-thread user-id="me" style="--chat-thread-height: 600px; --chat-color-scheme: ${scheme}" .messages=${messages} .people=${people}></chat-thread>`,
  );
  await settled(thread);
  return thread;
}

const avatars = (thread: ChatThread) => all<HTMLElement>(thread, '[part="avatar"]');
const names = (thread: ChatThread) => all<HTMLElement>(thread, '[part="sender"]:not(.visually-hidden)').map((name) => name.textContent);
const colourOf = (avatar: HTMLElement) => getComputedStyle(avatar).backgroundColor;
/** Text with the narrow no-break space `Intl` puts before "PM" as a plain space. */
const spaced = (text: string | null | undefined) => text?.replace(/\s/g, ' ');

/** Whether the avatar shows its picture (loaded, visible) rather than its initials. */
const showsPicture = (avatar: HTMLElement) => {
  const image = avatar.querySelector('img');
  return image !== null && !image.hidden && image.complete && image.naturalWidth > 0 && image.getBoundingClientRect().width > 0;
};

describe('<chat-thread> people and time', () => {
  it("shows the sender's name, never their id, beside an avatar of their initials in a colour that stays theirs", async () => {
    const thread = await threadOf([from(ada, 'Hello'), text('bob', 'Hi Ada', 1), from(ada, 'Bye', 2)]);
    expect(names(thread)).to.deep.equal(['Ada Lovelace', 'bob', 'Ada Lovelace']);
    expect(thread.shadowRoot!.textContent).not.to.match(/\bu7\b/);
    const [first, bob, again] = avatars(thread);
    expect(first!.textContent).to.equal('AL');
    expect(bob!.textContent).to.equal('B');
    expect(first!.getBoundingClientRect().width).to.be.within(28, 40);
    expect(colourOf(again!)).to.equal(colourOf(first!));

    // The colour comes from the id: the same in another thread, and not one colour for everyone.
    const elsewhere = await threadOf([from(ada, 'Again')]);
    expect(colourOf(avatars(elsewhere)[0]!)).to.equal(colourOf(first!));
    const everyone = await threadOf(['ann', 'bo', 'cy', 'di', 'ed', 'flo', 'gus', 'hal'].map((id, minute) => text(id, 'hi', minute * 10)));
    expect(new Set(avatars(everyone).map(colourOf)).size).to.be.above(2);
  });

  it('shows the avatar and name once per group of messages, the bubbles lined up beside it', async () => {
    const thread = await threadOf([from(ada, 'one'), from(ada, 'two', 1), from(ada, 'three', 2), text('me', 'mine', 3)]);
    expect(avatars(thread)).to.have.length(1);
    expect(names(thread)).to.deep.equal(['Ada Lovelace']);
    const lefts = all<HTMLElement>(thread, 'text-bubble').slice(0, 3).map((bubble) => bubble.shadowRoot!.querySelector('[part="bubble"]')!.getBoundingClientRect().left);
    expect(lefts[1]).to.be.closeTo(lefts[0]!, 0.5);
    expect(lefts[2]).to.be.closeTo(lefts[0]!, 0.5);
    expect(lefts[0]).to.be.above(avatars(thread)[0]!.getBoundingClientRect().right);
  });

  it("shows the host's name and picture for a user over what the message says", async () => {
    const thread = await threadOf([from({ id: 'u7', name: 'ada' }, 'Hello')], { u7: { name: 'Ada Lovelace', avatar: PHOTO } });
    expect(names(thread)).to.deep.equal(['Ada Lovelace']);
    const avatar = avatars(thread)[0]!;
    await waitUntil(() => showsPicture(avatar), 'the picture shows');
    expect(avatar.querySelector('img')!.src).to.equal(PHOTO);
    expect(avatar.querySelector('img')!.alt).to.equal('');
  });

  it('shows a picture the message carries, and initials for a javascript:, data: or broken one', async () => {
    const thread = await threadOf([
      from({ ...ada, avatar: PHOTO }, 'with a picture'),
      from({ id: 'eve', name: 'Eve Hacker', avatar: 'javascript:window.__chatdropPwned=true' }, 'script', 10),
      from({ id: 'dan', name: 'Dan', avatar: 'data:image/svg+xml,<svg onload="window.__chatdropPwned=true"/>' }, 'svg', 20),
      from({ id: 'bea', name: 'Bea Broken', avatar: new URL('/no-such-avatar.png', location.href).href }, 'broken', 30),
    ]);
    const [withPicture, script, svg, broken] = avatars(thread);
    await waitUntil(() => showsPicture(withPicture!), 'the picture shows');
    expect(script!.querySelector('img')).to.equal(null);
    expect(script!.textContent).to.equal('EH');
    expect(svg!.querySelector('img')).to.equal(null);
    expect(svg!.textContent).to.equal('D');
    await waitUntil(() => !showsPicture(broken!) && broken!.querySelector('img')?.hidden !== false, 'the broken picture goes');
    expect(broken!.textContent).to.equal('BB');
    expect(broken!.getBoundingClientRect().width).to.be.above(20);
    expect((window as { __chatdropPwned?: boolean }).__chatdropPwned).to.equal(undefined);
  });

  it('shows the time of every message, text and file, with the full date in its tooltip', async () => {
    const file = { url: 'https://files.example/report.pdf', name: 'report.pdf', size: 1234, mime: 'application/pdf' };
    const messages = [from(ada, 'Hello', 5), fileMessage('u7', [file], 7), fileMessage('me', [file], 8)];
    const thread = await threadOf(messages);
    const times = entries(thread).map((entry) => entry.querySelector<HTMLTimeElement>('time') ?? entry.querySelector('text-bubble')?.shadowRoot!.querySelector<HTMLTimeElement>('time'));
    expect(times.map((time) => spaced(time?.textContent))).to.deep.equal(['12:05 PM', '12:07 PM', '12:08 PM']);
    times.forEach((time, index) => {
      expect(new Date(time!.dateTime).getTime()).to.equal(messages[index]!.createdAt);
      time!.dispatchEvent(new PointerEvent('pointerenter'));
      expect(time!.title, 'the full date in its tooltip').to.contain('2023');
      expect(time!.getBoundingClientRect().height).to.be.above(0);
    });
    // Our file's time sits at our side, others' at theirs.
    const [, theirs, ours] = times;
    expect(ours!.getBoundingClientRect().right).to.be.above(theirs!.getBoundingClientRect().right + 100);
  });

  it('passes an accessibility audit with avatars, links and times, light and dark', async () => {
    for (const scheme of ['light', 'dark']) {
      const file = { url: 'https://files.example/report.pdf', name: 'report.pdf', size: 1234, mime: 'application/pdf' };
      const thread = await threadOf(
        [from(ada, 'see https://example.com/a?b=1'), text('bob', 'hi'), fileMessage('bob', [file], 1), text('me', 'mine https://example.org', 2)],
        { bob: { avatar: PHOTO } },
        scheme,
      );
      await expect(thread).to.be.accessible();
    }
  });
});
