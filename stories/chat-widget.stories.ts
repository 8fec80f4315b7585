import { html, type TemplateResult } from 'lit';
import '../src/define.ts';
import { MemoryHub, MemoryTransport } from '../src/transport/memory.ts';
import type { ChatTransport } from '../src/transport/transport.ts';
import { argsOf, props } from './controls.ts';
import type { Args, Meta, Story } from './story-helpers.ts';
import { conversation } from './story-helpers.ts';

export default {
  title: 'Chatdrop/Chat widget',
  component: 'chat-widget',
  tags: ['autodocs'],
  // `transport` empty: the story's in-memory room; a string (`broadcast:NAME`, `ws://…`) connects there instead.
  args: argsOf('chat-widget', { room: 'demo', user: 'me', heading: 'Demo room', transport: undefined }),
  argTypes: { transport: { control: 'text' } },
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

/** A widget from a story's controls, joined to `transport` (by default a room holding the demo conversation). */
const widget = (args: Args, transport: () => ChatTransport = () => new MemoryTransport(hubWithConversation())) =>
  html`<chat-widget ${props(args)} .transport=${(args.transport as string | undefined) || transport()}></chat-widget>`;

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
  args: { room: 'story', user: 'alice', heading: 'Alice', transport: 'broadcast:storybook' },
  render: (args) => html`
    <div style="display: grid; grid-template-columns: 1fr 1fr; gap: 1rem">
      ${widget(args)}
      <chat-widget room="story" user="bob" heading="Bob" transport="broadcast:storybook"></chat-widget>
    </div>
  `,
};

export const WithHistory: Story = {
  name: 'Joined a room with history',
  render: (args) => widget(args),
};

export const Offline: Story = {
  args: { heading: 'Offline' },
  render: (args) =>
    widget(args, () => {
      const transport = new MemoryTransport(hubWithConversation());
      transport.setReachable(false);
      return transport;
    }),
};

export const LauncherClosed: Story = {
  name: 'Launcher, closed, with unread messages',
  args: { mode: 'launcher' },
  render: (args) => page(widget(args)),
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
  args: { mode: 'launcher', open: true, theme: 'dark' },
  render: (args) => page(widget(args), 'background: #010409'),
};

export const Dark: Story = {
  name: 'Dark (theme="dark")',
  args: { theme: 'dark' },
  render: (args) => html`<div style="background: #010409; padding: 1rem">${widget(args)}</div>`,
};

export const Light: Story = {
  name: 'Light (theme="light", whatever the system prefers)',
  args: { theme: 'light' },
  render: (args) => widget(args),
};

export const RightToLeft: Story = {
  name: 'Right to left (dir="rtl")',
  render: (args) => html`<div dir="rtl" lang="ar">${widget(args)}</div>`,
};

export const German: Story = {
  name: 'German (locale="de")',
  args: { locale: 'de' },
  render: (args) => widget(args),
};

export const PhoneWidth: Story = {
  name: 'Phone width (360px)',
  render: (args) => html`<div style="width: 360px">${widget(args)}</div>`,
};
