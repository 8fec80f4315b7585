import { html } from 'lit';
import '../src/define.ts';
import type { ChatMessage } from '../src/model/message.ts';
import { argsOf, props } from './controls.ts';
import { clip, voice } from './media-samples.ts';
import type { Args, Meta, Story } from './story-helpers.ts';
import { conversation, photo, pictureOf, report } from './story-helpers.ts';

export default {
  title: 'Chatdrop/Chat thread',
  component: 'chat-thread',
  tags: ['autodocs'],
  args: argsOf('chat-thread', { userId: 'me', messages: conversation }),
} satisfies Meta;

/** A thread with every property from the story's controls, `height` high (a story's render passes only its args). */
const thread = (args: Args, height = '28rem') => html`<chat-thread style=${`--chat-thread-height: ${height}`} ${props(args)}></chat-thread>`;

const DAY = 24 * 60 * 60_000;
const SENDERS = [{ id: 'me' }, { id: 'alice', name: 'Alice' }, { id: 'bob', name: 'Bob' }];
const LINES = ['On my way.', 'Did you see the new figures?', 'Yes! Much better than last quarter.', 'Lunch at one?', 'Sounds good.\nSee you there.'];

/** `count` messages over the last days: mostly text, every tenth a photo, every tenth a file. */
function history(count: number, prefix = 'h'): ChatMessage[] {
  const start = Date.now() - 3 * DAY;
  const step = (3 * DAY) / count;
  return Array.from({ length: count }, (_, index) => {
    const base = { id: `${prefix}${index}`, room: 'demo', sender: SENDERS[Math.floor(index / 3) % SENDERS.length]!, createdAt: start + index * step };
    if (index % 10 === 3) return { ...base, attachments: [photo] };
    if (index % 10 === 7) return { ...base, attachments: [report] };
    return { ...base, text: LINES[index % LINES.length] };
  });
}

export const Empty: Story = {
  args: { messages: [] },
  render: (args) => thread(args),
};

export const MixedConversation: Story = {
  render: (args) => thread(args),
};

export const WithTransfers: Story = {
  name: 'With an upload and a download in progress',
  args: {
    messages: [...conversation, { id: 'c7', room: 'demo', sender: { id: 'me' }, createdAt: Date.now(), attachments: [{ ...report, url: '', name: 'slides.pdf' }] }],
    uploads: { c7: { status: 'uploading', sent: 3_000_000, total: report.size } },
    downloads: { 'c3/0': { status: 'downloading', received: 9_000, total: 18_071 } },
  },
  render: (args) => thread(args),
};

/** Files sent together, with the text typed with them: two photos, a video and a voice note. */
const album: ChatMessage[] = [
  { id: 'a1', room: 'demo', sender: { id: 'alice', name: 'Alice' }, createdAt: Date.now() - 60_000, group: 'trip', text: 'Best of the trip!' },
  { id: 'a2', room: 'demo', sender: { id: 'alice', name: 'Alice' }, createdAt: Date.now() - 60_000, group: 'trip', attachments: [pictureOf('harbour.jpg', 'Boats in the harbour at dusk')] },
  { id: 'a3', room: 'demo', sender: { id: 'alice', name: 'Alice' }, createdAt: Date.now() - 60_000, group: 'trip', attachments: [pictureOf('dunes.jpg', 'Dunes under a pale sky')] },
  { id: 'a4', room: 'demo', sender: { id: 'alice', name: 'Alice' }, createdAt: Date.now() - 60_000, group: 'trip', attachments: [{ ...clip, caption: undefined }] },
  { id: 'a5', room: 'demo', sender: { id: 'alice', name: 'Alice' }, createdAt: Date.now() - 60_000, group: 'trip', attachments: [voice] },
];

export const Album: Story = {
  name: 'Album: photos and a video as one grid, a voice note in the list',
  args: { messages: [...conversation.slice(0, 2), ...album] },
  render: (args) => thread(args),
};

export const Dark: Story = {
  name: 'Dark, with an album',
  args: { messages: [...conversation, ...album] },
  render: (args) => html`<div style="--chat-color-scheme: dark; background: #0d1117; padding: 1rem">${thread(args)}</div>`,
};

export const LightboxFromAnImage: Story = {
  name: "The lightbox, opened from a thread's image",
  args: { messages: [...conversation, { id: 'c7', room: 'demo', sender: { id: 'alice', name: 'Alice' }, createdAt: Date.now(), attachments: [{ ...photo, name: 'second.jpg' }] }] },
  render: (args) => thread(args),
  play: async ({ canvasElement }) => {
    const thread = canvasElement.querySelector('chat-thread')!;
    await thread.updateComplete;
    const bubble = thread.shadowRoot!.querySelector('file-bubble')!;
    await bubble.updateComplete;
    bubble.shadowRoot!.querySelector<HTMLButtonElement>('[part="open"]')!.click();
    await thread.updateComplete;
  },
};

export const LongHistory: Story = {
  name: '10,000 messages over three days (virtualized)',
  // The story makes its 10,000 messages itself: in its args, the Controls panel would list every one.
  args: { messages: undefined },
  render: (args) => thread({ ...args, messages: args.messages ?? history(10_000) }, '32rem'),
};

export const LoadsOlderHistory: Story = {
  name: 'Loads older history at the top, keeping the reader in place',
  args: { messages: history(60) },
  render: (args) => {
    let loaded = 0;
    const onLoadOlder = (event: Event) => {
      const thread = event.target as HTMLElement & { messages: ChatMessage[] };
      if (loaded >= 5) return;
      loaded++;
      setTimeout(() => (thread.messages = [...history(50, `older${loaded}-`).map((message) => ({ ...message, createdAt: message.createdAt - loaded * 4 * DAY })), ...thread.messages]), 300);
    };
    return html`<div @chat-load-older=${onLoadOlder}>${thread(args)}</div>`;
  },
};

export const NewMessagesWhileScrolledUp: Story = {
  name: 'New messages while scrolled up (the "N new messages" button)',
  args: { messages: history(200) },
  render: (args) => thread(args),
  play: async ({ canvasElement }) => {
    const thread = canvasElement.querySelector('chat-thread')!;
    await thread.updateComplete;
    await new Promise(requestAnimationFrame);
    thread.shadowRoot!.querySelector<HTMLElement>('[part="log"]')!.scrollTop = 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = Date.now();
    thread.messages = [
      ...thread.messages!,
      { id: 'n1', room: 'demo', sender: { id: 'alice', name: 'Alice' }, createdAt: now, text: 'Are you there?' },
      { id: 'n2', room: 'demo', sender: { id: 'bob', name: 'Bob' }, createdAt: now + 1, text: 'Look at the latest figures.' },
    ];
  },
};
