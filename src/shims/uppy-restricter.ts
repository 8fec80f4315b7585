/**
 * Replaces @uppy/core's restrictions (`@uppy/core/lib/Restricter.js`, with `mime-match`,
 * `wildcard` and `@transloadit/prettier-bytes`: about 0.8 KB brotli) in the drop-in build. The
 * widget checks files itself before they are staged (the composer's `accept`, `max-file-size` and
 * `max-files`, in the widget's words), and makes each Uppy for one file without restrictions. This
 * one checks none: an Uppy made with a restriction fails at its first file instead of uploading
 * unchecked. Same exports, same methods as Uppy's (`uppy-restricter.test.ts` compares them).
 */

/** Uppy's defaults: no restriction. */
export const defaultOptions = {
  maxFileSize: null,
  minFileSize: null,
  maxTotalFileSize: null,
  maxNumberOfFiles: null,
  minNumberOfFiles: null,
  allowedFileTypes: null,
  requiredMetaFields: [] as string[],
};

type Restrictions = typeof defaultOptions;

export class RestrictionError extends Error {
  isUserFacing: boolean;
  file?: unknown;
  isRestriction = true;

  constructor(message: string, options?: { isUserFacing?: boolean; file?: unknown }) {
    super(message);
    this.isUserFacing = options?.isUserFacing ?? true;
    if (options?.file) this.file = options.file;
  }
}

export class Restricter {
  #getOptions: () => { restrictions: Restrictions };

  constructor(getOptions: () => { restrictions: Restrictions }) {
    this.#getOptions = getOptions;
  }

  /** Throws when any restriction is set: this build does not check them (see above). */
  #noRestrictions(): void {
    const { restrictions } = this.#getOptions();
    const set = Object.entries(restrictions).filter(([, value]) => (Array.isArray(value) ? value.length > 0 : value != null));
    if (set.length > 0) throw new TypeError(`Chatdrop's Uppy checks no restrictions (${set.map(([name]) => name).join(', ')}): check files before adding them`);
  }

  validate(): void {
    this.#noRestrictions();
  }

  validateSingleFile(): void {
    this.#noRestrictions();
  }

  validateAggregateRestrictions(): void {
    this.#noRestrictions();
  }

  validateMinNumberOfFiles(): void {
    this.#noRestrictions();
  }

  getMissingRequiredMetaFields(): { missingFields: string[]; error: RestrictionError } {
    this.#noRestrictions();
    return { missingFields: [], error: new RestrictionError('') };
  }
}
