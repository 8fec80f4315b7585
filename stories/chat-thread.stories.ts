import { html } from 'lit';
import '../src/define.ts';
import type { Meta, Story } from './story-helpers.ts';
import { conversation, report } from './story-helpers.ts';

export default { title: 'Chatdrop/Chat thread', component: 'chat-thread', tags: ['autodocs'] } satisfies Meta;

export const Empty: Story = {
  render: () => html`<chat-thread .messages=${[]}></chat-thread>`,
};

export const MixedConversation: Story = {
  render: () => html`<chat-thread user-id="me" style="--chat-thread-height: 28rem" .messages=${conversation}></chat-thread>`,
};

export const WithTransfers: Story = {
  name: 'With an upload and a download in progress',
  render: () => html`<chat-thread
    user-id="me"
    .messages=${[...conversation, { id: 'c7', room: 'demo', sender: { id: 'me' }, createdAt: Date.now(), attachments: [{ ...report, url: '', name: 'slides.pdf' }] }]}
    .uploads=${{ c7: { status: 'uploading', sent: 3_000_000, total: report.size } }}
    .downloads=${{ 'c3/0': { status: 'downloading', received: 900_000, total: 1_850_000 } }}
  ></chat-thread>`,
};
