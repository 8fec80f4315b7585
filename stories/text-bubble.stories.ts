import { html } from 'lit';
import '../src/define.ts';
import { de } from '../src/elements/locales/de.ts';
import type { ChatMessage } from '../src/model/message.ts';
import { argsOf, props } from './controls.ts';
import type { Args, Meta, Story } from './story-helpers.ts';

const message: ChatMessage = { id: 'm1', room: 'demo', sender: { id: 'alice', name: 'Alice' }, createdAt: Date.now(), text: 'Are we still on for lunch tomorrow?' };
const mine: ChatMessage = { ...message, sender: { id: 'me' }, text: 'Yes! 12:30 at the usual place.' };

export default {
  title: 'Chatdrop/Text bubble',
  component: 'text-bubble',
  tags: ['autodocs'],
  args: argsOf('text-bubble', { message }),
  argTypes: { delivery: { control: 'radio', options: ['sending', 'sent', 'failed'] } },
} satisfies Meta;

/** One bubble with every property from the story's controls; in a story of several, the first. */
const bubble = (args: Args) => html`<text-bubble ${props(args)}></text-bubble>`;

/** Theirs (from the story's controls), mine, sending and not sent, one under the other. */
const conversation = (args: Args) => html`
  ${bubble(args)}
  <text-bubble .message=${mine} mine delivery="sent"></text-bubble>
  <text-bubble .message=${mine} mine delivery="sending"></text-bubble>
  <text-bubble .message=${mine} mine delivery="failed"></text-bubble>
`;

export const Theirs: Story = {
  render: bubble,
};

export const Mine: Story = {
  args: { message: mine, isMine: true },
  render: bubble,
};

export const Sending: Story = {
  args: { message: { ...message, sender: { id: 'me' } }, isMine: true, delivery: 'sending' },
  render: bubble,
};

export const Failed: Story = {
  args: { message: { ...message, sender: { id: 'me' } }, isMine: true, delivery: 'failed' },
  render: bubble,
};

export const LongWordsAndLines: Story = {
  args: { message: { ...message, text: `First line\nSecond line\n${'https://example.com/a/very/long/path/'.repeat(4)}` } },
  render: bubble,
};

export const Dark: Story = {
  render: (args) => html`<div style="--chat-color-scheme: dark; background: #0d1117; padding: 1rem">${conversation(args)}</div>`,
};

export const RightToLeft: Story = {
  name: 'Right to left (mine on the left)',
  args: { message: { ...message, sender: { id: 'layla', name: 'ليلى' }, text: 'هل ما زلنا على موعد الغداء غدًا؟' } },
  render: (args) => html`<div dir="rtl" lang="ar">
    ${bubble(args)}
    <text-bubble .message=${{ ...mine, text: 'نعم! الساعة 12:30 في المكان المعتاد.' }} mine delivery="sent"></text-bubble>
  </div>`,
};

export const German: Story = {
  name: 'German (strings = de)',
  args: { message: { ...mine, text: 'Bis morgen!' }, isMine: true, delivery: 'sending', strings: de },
  render: (args) => html`<div lang="de">
    ${bubble(args)}
    <text-bubble .message=${{ ...mine, text: 'Hallo?' }} mine delivery="failed" .strings=${de}></text-bubble>
  </div>`,
};

const zalgo = [...'Zalgo is here'].map((char) => char + '\u0336\u0321\u0322\u0327\u0328\u031b\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308').join('');

export const HostileText: Story = {
  name: 'Hostile text from the wire (markup, javascript:, Markdown, Zalgo)',
  args: { message: { ...message, sender: { id: 'eve', name: '<img src=x onerror=alert(1)>**Eve**' }, text: '<img src=x onerror=alert(1)><script>alert(2)</script>' } },
  render: (args) => html`
    ${bubble(args)}
    <text-bubble .message=${{ ...message, text: 'javascript:alert(1)\n[click me](javascript:alert(1)) **bold** <a href="javascript:alert(1)">link</a>' }}></text-bubble>
    <text-bubble .message=${{ ...message, text: zalgo }}></text-bubble>
  `,
};

export const VeryLongText: Story = {
  name: 'A 100 KB text (scrolls inside the bubble)',
  args: { message: { ...message, text: 'A long line of chat text that goes on and on. '.repeat(2200) } },
  render: bubble,
};
