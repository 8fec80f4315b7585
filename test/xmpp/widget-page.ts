// The page of widget.test.ts (bundled with esbuild): every element defined, and a host function
// that puts a <chat-widget> on XMPP as a page would, with nothing but the `transport="xmpp:…"`
// attribute and the `xmppPassword` property: the widget itself picks the XEP-0363 uploader and
// makes the server's upload limit the composer's.
import '../../src/define.ts';
import type { ChatWidget } from '../../src/elements/chat-widget/chat-widget.ts';

interface ChatOptions {
  service: string;
  domain: string;
  username: string;
  password: string;
  room: string;
}

function startChat({ service, domain, username, password, room }: ChatOptions): void {
  const widget = document.createElement('chat-widget') as ChatWidget;
  widget.room = room;
  widget.user = username;
  widget.xmppPassword = password;
  widget.setAttribute('transport', `xmpp:${service}?${new URLSearchParams({ domain, username })}`);
  document.body.append(widget);
}

Object.assign(globalThis, { startChat });
