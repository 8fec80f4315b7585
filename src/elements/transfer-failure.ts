import type { TransferAction, TransferFailure } from '../upload/handler.ts';
import type { ChatStrings } from './strings.ts';

/**
 * The sentence a user reads about a failed upload or download, in the words of `t`: the sentence
 * of the failure's code, or the failure's own message when the host's handler marked it
 * user-facing. With no failure recorded (or code `failed`), the generic sentence.
 */
export function failureSentence(t: ChatStrings, action: TransferAction, failure: TransferFailure | undefined): string {
  if (failure?.isUserFacing) return failure.message;
  switch (failure?.code) {
    case 'cancelled':
      return t.failedCancelled(action);
    case 'network':
      return t.failedNetwork(action);
    case 'interrupted':
      return t.failedInterrupted;
    case 'too-large':
      return t.failedTooLarge(failure.maxFileSize);
    case 'forbidden':
      return t.failedForbidden(action);
    case 'not-found':
      return action === 'download' ? t.fileUnavailable : t.failedRefused(action, failure.status);
    case 'busy':
      return t.failedBusy;
    case 'server':
      return t.failedServer(action, failure.status);
    case 'refused':
      return t.failedRefused(action, failure.status);
    case 'bad-answer':
      return t.failedBadAnswer;
    case 'integrity':
      return t.failedIntegrity;
    case 'not-an-image':
      return t.failedNotAnImage;
    case 'unsupported-link':
      return t.failedUnsupportedLink;
    case 'not-configured':
      return t.failedNotConfigured;
    case 'uploader-unavailable':
      return t.uploaderUnavailable;
    case 'file-code-unavailable':
      return t.fileCodeUnavailable;
    case 'file-needed':
      return t.failedFileNeeded;
    case 'different-file':
      return t.failedDifferentFile;
    case 'failed':
    case undefined:
      return action === 'upload' ? t.uploadFailedFallback : t.downloadFailedFallback;
  }
}
