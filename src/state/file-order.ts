import type { ChatMessage } from '../model/message.ts';

/**
 * Keeps file messages in the order they were sent: a file whose upload finished waits to be
 * emitted until every file sent before it has been emitted, has failed, or was cancelled.
 * Uploads still run side by side; only the emission waits. Text is never held back.
 */
export function createFileOrder(emit: (message: ChatMessage) => void) {
  const sent: string[] = [];
  const uploaded = new Map<string, ChatMessage>();

  const release = () => {
    while (sent.length > 0 && uploaded.has(sent[0]!)) {
      const id = sent.shift()!;
      emit(uploaded.get(id)!);
      uploaded.delete(id);
    }
  };

  return {
    /** A file was sent by the user: it takes its turn now. */
    sent(id: string): void {
      sent.push(id);
    },
    /** Its upload finished: emit it as soon as its turn comes (at once if it no longer has one). */
    uploaded(message: ChatMessage): void {
      if (!sent.includes(message.id)) {
        emit(message);
        return;
      }
      uploaded.set(message.id, message);
      release();
    },
    /** Its upload failed or was cancelled: it gives up its turn (a retry is emitted when it finishes). */
    dropped(id: string): void {
      const index = sent.indexOf(id);
      if (index >= 0) sent.splice(index, 1);
      release();
    },
  };
}

/** The order of a store's file messages: see `createFileOrder`. */
export type FileOrder = ReturnType<typeof createFileOrder>;
