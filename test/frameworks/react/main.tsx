// A React 19 page embedding <chat-widget> through the `chatdrop/react` wrapper: properties set
// from React (a transport object and an upload handler among them), events received by React
// handlers and shown in the page. It imports the package by its name, as a user would.
import { useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { WebSocketTransport, createUppyUploader, type UploadHandler } from 'chatdrop';
import { ChatWidget } from 'chatdrop/react';
import { REACT_MAX_FILE_SIZE, downloadEntry, pageSettings, refusedEntry, sendEntry, type LogEntry } from '../page.ts';

const settings = pageSettings();
const upload = createUppyUploader({ endpoint: `${settings.server}/upload` });

function App() {
  // Made once: a new transport or handler object would make the widget reconnect.
  const [transport] = useState(() => new WebSocketTransport(`${settings.server}/ws`));
  const [uploads, setUploads] = useState(0);
  const [log, setLog] = useState<LogEntry[]>([]);
  const append = (entry: LogEntry) => setLog((entries) => [...entries, entry]);
  const uploadHandler = useCallback<UploadHandler>((file, options) => {
    setUploads((count) => count + 1);
    return upload(file, options);
  }, []);

  useEffect(() => {
    window.chatdropPage = { transport, uploadHandler };
  }, [transport, uploadHandler]);

  return (
    <main>
      <ChatWidget
        room={settings.room}
        user={settings.user}
        heading="React chat"
        transport={transport}
        uploadHandler={uploadHandler}
        maxFileSize={REACT_MAX_FILE_SIZE}
        onChatSend={(event) => append(sendEntry(event.detail))}
        onChatFilesRefused={(event) => append(refusedEntry(event.detail))}
        onChatDownloadDone={(event) => void downloadEntry(event.detail).then(append)}
      />
      <p>
        Uploads through the page's handler: <output id="uploads">{uploads}</output>
      </p>
      <ol id="log">
        {log.map((entry, index) => (
          <li key={index} data-event={entry.event} data-sha256={entry.sha256}>
            {entry.event}: {entry.text}
          </li>
        ))}
      </ol>
    </main>
  );
}

createRoot(document.getElementById('app')!).render(<App />);
