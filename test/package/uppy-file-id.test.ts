// The drop-in build's Uppy file ids (src/shims/uppy-file-id.ts): Uppy's exports, and ids that
// are never the same, even for the same file added again to the same Uppy.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as shim from '../../src/shims/uppy-file-id.ts';

const uppy = (await import(pathToFileURL(join(dirname(fileURLToPath(import.meta.resolve('@uppy/core'))), 'utils/generateFileID.js')).href)) as typeof shim;

describe("the drop-in build's Uppy file ids", () => {
  it("has Uppy's exports, and gives each file added an id of its own, prefixed by the Uppy's", () => {
    assert.deepEqual(Object.keys(shim).sort(), Object.keys(uppy).sort());
    const file = { name: 'photo.png', type: 'image/png', data: { size: 10, lastModified: 1 } };
    const ids = [shim.getSafeFileId(file, 'uppy-a'), shim.getSafeFileId(file, 'uppy-a'), shim.default(file, 'uppy-b'), shim.default(file)];
    assert.equal(new Set(ids).size, ids.length, ids.join(', '));
    assert.deepEqual(ids.map((id) => id.replace(/-\d+$/, '')), ['uppy-a', 'uppy-a', 'uppy-b', 'uppy']);
  });
});
