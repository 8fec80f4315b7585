import { html, nothing, type TemplateResult } from 'lit';
import type { Attachment, DeliveryState } from '../../model/message.ts';
import { safeUrl } from '../../model/safe-url.ts';
import { isWaitingForFile, type DownloadState, type UploadState } from '../../state/types.ts';
import { cssProperty } from '../css-property.ts';
import type { ChatStrings } from '../strings.ts';
import { failureSentence } from '../transfer-failure.ts';
import { downloadShape } from '../file-icons.ts';
import { crossShape, icon } from '../icons.ts';

/** What a bubble's status line is drawn from. */
export interface StatusView {
  t: ChatStrings;
  attachment: Attachment;
  isMine: boolean;
  delivery: DeliveryState;
  upload?: UploadState;
  download?: DownloadState;
  onCancelUpload(): void;
  onRetry(): void;
  onDownload(): void;
  onCancelDownload(): void;
}

/** A whole percentage of `part` in `whole`, 0 when the whole is unknown. */
export function percentOf(part: number, whole: number | undefined): number {
  return whole && whole > 0 ? Math.min(100, Math.max(0, Math.round((part / whole) * 100))) : 0;
}

/**
 * The line under a file saying what happens to it and what can be done now: an upload (waiting
 * for the connection or a slot, preparing, uploading, stalled, retrying; cancellable), a failure
 * (reason, Retry and Remove; whether it is lost on a reload), sending,
 * an unsupported link, a download (progress and Cancel; failure and Download again; unavailable)
 * or the file at rest (`restNote`, then `restAction`: Download, Save, Save again).
 */
export function renderStatus(view: StatusView): TemplateResult | typeof nothing {
  const { t, attachment, upload, download } = view;
  if (upload?.status === 'queued') return html`<span class="muted">${t.waiting}</span> ${button('cancel', t.cancel, view.onCancelUpload)}`;
  if (upload?.status === 'preparing') return progress(t, t.preparingLabel, 0, view.onCancelUpload);
  if (upload?.status === 'uploading') return uploading(view, upload);
  if (upload?.status === 'offline') return html`<span part="waiting" class="muted">${t.waitingForConnection}</span> ${pendingFile(view, upload)}`;
  if (upload?.status === 'failed') {
    return html`${failure(failureSentence(t, 'upload', upload.error), 'retry', isWaitingForFile(upload) ? t.pickSameFile : t.retry, view.onRetry)} ${pendingFile(view, upload)}`;
  }
  if (view.isMine && view.delivery === 'failed') return failure(t.notSent, 'retry', t.retry, view.onRetry);
  if (!safeUrl(attachment.url)) return html`<span part="error" class="error">${t.unsupportedLink}</span>`;
  if (view.isMine && view.delivery === 'sending') return html`<span part="delivery" class="muted">${t.sending}</span>`;
  switch (download?.status) {
    case 'downloading':
      return progress(t, t.downloadingLabel, percentOf(download.received, download.total ?? attachment.size), view.onCancelDownload);
    case 'failed':
      return failure(failureSentence(t, 'download', download.error), 'download', t.downloadAgain, view.onDownload);
    case 'unavailable':
      return html`<span part="unavailable" class="error">${t.unavailable}</span>
        <span class="muted">${download.error ? failureSentence(t, 'download', download.error) : t.fileUnavailable}</span>`;
    default:
      return html`${restNote(view)} ${restAction(view)}`;
  }
}

/**
 * What the status line says of a file at rest besides its action: "Sent" for ours (not once
 * downloaded), "Downloaded" once saved; nothing for bytes fetched only to be shown or played
 * (viewing never saves).
 */
export function restNote({ t, isMine, download }: StatusView): TemplateResult | typeof nothing {
  const isSent = isMine && (download === undefined || download.isLocal);
  if (isSent) return html`<span part="delivery" class="muted">${t.sent}</span>`;
  return download?.isSaved ? html`<span class="muted">${t.downloaded}</span>` : nothing;
}

/**
 * Whether the file is at rest: nothing uploading, sending, downloading or wrong, so all there is
 * to do is save it (what a picture offers as one small button over it, with no status line).
 */
export function isAtRest({ attachment, isMine, delivery, upload, download }: StatusView): boolean {
  if (upload && upload.status !== 'done') return false;
  if (isMine && delivery !== 'sent') return false;
  return safeUrl(attachment.url) !== undefined && (download === undefined || download.status === 'done');
}

/** The one action on a file at rest, as an icon button: Download, Save (shown but not saved) or Save again; nothing for our file shown from the picked bytes. */
export function restAction(view: StatusView): TemplateResult | typeof nothing {
  const { t, download } = view;
  if (download?.status !== 'done') return iconButton(t.download, view.onDownload);
  if (download.isLocal) return nothing;
  return iconButton(download.isSaved ? t.saveAgain : t.save, view.onDownload);
}

/** Progress in percent and bytes; or that it stalled (still cancellable); or when the next attempt starts. */
function uploading({ t, onCancelUpload }: StatusView, upload: UploadState): TemplateResult {
  const percent = percentOf(upload.sent, upload.total);
  if (upload.stalledMs !== undefined) {
    const sentence = html`<span part="stalled" class="error">${t.stalledFor(upload.stalledMs)}</span>`;
    return progress(t, t.stalledLabel, percent, onCancelUpload, sentence);
  }
  if (upload.retry) return progress(t, t.retryingLabel, percent, onCancelUpload, t.retryingIn(upload.retry.delayMs));
  return progress(t, t.uploadingLabel, percent, onCancelUpload, t.uploadProgress(percent, upload.sent, upload.total, upload.remainingMs));
}

/** A progress bar (its fill a number this code computed, never data), a sentence and Cancel. */
function progress(t: ChatStrings, label: string, percent: number, onCancel: () => void, text: string | TemplateResult = t.progress(label, percent)): TemplateResult {
  return html`
    <div part="progress" class="progress" role="progressbar" aria-label=${label} aria-describedby="full-name"
      aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent}
      ${cssProperty('--fraction', String(percent / 100))}><div class="fill"></div></div>
    ${typeof text === 'string' ? html`<span class="muted">${text}</span>` : text}
    ${button('cancel', t.cancel, onCancel)}
  `;
}

function failure(sentence: string, part: 'retry' | 'download', label: string, onClick: () => void): TemplateResult {
  return html`<span part="error" class="error">${sentence}</span> ${button(part, label, onClick)}`;
}

/** What a file not uploaded yet adds: that a reload loses it, if the browser could not keep it, and Remove. */
function pendingFile({ t, onCancelUpload }: StatusView, upload: UploadState): TemplateResult {
  return html`${upload.isKept === false ? html`<span part="not-kept" class="error">${t.notKeptAfterReload}</span>` : nothing}
    ${iconButton(t.removeFile, onCancelUpload, 'remove', crossShape)}`;
}

/** An icon button (Download or Save by default) named by `label`, which is also its tooltip. */
function iconButton(label: string, onClick: () => void, part = 'download', shape = downloadShape): TemplateResult {
  return html`<button part=${part} class="icon-button" type="button" title=${label} aria-describedby="full-name" @click=${onClick}>${icon(shape, 18)}<span class="visually-hidden">${label}</span></button>`;
}

function button(part: string, label: string, onClick: () => void): TemplateResult {
  return html`<button part=${part} type="button" aria-describedby="full-name" @click=${onClick}>${label}</button>`;
}
