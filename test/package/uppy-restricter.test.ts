// The drop-in build's Uppy restrictions (src/shims/uppy-restricter.ts): the same exports and
// methods as @uppy/core's, no restriction by default, and a loud failure when one is set.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as shim from '../../src/shims/uppy-restricter.ts';

/** @uppy/core's own module (its package does not export it: found beside its entry). */
const uppy = (await import(pathToFileURL(join(dirname(fileURLToPath(import.meta.resolve('@uppy/core'))), 'Restricter.js')).href)) as typeof shim;

const methods = (constructor: abstract new (...args: never[]) => unknown) => Object.getOwnPropertyNames(constructor.prototype).filter((name) => name !== 'constructor').sort();
const restricter = (restrictions: Partial<typeof shim.defaultOptions> = {}) => new shim.Restricter(() => ({ restrictions: { ...shim.defaultOptions, ...restrictions } }));

describe("the drop-in build's Uppy restrictions", () => {
  it("has @uppy/core's exports, defaults and methods", () => {
    assert.deepEqual(Object.keys(shim).sort(), Object.keys(uppy).sort());
    assert.deepEqual(shim.defaultOptions, uppy.defaultOptions);
    assert.deepEqual(methods(shim.Restricter), methods(uppy.Restricter));
    const error = new shim.RestrictionError('too big', { file: { id: 'a' } });
    assert.deepEqual([error.message, error.isUserFacing, error.isRestriction, error.file], ['too big', true, true, { id: 'a' }]);
  });

  it('lets every file through when no restriction is set', () => {
    const checks = restricter();
    assert.doesNotThrow(() => {
      checks.validate();
      checks.validateSingleFile();
      checks.validateAggregateRestrictions();
      checks.validateMinNumberOfFiles();
    });
    assert.deepEqual(checks.getMissingRequiredMetaFields().missingFields, []);
  });

  it('fails, naming them, when restrictions are set, rather than upload unchecked', () => {
    assert.throws(() => restricter({ maxFileSize: 10 } as never).validateSingleFile(), { name: 'TypeError', message: /maxFileSize/ });
    assert.throws(() => restricter({ requiredMetaFields: ['caption'] }).getMissingRequiredMetaFields(), { message: /requiredMetaFields/ });
  });
});
