import { html } from 'lit';
import '../src/define.ts';
import type { ChatMessage } from '../src/model/message.ts';
import type { Meta, Story } from './story-helpers.ts';

export default { title: 'Chatdrop/Text bubble', component: 'text-bubble', tags: ['autodocs'] } satisfies Meta;

const message: ChatMessage = { id: 'm1', room: 'demo', sender: { id: 'alice', name: 'Alice' }, createdAt: Date.now(), text: 'Are we still on for lunch tomorrow?' };

export const Theirs: Story = {
  render: () => html`<text-bubble .message=${message}></text-bubble>`,
};

export const Mine: Story = {
  render: () => html`<text-bubble .message=${{ ...message, sender: { id: 'me' }, text: 'Yes! 12:30 at the usual place.' }} mine delivery="sent"></text-bubble>`,
};

export const Sending: Story = {
  render: () => html`<text-bubble .message=${{ ...message, sender: { id: 'me' } }} mine delivery="sending"></text-bubble>`,
};

export const Failed: Story = {
  render: () => html`<text-bubble .message=${{ ...message, sender: { id: 'me' } }} mine delivery="failed"></text-bubble>`,
};

export const LongWordsAndLines: Story = {
  render: () => html`<text-bubble
    .message=${{ ...message, text: `First line\nSecond line\n${'https://example.com/a/very/long/path/'.repeat(4)}` }}
  ></text-bubble>`,
};
