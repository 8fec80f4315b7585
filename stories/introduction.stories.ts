import { html } from 'lit';
import '../src/define.ts';
import type { Meta, Story } from './story-helpers.ts';
import { conversation, mediaUrl } from './story-helpers.ts';

/** The gallery's first page: what Chatdrop is, its elements, and where to look next. */
export default {
  title: 'Introduction',
  parameters: { layout: 'fullscreen', controls: { disable: true }, actions: { disable: true } },
} satisfies Meta;

/** Each element, the story that shows it best, and what it is for. */
const ELEMENTS = [
  ['chat-widget', 'chatdrop-chat-widget--with-history', 'The whole chat: it connects to a room, keeps the messages and the outbox, and lays out a thread and a composer, inline or behind a launcher button.'],
  ['chat-thread', 'chatdrop-chat-thread--mixed-conversation', 'The messages of a room, virtualized for long histories, with day labels, scroll-back and a "new messages" button.'],
  ['file-bubble', 'chatdrop-file-bubble--image-with-thumbnail', 'One file: its preview (thumbnail, video poster, audio, document icon), its upload or download progress, Retry and Download.'],
  ['file-album', 'chatdrop-file-album--photos-and-a-video', 'Images and videos sent together, as one grid: a tile opens its image large or plays its video.'],
  ['file-composer', 'chatdrop-file-composer--with-staged-files', 'Text and files to send: pick, drop or paste files, add a caption, and send. It never uploads by itself.'],
  ['text-bubble', 'chatdrop-text-bubble--theirs', 'One text message, shown as text (never HTML), with its delivery state.'],
  ['chat-lightbox', 'chatdrop-lightbox--open', "The thread's images, one at a time over the whole window: arrows, swipe, zoom, download."],
] as const;

export const Welcome: Story = {
  render: () => html`
    <style>
      .intro { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; font: 16px/1.55 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1f2328; }
      .intro h1 { font-size: 2rem; margin: 0 0 0.25rem; }
      .intro h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; }
      .intro .lede { font-size: 1.125rem; color: #424a53; margin: 0 0 1.5rem; }
      .intro a { color: #0550ae; }
      .intro code { font: 0.9em ui-monospace, SFMono-Regular, Menlo, monospace; background: #eff1f3; padding: 0.1em 0.3em; border-radius: 4px; }
      .intro dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.5rem 1rem; margin: 0; }
      .intro dt { font-weight: 600; }
      .intro dd { margin: 0; }
      .intro .demo { display: grid; grid-template-columns: 1fr; gap: 1rem; margin: 1rem 0; }
      .intro pre { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 0.75rem 1rem; overflow: auto; }
      .intro pre code { background: none; padding: 0; }
      @media (max-width: 40rem) { .intro dl { grid-template-columns: 1fr; } .intro dd { margin-block-end: 0.5rem; } }
    </style>
    <main class="intro">
      <h1>Chatdrop</h1>
      <p class="lede">A drop-in chat widget made of Web Components, with file messages as its strongest feature: a file
        travels out of band to your server, and the message carries only its address and a thumbnail, so messages never
        wait for large files.</p>
      <div class="demo">
        <chat-thread user-id="me" style="--chat-thread-height: 18rem" .messages=${conversation}></chat-thread>
      </div>
      <h2>Put it on a page</h2>
      <pre><code>&lt;script type="module" src="chatdrop.js"&gt;&lt;/script&gt;
&lt;chat-widget room="demo" user="me" transport="wss://chat.example/relay"
  upload-endpoint="/uploads"&gt;&lt;/chat-widget&gt;</code></pre>
      <h2>The elements</h2>
      <dl>
        ${ELEMENTS.map(([tag, story, text]) => html`
          <dt><a href=${`./?path=/story/${story}`} target="_top"><code>&lt;${tag}&gt;</code></a></dt>
          <dd>${text}</dd>`)}
      </dl>
      <h2>Using this gallery</h2>
      <p>Every element has stories for its states, in light and dark, right to left and in German. The
        <strong>Controls</strong> panel lists each element's properties, read from the Custom Elements Manifest that
        the elements' own documentation generates; changing a control changes the property. The sample media
        (<a href=${mediaUrl('beach.jpg')}>photos</a>, a transparent PNG, a short video and a voice note) are made by the
        repository's fixture script, <code>npm run fixtures</code>.</p>
      <p>Theme every element at once with <code>--chat-*</code> custom properties, style pieces with
        <code>::part()</code>, and give your own words with the <code>strings</code> property or <code>locale</code>.</p>
    </main>
  `,
};
