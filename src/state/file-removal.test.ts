import { expect } from '@open-wc/testing';
import { createChatStore, type ChatStore } from './chat-store.ts';
import { MemoryHub, MemoryTransport } from '../transport/memory.ts';
import { memoryOutboxStorage } from './outbox-storage.ts';
import { TransferError, type UploadHandler } from '../upload/handler.ts';
import { FORGOTTEN_FILES_MARK } from './file-sender.ts';
import type { FileKeeper, KeptFile } from './file-keeper.ts';
import { makeRandomFile, until } from '../../test/helpers/files.ts';

/**
 * A keeper holding its files in `rows`, which outlive a page as IndexedDB does. `isGoingAway`: the
 * page goes away before any removal it asks for is committed.
 */
function keeperOver(rows: Map<string, KeptFile>, isGoingAway = false): FileKeeper & { removals: string[] } {
  const removals: string[] = [];
  return {
    removals,
    keep: async (message, file) => {
      rows.set(message.id, { message, file });
      return true;
    },
    load: async (room, userId) => [...rows.values()].filter(({ message }) => message.room === room && message.sender.id === userId),
    remove: (id) => {
      removals.push(id);
      if (isGoingAway) return new Promise<void>(() => {});
      rows.delete(id);
      return Promise.resolve();
    },
  };
}

/** An upload that is refused for good: the file fails at once. */
const refusingUpload: UploadHandler = async () => {
  throw new TransferError('400 from the storage', { status: 400 });
};

const stores: ChatStore[] = [];
function pageWith(hub: MemoryHub, keeper: FileKeeper): ChatStore {
  const store = createChatStore({ transport: new MemoryTransport(hub), room: 'demo', user: { id: 'alice' }, upload: refusingUpload, fileKeeper: keeper, outboxStorage: memoryOutboxStorage() });
  stores.push(store);
  return store;
}
const shownIds = (store: ChatStore) => store.$entries.get().map((entry) => entry.message.id);

describe('a failed file removed just before a reload', () => {
  beforeEach(() => localStorage.removeItem(FORGOTTEN_FILES_MARK));
  afterEach(() => stores.splice(0).forEach((store) => store.stop()));

  it('does not come back, though the page went away before the keeper committed its removal', async () => {
    const rows = new Map<string, KeptFile>();
    const hub = new MemoryHub();
    const first = pageWith(hub, keeperOver(rows, true));
    await first.start();
    const [message] = await first.sendFiles([{ file: makeRandomFile('report.pdf', 1000) }]);
    const id = message!.id;
    await until(() => first.$uploads.get()[id]?.status === 'failed', 5000, 'the upload to fail');

    first.cancelUpload(id);
    expect(shownIds(first)).not.to.include(id);
    expect(rows.has(id), 'the keeper still holds it: the removal never landed').to.equal(true);

    const keeper = keeperOver(rows);
    const reloaded = pageWith(hub, keeper);
    await reloaded.start();
    expect(shownIds(reloaded), 'not shown after the reload').not.to.include(id);
    expect(reloaded.$uploads.get()[id]).to.equal(undefined);
    expect(keeper.removals, 'the reloaded page finishes the removal').to.deep.equal([id]);
    await until(() => localStorage.getItem(FORGOTTEN_FILES_MARK) === null, 2000, 'the note to be cleared');
    expect(rows.has(id)).to.equal(false);
  });
});
