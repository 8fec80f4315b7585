import { html, nothing, type TemplateResult } from 'lit';
import '../src/define.ts';
import type { ChatWidget } from '../src/elements/chat-widget/chat-widget.ts';
import { MemoryHub, MemoryTransport } from '../src/transport/memory.ts';
import type { Args, Meta, Story } from './story-helpers.ts';
import { conversation } from './story-helpers.ts';

export default {
  title: 'Chatdrop/Chat widget',
  component: 'chat-widget',
  tags: ['autodocs'],
  args: { heading: 'Demo room', mode: 'inline', position: 'bottom-right', open: false, theme: undefined, locale: 'en', autoDownloadImagesUpTo: 10_000_000 },
} satisfies Meta;

/** A hub already holding a conversation, as a relay would on join. */
function hubWithConversation(): MemoryHub {
  const hub = new MemoryHub();
  const room = hub.room('demo');
  conversation.forEach((message, index) => {
    room.messages.push({ ...message, room: 'demo', seq: index + 1 });
    room.seqById.set(message.id, index + 1);
  });
  return hub;
}

/** A widget joined to the demo conversation; `attributes` (a story's controls) set heading, mode, theme, locale… */
const demoWidget = (attributes: Partial<Pick<ChatWidget, 'heading' | 'mode' | 'position' | 'theme' | 'locale' | 'open' | 'autoDownloadImagesUpTo'>> = {}) => html`<chat-widget
  room="demo" user="me" heading=${attributes.heading ?? 'Demo room'} mode=${attributes.mode ?? 'inline'} position=${attributes.position ?? nothing}
  theme=${attributes.theme ?? nothing} locale=${attributes.locale ?? 'en'} ?open=${attributes.open ?? false}
  .autoDownloadImagesUpTo=${attributes.autoDownloadImagesUpTo ?? 10_000_000} .transport=${new MemoryTransport(hubWithConversation())}></chat-widget>`;

/** The demo widget from a story's controls. */
const widget = (args: Args) => demoWidget(args);

/** A box standing in for the page: its transform holds the launcher's fixed position inside it. */
const page = (content: TemplateResult, style = '') =>
  html`<div style="position: relative; height: 42rem; transform: translateZ(0); border: 1px dashed #8c959f; ${style}">${content}</div>`;

/** Waits for `check`, as a person would look again a moment later. */
async function until(check: () => unknown): Promise<void> {
  for (let tries = 0; tries < 200 && !check(); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Two widgets in one page talking over a BroadcastChannel: no server needed. */
export const TwoPeople: Story = {
  name: 'Two people (BroadcastChannel)',
  render: () => html`
    <div style="display: grid; grid-template-columns: 1fr 1fr; gap: 1rem">
      <chat-widget room="story" user="alice" heading="Alice" transport="broadcast:storybook"></chat-widget>
      <chat-widget room="story" user="bob" heading="Bob" transport="broadcast:storybook"></chat-widget>
    </div>
  `,
};

export const WithHistory: Story = {
  name: 'Joined a room with history',
  render: widget,
};

export const Offline: Story = {
  render: () => {
    const transport = new MemoryTransport(hubWithConversation());
    transport.setReachable(false);
    return html`<chat-widget room="demo" user="me" heading="Offline" .transport=${transport}></chat-widget>`;
  },
};

export const LauncherClosed: Story = {
  name: 'Launcher, closed, with unread messages',
  render: () => page(demoWidget({ mode: 'launcher' })),
  play: async ({ canvasElement }) => {
    const widget = canvasElement.querySelector('chat-widget')!;
    await until(() => widget.store?.transport.status === 'online');
    const alice = new MemoryTransport((widget.store!.transport as MemoryTransport).hub);
    await alice.connect({ room: 'demo', user: { id: 'alice', name: 'Alice' } });
    for (const text of ['Are you there?', 'I have news!']) {
      await alice.send({ id: crypto.randomUUID(), room: 'demo', sender: { id: 'alice', name: 'Alice' }, createdAt: Date.now(), text });
    }
    await until(() => widget.shadowRoot!.querySelector('[part="badge"]')?.textContent === '2');
  },
};

export const LauncherOpen: Story = {
  name: 'Launcher, open',
  args: { mode: 'launcher', open: true },
  render: (args) => page(widget(args)),
};

export const LauncherOpenDark: Story = {
  name: 'Launcher, open, dark',
  render: () => page(demoWidget({ mode: 'launcher', open: true, theme: 'dark' }), 'background: #010409'),
};

export const Dark: Story = {
  name: 'Dark (theme="dark")',
  render: () => html`<div style="background: #010409; padding: 1rem">${demoWidget({ theme: 'dark' })}</div>`,
};

export const Light: Story = {
  name: 'Light (theme="light", whatever the system prefers)',
  args: { theme: 'light' },
  render: widget,
};

export const RightToLeft: Story = {
  name: 'Right to left (dir="rtl")',
  render: () => html`<div dir="rtl" lang="ar">${demoWidget()}</div>`,
};

export const German: Story = {
  name: 'German (locale="de")',
  args: { locale: 'de' },
  render: widget,
};

export const PhoneWidth: Story = {
  name: 'Phone width (360px)',
  render: () => html`<div style="width: 360px">${demoWidget()}</div>`,
};
