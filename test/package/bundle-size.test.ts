// The drop-in build's size, brotli: what a page loads before the first file, and everything the
// widget can ever load. Needs `npm run build` first (npm test does it).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { OutputAsset, OutputChunk } from 'rolldown';
// @ts-expect-error: a plain JavaScript module shared with the bench
import { BUDGETS, CEILINGS, measureBundle } from '../../scripts/bundle-sizes.mjs';
// @ts-expect-error: a plain JavaScript module (the build)
import { buildDropIn } from '../../scripts/build-drop-in.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

const DIST = join(ROOT, 'dist');
const { initial, total } = measureBundle(DIST) as { initial: number; total: number };
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe('the drop-in bundle', () => {
  it('loads each part when first needed: file code with the first file, Uppy with the first upload', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'chatdrop-drop-in-'));
    try {
      const chunks = ((await buildDropIn(folder)) as Array<OutputChunk | OutputAsset>).filter((output): output is OutputChunk => output.type === 'chunk');
      const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      /** The source modules that loading `fileName` brings in: its chunk and the chunks it imports statically, transitively. */
      const loadedWith = (fileName: string, seen = new Set<string>()): string[] => {
        if (seen.has(fileName)) return [];
        seen.add(fileName);
        const chunk = byName.get(fileName)!;
        return [...Object.keys(chunk.modules).map((id) => relative(ROOT, id)), ...chunk.imports.flatMap((imported) => loadedWith(imported, seen))];
      };
      const chunkOf = (prefix: string) => chunks.find((chunk) => chunk.fileName.startsWith(`chunks/${prefix}-`))!.fileName;
      const offending = (modules: string[], patterns: RegExp[]) => modules.filter((id) => patterns.some((pattern) => pattern.test(id)));

      assert.deepEqual(byName.get('chatdrop.js')!.imports, [], 'a chatting page loads chatdrop.js alone (one request)');
      const first = loadedWith('chatdrop.js');
      assert.ok(first.some((id) => id.endsWith('src/elements/chat-thread/chat-thread.ts')), 'the thread loads first');
      // What an element folder names (`*.names.ts`: its tag and parts) is tiny and loads first; its code does not.
      const later = [/file-bubble\/(?!.*\.names\.ts$)/, /file-composer\/(tray|staged-file|restrictions)/, /state\/(upload-queue|downloads|file-sender|file-order|file-message)/, /upload\/(uppy|describe|downloader|xmpp|hash|sha256|thumbnails)/, /transport\/broadcast/, /transport\/xmpp\/(?!deferred)/, /locales\/(de|en-file-)/, /chat-widget\/(launcher|unread|upload-announcer)/, /lightbox\/(?!.*\.names\.ts$)/, /chat-thread\/(thread-files|album)/, /upload\/save-file/, /model\/format/, /upload\/handler/, /lit-html\/directives\/(style-map|live|class-map)/, /@lit\/reactive-element\/decorators\//, /@lit\/context\/lib\/decorators/, /node_modules\/(@uppy|@xmpp|ltx|thumbhash)\//];
      assert.deepEqual(offending(first, later), [], 'code that should load later is in what loads first');

      const uploadCode = [/node_modules\/@uppy\//, /node_modules\/(@xmpp|ltx)\//, /upload\/xmpp-upload/];
      const files = loadedWith(chunkOf('files')).filter((id) => !first.includes(id));
      assert.ok(['elements/file-bubble/file-bubble', 'elements/file-album/file-album', 'state/file-sender', 'state/upload-queue'].every((name) => files.some((id) => id.endsWith(`src/${name}.ts`))), 'the file code (showing, attaching, sending) loads with the first file');
      assert.deepEqual(offending(files, uploadCode), [], 'the file code loads neither Uppy nor XMPP code');
      const chunkHolding = (module: string) => chunks.find((chunk) => Object.keys(chunk.modules).some((id) => id.endsWith(module)))!.fileName;
      assert.ok(loadedWith(chunkHolding('src/elements/file-composer/tray.ts')).some((id) => id.endsWith('src/state/file-sender.ts')), 'the file sender loads with the tray: a file that could be staged can be sent');
      assert.ok(loadedWith(chunkOf('uppy-modules')).some((id) => id.includes('node_modules/@uppy/core/')), 'Uppy is a chunk of its own');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("keeps the license notices of the code it bundles, each once per script", async () => {
    const script = await readFile(join(DIST, 'chatdrop.js'), 'utf8');
    const notices = script.match(/\/\*\*?\s*\*?\s*@license[\s\S]*?\*\//g) ?? [];
    assert.ok(notices.some((notice) => /Copyright 2017 Google LLC[\s\S]*BSD-3-Clause/.test(notice)), `Lit's notice: ${notices.join(' | ')}`);
    assert.equal(new Set(notices).size, notices.length, 'no notice twice');
  });

  it(`keeps everything it can load within its budget (${kb(BUDGETS.total)})`, () => {
    assert.ok(total <= BUDGETS.total, `everything: ${kb(total)}, budget ${kb(BUDGETS.total)}`);
  });

  // The first load's budget (22.5 KB) cannot be met without losing what a chat does before its first file
  // (docs/design-notes.md): the first load may not grow.
  it(`keeps what loads before the first file within its ceiling (budget ${kb(BUDGETS.initial)})`, () => {
    assert.ok(initial <= CEILINGS.initial, `before the first file: ${kb(initial)}, ceiling ${kb(CEILINGS.initial)}, budget ${kb(BUDGETS.initial)}`);
  });
});
