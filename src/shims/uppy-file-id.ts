/**
 * Replaces @uppy/core's file ids (`@uppy/core/lib/utils/generateFileID.js`) in the drop-in build.
 * Uppy makes a file's id from its name, type, size and date, so that the same file added twice to
 * one Uppy is refused as a duplicate; the widget makes an Uppy for each upload attempt and adds
 * one file to it, so an id only has to be unique, and is: the Uppy's id and a count.
 * `uppy-file-id.test.ts` checks the exports against Uppy's.
 */
let count = 0;

/** A new id for a file added to the Uppy whose id is `instanceId`. */
export default function generateFileID(_file: unknown, instanceId?: string): string {
  return `${instanceId || 'uppy'}-${++count}`;
}

export const getSafeFileId = generateFileID;
