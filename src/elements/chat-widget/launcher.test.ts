import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../define.ts';
import type { ChatMessage } from '../../model/message.ts';
import { MemoryHub, MemoryTransport } from '../../transport/memory.ts';
import type { ChatWidget } from './chat-widget.ts';

const shadow = (element: Element) => element.shadowRoot!;
const part = (widget: ChatWidget, name: string) => shadow(widget).querySelector<HTMLElement>(`[part~="${name}"]`);
const launcherOf = (widget: ChatWidget) => part(widget, 'launcher') as HTMLButtonElement;
const panelOf = (widget: ChatWidget) => part(widget, 'chat')!;
const badgeText = (widget: ChatWidget) => part(widget, 'badge')?.textContent ?? null;

let nextId = 0;
const textFrom = (sender: string, text: string, createdAt = Date.now()): ChatMessage => ({ id: `t${nextId++}`, room: 'r', sender: { id: sender }, createdAt, text });

/** A launcher widget for Alice, and Bob's transport in the same room (with `history` already in it). */
async function launcherWithBob(options: { position?: string; history?: ChatMessage[]; theme?: string } = {}) {
  const hub = new MemoryHub();
  const bob = new MemoryTransport(hub);
  await bob.connect({ room: 'r', user: { id: 'bob' } });
  for (const message of options.history ?? []) await bob.send(message);
  const widget = await fixture<ChatWidget>(html`<chat-widget mode="launcher" room="r" user="alice" position=${options.position ?? 'bottom-right'}
    theme=${options.theme ?? 'light'} .transport=${new MemoryTransport(hub)}></chat-widget>`);
  await waitUntil(() => widget.store?.transport.status === 'online', 'online');
  return { widget, bob };
}

describe('<chat-widget mode="launcher">', () => {
  it('is a round button named "Open chat", fixed in the bottom-right corner, its panel closed', async () => {
    const { widget } = await launcherWithBob();
    const launcher = launcherOf(widget);
    const box = launcher.getBoundingClientRect();
    expect(getComputedStyle(widget).position).to.equal('fixed');
    expect(innerWidth - box.right).to.be.closeTo(16, 1);
    expect(innerHeight - box.bottom).to.be.closeTo(16, 1);
    expect(box.width).to.equal(box.height);
    expect(getComputedStyle(launcher).borderRadius).to.equal('50%');
    // The launcher's styles came with its code, as an adopted stylesheet (allowed under a strict CSP), not a <style>.
    expect(widget.shadowRoot!.querySelector('style')).to.equal(null);
    expect(launcher.getAttribute('aria-label')).to.equal('Open chat');
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    expect(panelOf(widget).checkVisibility()).to.equal(false);
  });

  it('sits in the bottom-left corner with position="bottom-left", its panel opening above it', async () => {
    const { widget } = await launcherWithBob({ position: 'bottom-left' });
    expect(launcherOf(widget).getBoundingClientRect().left).to.be.closeTo(16, 1);
    widget.open = true;
    await widget.updateComplete;
    const panel = panelOf(widget).getBoundingClientRect();
    expect(panel.left).to.be.closeTo(16, 1);
    expect(panel.bottom).to.be.below(launcherOf(widget).getBoundingClientRect().top);
  });

  it('opens a dialog with the caret in the message field; Escape closes it and returns focus to the launcher', async () => {
    const { widget } = await launcherWithBob();
    const launcher = launcherOf(widget);
    launcher.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => panelOf(widget).checkVisibility(), 'panel shown');
    expect(launcher.getAttribute('aria-expanded')).to.equal('true');
    const panel = panelOf(widget);
    expect(panel.getAttribute('role')).to.equal('dialog');
    expect(shadow(widget).getElementById(panel.getAttribute('aria-labelledby')!)!.textContent).to.equal('Chat');
    const composer = shadow(widget).querySelector('file-composer')!;
    await waitUntil(() => shadow(widget).activeElement === composer, 'focus in the composer');
    expect(shadow(composer).activeElement?.tagName).to.equal('TEXTAREA');

    await sendKeys({ type: 'draft' });
    await sendKeys({ press: 'Escape' });
    await widget.updateComplete;
    expect(widget.open).to.equal(false);
    expect(panel.checkVisibility()).to.equal(false);
    expect(shadow(widget).activeElement).to.equal(launcher);
    expect(shadow(composer).querySelector('textarea')!.value, 'the draft is kept').to.equal('draft');
  });

  it('closes with the panel’s Close button too, returning focus to the launcher', async () => {
    const { widget } = await launcherWithBob();
    launcherOf(widget).click();
    await widget.updateComplete;
    const close = part(widget, 'close') as HTMLButtonElement;
    expect(close.getAttribute('aria-label')).to.equal('Close chat');
    close.focus();
    await sendKeys({ press: 'Enter' });
    await widget.updateComplete;
    expect(widget.open).to.equal(false);
    expect(shadow(widget).activeElement).to.equal(launcherOf(widget));
  });

  it('counts new messages from others while closed, not history nor our own, until opened', async () => {
    const { widget, bob } = await launcherWithBob({ history: [textFrom('bob', 'old news', Date.now() - 60_000)] });
    await waitUntil(() => widget.store!.$entries.get().length === 1, 'history loaded');
    expect(part(widget, 'badge')).to.equal(null);

    await bob.send(textFrom('bob', 'are you there?'));
    await bob.send(textFrom('bob', 'hello?'));
    widget.store!.sendText('typed before closing the tab');
    await waitUntil(() => badgeText(widget) === '2', 'two unread');
    const launcher = launcherOf(widget);
    expect(shadow(widget).getElementById(launcher.getAttribute('aria-describedby')!)!.textContent).to.equal('2 unread messages');
    expect(launcher.getAttribute('aria-label')).to.equal('Open chat');

    launcher.click();
    await widget.updateComplete;
    expect(part(widget, 'badge')).to.equal(null);
    expect(launcher.hasAttribute('aria-describedby')).to.equal(false);
    launcher.click();
    await widget.updateComplete;
    expect(part(widget, 'badge')).to.equal(null);
    await bob.send(textFrom('bob', 'one more'));
    await waitUntil(() => badgeText(widget) === '1', 'one unread');
  });

  it('opens full-screen on a phone, square-cornered, its Close button a 44-px target over no launcher', async () => {
    await setViewport({ width: 375, height: 740 });
    try {
      const { widget } = await launcherWithBob();
      launcherOf(widget).click();
      await widget.updateComplete;
      const panel = panelOf(widget);
      const box = panel.getBoundingClientRect();
      expect([box.left, box.top, box.width, box.height]).to.deep.equal([0, 0, 375, 740]);
      expect(getComputedStyle(panel).borderRadius).to.equal('0px');
      expect(launcherOf(widget).checkVisibility(), 'the launcher would cover the Send button').to.equal(false);
      const close = part(widget, 'close')!.getBoundingClientRect();
      expect(Math.min(close.width, close.height)).to.be.at.least(44);
      part(widget, 'close')!.click();
      await widget.updateComplete;
      expect(launcherOf(widget).checkVisibility(), 'back when closed').to.equal(true);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('passes an accessibility audit closed with unread messages, and open, light and dark', async () => {
    for (const theme of ['light', 'dark']) {
      const { widget, bob } = await launcherWithBob({ theme });
      await bob.send(textFrom('bob', 'ping'));
      await waitUntil(() => badgeText(widget) === '1', 'badge');
      await expect(widget).to.be.accessible();
      widget.open = true;
      await widget.updateComplete;
      await expect(widget).to.be.accessible();
    }
  });
});
