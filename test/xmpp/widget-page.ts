// The page of widget.test.ts (bundled with esbuild): every element defined, and a host function
// that puts a <chat-widget> on XMPP as a page would, with the XEP-0363 uploader and the server's
// upload limit as the composer's.
import '../../src/define.ts';
import { XmppTransport } from '../../src/transport/xmpp/xmpp-transport.ts';
import { createXmppUploader } from '../../src/upload/xmpp-upload.ts';
import type { ChatWidget } from '../../src/elements/chat-widget/chat-widget.ts';

interface ChatOptions {
  service: string;
  domain: string;
  username: string;
  password: string;
  room: string;
}

function startChat({ service, domain, username, password, room }: ChatOptions): void {
  const transport = new XmppTransport({ service, domain, username, password });
  const widget = document.createElement('chat-widget') as ChatWidget;
  widget.room = room;
  widget.user = username;
  widget.transport = transport;
  widget.uploadHandler = createXmppUploader(transport);
  transport.addEventListener('status', () => (widget.maxFileSize = transport.maxFileSize));
  document.body.append(widget);
}

Object.assign(globalThis, { startChat });
