import { html } from 'lit';
import '../src/define.ts';
import { MemoryHub, MemoryTransport } from '../src/transport/memory.ts';
import type { Meta, Story } from './story-helpers.ts';
import { conversation } from './story-helpers.ts';

export default { title: 'Chatdrop/Chat widget', component: 'chat-widget', tags: ['autodocs'] } satisfies Meta;

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
  render: () => html`<chat-widget room="demo" user="me" heading="Demo room" .transport=${new MemoryTransport(hubWithConversation())}></chat-widget>`,
};

export const Offline: Story = {
  render: () => {
    const transport = new MemoryTransport(hubWithConversation());
    transport.setReachable(false);
    return html`<chat-widget room="demo" user="me" heading="Offline" .transport=${transport}></chat-widget>`;
  },
};
