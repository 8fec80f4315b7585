import { html } from 'lit';
import '../src/define.ts';
import type { ChatMessage } from '../src/model/message.ts';
import type { Args, Meta, Story } from './story-helpers.ts';
import { conversation, photo, report } from './story-helpers.ts';

export default {
  title: 'Chatdrop/Chat thread',
  component: 'chat-thread',
  tags: ['autodocs'],
  args: { userId: 'me', messages: conversation, uploads: {}, downloads: {} },
} satisfies Meta;

/** A thread with every property from the story's controls. */
const thread = (args: Args) => html`<chat-thread user-id=${args.userId} style="--chat-thread-height: 28rem" .messages=${args.messages}
  .uploads=${args.uploads} .downloads=${args.downloads} .strings=${args.strings}></chat-thread>`;

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
  render: thread,
};

export const MixedConversation: Story = {
  render: thread,
};

export const WithTransfers: Story = {
  name: 'With an upload and a download in progress',
  args: {
    messages: [...conversation, { id: 'c7', room: 'demo', sender: { id: 'me' }, createdAt: Date.now(), attachments: [{ ...report, url: '', name: 'slides.pdf' }] }],
    uploads: { c7: { status: 'uploading', sent: 3_000_000, total: report.size } },
    downloads: { 'c3/0': { status: 'downloading', received: 9_000, total: 18_071 } },
  },
  render: thread,
};

export const LongHistory: Story = {
  name: '10,000 messages over three days (virtualized)',
  render: () => html`<chat-thread user-id="me" style="--chat-thread-height: 32rem" .messages=${history(10_000)}></chat-thread>`,
};

export const LoadsOlderHistory: Story = {
  name: 'Loads older history at the top, keeping the reader in place',
  render: () => {
    let loaded = 0;
    const onLoadOlder = (event: Event) => {
      const thread = event.currentTarget as HTMLElement & { messages: ChatMessage[] };
      if (loaded >= 5) return;
      loaded++;
      setTimeout(() => (thread.messages = [...history(50, `older${loaded}-`).map((message) => ({ ...message, createdAt: message.createdAt - loaded * 4 * DAY })), ...thread.messages]), 300);
    };
    return html`<chat-thread user-id="me" style="--chat-thread-height: 28rem" .messages=${history(60)} @chat-load-older=${onLoadOlder}></chat-thread>`;
  },
};

export const NewMessagesWhileScrolledUp: Story = {
  name: 'New messages while scrolled up (the "N new messages" button)',
  render: () => html`<chat-thread user-id="me" style="--chat-thread-height: 28rem" .messages=${history(200)}></chat-thread>`,
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
