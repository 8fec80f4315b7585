// The drop-in build's Uppy locale (src/shims/uppy-locale.ts): every string the shipped @uppy/core
// modules ask for is there, as Uppy words it; and its table of types by extension is out. Needs
// `npm run build` first (npm test does it).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import shim from '../../src/shims/uppy-locale.ts';

const DIST = resolve(import.meta.dirname, '../../dist');
/** @uppy/core's own locale (its package does not export the module: found beside its entry). */
const uppyLocale = (await import(pathToFileURL(join(dirname(fileURLToPath(import.meta.resolve('@uppy/core'))), 'locale.js')).href)).default as { strings: Record<string, unknown> };

/** The @uppy/core modules the drop-in build ships, from its source maps. */
function shippedUppyCoreModules(): string[] {
  const maps = readdirSync(join(DIST, 'chunks')).filter((file) => file.endsWith('.js.map'));
  const sources = maps.flatMap((file) => (JSON.parse(readFileSync(join(DIST, 'chunks', file), 'utf8')) as { sources: string[] }).sources.map((source) => resolve(DIST, 'chunks', source)));
  return [...new Set(sources.filter((source) => /[\\/]node_modules[\\/]@uppy[\\/]core[\\/]/.test(source)))];
}

describe("the drop-in build's Uppy locale", () => {
  it('has every string the shipped @uppy/core modules ask for, word for word, and no other', () => {
    const modules = shippedUppyCoreModules();
    assert.ok(modules.some((module) => module.endsWith('Uppy.js')), `Uppy.js ships: ${modules.join(', ')}`);
    assert.ok(!modules.some((module) => module.endsWith('locale.js')), 'the shim replaces @uppy/core/lib/locale.js');
    assert.ok(!modules.some((module) => module.endsWith('mimeTypes.js')), 'and its table of types by extension (the widget always gives a type)');
    const asked = new Set(modules.flatMap((module) => [...readFileSync(module, 'utf8').matchAll(/(?:i18n|i18nArray|getI18n\(\))\(\s*'(\w+)'/g)].map((match) => match[1]!)));
    const expected = Object.fromEntries([...asked].sort().map((key) => [key, uppyLocale.strings[key]]));
    assert.ok(asked.size >= 8, `found the strings asked for: ${[...asked].join(', ')}`);
    assert.deepEqual(shim.strings, expected);
  });
});
