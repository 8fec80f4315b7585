// A Vue 3 page embedding <chat-widget> in a template: attributes and properties bound by Vue (a
// transport object and a download handler among them), events received by `@chat-…` listeners
// and shown in the page.
import { createApp, defineComponent, ref } from 'vue';
import { WebSocketTransport, fetchDownload, type DownloadHandler, type RefusedFile, type SendDetail } from '../../../src/define.ts';
import { VUE_ACCEPT, downloadEntry, pageSettings, refusedEntry, sendEntry, type LogEntry } from '../page.ts';

const App = defineComponent({
  setup() {
    const settings = pageSettings();
    // Made once, outside reactive state: the widget reconnects when given another transport.
    const transport = new WebSocketTransport(`${settings.server}/ws`);
    const downloads = ref(0);
    const log = ref<LogEntry[]>([]);
    const downloadHandler: DownloadHandler = (attachment, options) => {
      downloads.value++;
      return fetchDownload(attachment, options);
    };
    window.chatdropPage = { transport, downloadHandler };
    return {
      settings,
      accept: VUE_ACCEPT,
      transport,
      downloadHandler,
      downloads,
      log,
      onSend: (event: CustomEvent<SendDetail>) => log.value.push(sendEntry(event.detail)),
      onRefused: (event: CustomEvent<{ files: RefusedFile[] }>) => log.value.push(refusedEntry(event.detail)),
      onDownloadDone: async (event: CustomEvent<{ blob: Blob }>) => log.value.push(await downloadEntry(event.detail)),
    };
  },
  template: `
    <main>
      <chat-widget
        :room="settings.room"
        :user="settings.user"
        heading="Vue chat"
        :transport="transport"
        :upload-endpoint="settings.server + '/upload'"
        :downloadHandler="downloadHandler"
        :accept="accept"
        @chat-send="onSend"
        @chat-files-refused="onRefused"
        @chat-download-done="onDownloadDone"
      ></chat-widget>
      <p>Downloads through the page's handler: <output id="downloads">{{ downloads }}</output></p>
      <ol id="log">
        <li v-for="(entry, index) in log" :key="index" :data-event="entry.event" :data-sha256="entry.sha256">
          {{ entry.event }}: {{ entry.text }}
        </li>
      </ol>
    </main>
  `,
});

const app = createApp(App);
// Tags with a dash are custom elements, not Vue components.
app.config.compilerOptions.isCustomElement = (tag) => tag.includes('-');
app.mount('#app');
