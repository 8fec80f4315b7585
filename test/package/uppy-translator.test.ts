// The drop-in build's Uppy translator (src/shims/uppy-translator.ts) says what @uppy/core's says,
// for every string of Uppy's English locale, singular and plural, and for missing keys.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Shim from '../../src/shims/uppy-translator.ts';

const core = dirname(fileURLToPath(import.meta.resolve('@uppy/core')));
const Uppy = (await import(pathToFileURL(join(core, 'utils/Translator.js')).href)).default as typeof Shim;
const { default: locale } = (await import(pathToFileURL(join(core, 'locale.js')).href)) as { default: { strings: Record<string, unknown> } };

/** Values for every placeholder. */
const values = { smart_count: 1, count: 3, file: 'a file.png', fileName: 'b.pdf', size: '5 MB', sizeAllowed: '1 MB', types: 'image/*' };

describe("the drop-in build's Uppy translator", () => {
  it("says what Uppy's says for every string of its English locale", () => {
    const [ours, uppys] = [new Shim([locale as never, { strings: { extra: 'only %{file}, not %{missing} nor %{constructor}' } }]), new Uppy([locale as never, { strings: { extra: 'only %{file}, not %{missing} nor %{constructor}' } }])];
    for (const key of [...Object.keys(locale.strings), 'extra']) {
      for (const smart_count of [0, 1, 2]) {
        assert.deepEqual(ours.translateArray(key, { ...values, smart_count }), [uppys.translate(key, { ...values, smart_count })], key);
      }
    }
  });

  it('puts a value with `$` in as it is (Uppy 6.3 doubles it)', () => {
    assert.equal(new Shim([locale as never]).translate('failedToUpload', { file: 'a $1 $$ file.png' }), 'Failed to upload a $1 $$ file.png');
  });

  it('reports a missing key and says the key; a plural without a count fails', () => {
    const missing: string[] = [];
    const translator = new Shim([locale as never], { onMissingKey: (key) => void missing.push(key) });
    assert.equal(translator.translate('nothingLikeIt'), 'nothingLikeIt');
    assert.deepEqual(missing, ['nothingLikeIt']);
    assert.throws(() => new Shim([locale as never]).translate('nothingLikeIt'), /missing string: nothingLikeIt/);
    assert.throws(() => translator.translate('youCanOnlyUploadX'), /smart_count/);
  });
});
