/**
 * Replaces @uppy/core's English locale (`@uppy/core/lib/locale.js`, about 1 KB brotli) in the
 * drop-in build by the strings the widget's Uppy can reach: those of Uppy's core, word for word
 * (its restrictions are left out too: see uppy-restricter.ts). The rest of that locale is for
 * Uppy's dashboard, its remote providers and Companion, which the widget never loads. The
 * widget's users never read these sentences either (an upload's failure is shown in the widget's
 * words, by its code); they reach only logs. `uppy-locale.test.ts` checks that every string @uppy/core's modules ask for is here,
 * as Uppy words it.
 */
export default {
  strings: {
    addBulkFilesFailed: {
      0: 'Failed to add %{smart_count} file due to an internal error',
      1: 'Failed to add %{smart_count} files due to internal errors',
    },
    additionalRestrictionsFailed: '%{count} additional restrictions were not fulfilled',
    connectedToInternet: 'Connected to the Internet',
    failedToUpload: 'Failed to upload %{file}',
    missingRequiredMetaField: 'Missing required meta fields',
    noDuplicates: "Cannot add the duplicate file '%{fileName}', it already exists",
    noInternetConnection: 'No Internet connection',
    noMoreFilesAllowed: 'Cannot add more files',
    unnamed: 'Unnamed',
  },
};
