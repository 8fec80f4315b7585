// A tus 1.0 client (https://tus.io/protocols/resumable-upload) as an Uppy uploader plugin: one
// upload per file, created by `POST` or gone on with at a known URL (`HEAD` says the offset),
// then sent by `PATCH`es from that offset. It does only what the resumable handler
// (`tus-uploader.ts`) asks for: retries, and where an upload goes on after a reload, are the
// handler's. It replaced @uppy/tus with tus-js-client (7.6 KB brotli) with ~1 KB, and is tested
// against the reference server (`tus-uploader.test.ts`, the end-to-end resumable tests).
import { BasePlugin, type Meta, type PluginOpts, type Uppy, type UppyFile } from '@uppy/core';
import { textToBase64 } from '../model/base64.ts';
import { isTokenExpiredAnswer } from './http-errors.ts';

/** What a tus upload's answers carry into Uppy's events: the request of the last answer. */
export interface TusBody extends Record<string, unknown> {
  xhr: XMLHttpRequest;
}

export interface TusClientOptions extends PluginOpts {
  /** Where uploads are created. */
  endpoint: string;
  /** An upload of this file the server may hold: it goes on from the server's offset, or a new one is created when the server no longer has it (4xx). */
  uploadUrl?: string;
  /** Request headers besides tus's own (say `Authorization`). */
  headers: Record<string, string>;
  /** Largest `PATCH` body in bytes. Default: the rest of the file in one request. */
  chunkSize?: number;
  /** Called with each answer (`POST`, `HEAD`, `PATCH`), before it is acted on. */
  onAfterResponse?(method: string, answer: XMLHttpRequest): void;
}

/** A request that got an answer the upload cannot go on from, or none (`xhr` without a status, or no `xhr`: cancelled before it was sent). */
class TusRequestError extends Error {
  constructor(
    message: string,
    readonly xhr?: XMLHttpRequest,
  ) {
    super(message);
  }
}

const isSuccess = (xhr: XMLHttpRequest) => xhr.status >= 200 && xhr.status < 300;

/**
 * Whether an answer to `HEAD` means the upload cannot go on, so a new one is created (as
 * tus-js-client does): a 4xx, but for 423 and 429 (try again later) and a 401 that says the token
 * expired (the handler renews it and the upload goes on). Another 401 goes to `POST`, whose answer
 * has a body to say why.
 */
const isGone = (answer: XMLHttpRequest) => answer.status >= 400 && answer.status < 500 && answer.status !== 423 && answer.status !== 429 && !isTokenExpiredAnswer(answer.status, answer);

/**
 * The uploader: `uppy.use(TusClient, options)` for an Uppy that uploads one file. Cancelling
 * (`uppy.cancelAll()`) aborts the request in flight and ends the upload on the server (`DELETE`,
 * tus's termination) once it has a URL.
 */
export class TusClient extends BasePlugin<TusClientOptions, Meta, TusBody> {
  /** The request in flight, aborted on cancel. */
  #inFlight: XMLHttpRequest | undefined;
  /** The upload's URL, once created or found, while the upload runs (a finished or failed upload is not cancelled). */
  #url: string | undefined;
  #cancelled = false;

  constructor(uppy: Uppy<Meta, TusBody>, options: TusClientOptions) {
    super(uppy, options);
    this.type = 'uploader';
    this.id = 'ChatdropTus';
  }

  override install() {
    this.uppy.addUploader(this.#uploadAll);
    this.uppy.on('cancel-all', this.#cancel);
  }

  override uninstall() {
    this.uppy.removeUploader(this.#uploadAll);
    this.uppy.off('cancel-all', this.#cancel);
  }

  #cancel = () => {
    if (this.#cancelled) return;
    this.#cancelled = true;
    this.#inFlight?.abort();
    if (this.#url) this.#send('DELETE', this.#url, {});
  };

  #uploadAll = async (fileIDs: string[]) => {
    const files = this.uppy.getFilesByIds(fileIDs);
    this.uppy.emit('upload-start', files);
    for (const file of files) {
      try {
        const answer = await this.#upload(file);
        this.uppy.emit('upload-success', this.uppy.getFile(file.id), { status: answer.status, body: { xhr: answer } });
      } catch (error) {
        if (this.#cancelled) return;
        const xhr = error instanceof TusRequestError ? error.xhr : undefined;
        this.uppy.emit('upload-error', this.uppy.getFile(file.id), error as Error, xhr && { status: xhr.status, body: { xhr } });
      } finally {
        this.#url = undefined;
      }
    }
  };

  /** Uploads one file to the end; resolves with the answer that completed it. */
  async #upload(file: UppyFile<Meta, TusBody>): Promise<XMLHttpRequest> {
    const data = file.data as Blob;
    let offset = 0;
    let answer: XMLHttpRequest | undefined;
    if (this.opts.uploadUrl) {
      answer = await this.#request('HEAD', this.opts.uploadUrl);
      const held = Number(answer.getResponseHeader('Upload-Offset'));
      if (isSuccess(answer) && Number.isSafeInteger(held) && held >= 0 && held <= data.size) {
        this.#url = this.opts.uploadUrl;
        offset = held;
      } else if (!isGone(answer)) {
        throw new TusRequestError(`The server answered ${answer.status} to HEAD, without the upload's offset.`, answer);
      }
    }
    if (!this.#url) {
      const name = String(file.meta.name ?? '');
      const type = String(file.meta.type ?? '');
      const metadata = Object.entries({ name, type, filename: name, filetype: type }).map(([key, value]) => `${key} ${textToBase64(value)}`);
      answer = await this.#request('POST', this.opts.endpoint, { 'Upload-Length': String(data.size), 'Upload-Metadata': metadata.join(',') });
      const location = answer.getResponseHeader('Location');
      if (!isSuccess(answer) || !location) throw new TusRequestError(`The server answered ${answer.status} to POST, without the upload's Location.`, answer);
      this.#url = new URL(location, this.opts.endpoint).href;
    }
    this.#progress(file, offset, data.size);
    while (offset < data.size) {
      const from = offset;
      const end = Math.min(data.size, from + (this.opts.chunkSize ?? Infinity));
      // The whole file goes as the `File` itself: Chromium reads it from disk in its network
      // process, but copies every byte of a slice through the browser process (`npm run bench -- send`).
      const body = from === 0 && end === data.size ? data : data.slice(from, end);
      const headers = { 'Upload-Offset': String(from), 'Content-Type': 'application/offset+octet-stream' };
      answer = await this.#request('PATCH', this.#url, headers, body, (sent) => this.#progress(file, from + sent, data.size));
      offset = Number(answer.getResponseHeader('Upload-Offset'));
      // A PATCH that stored nothing is a failed attempt (the retry policy decides), not one to send again at once.
      if (!isSuccess(answer) || !Number.isSafeInteger(offset) || offset <= from || offset > data.size) {
        throw new TusRequestError(`The server answered ${answer.status} to PATCH, without a new offset.`, answer);
      }
      this.#progress(file, offset, data.size);
    }
    return answer!;
  }

  #progress(file: UppyFile<Meta, TusBody>, bytesUploaded: number, bytesTotal: number) {
    const current = this.uppy.getFile(file.id);
    if (current) this.uppy.emit('upload-progress', current, { uploadStarted: current.progress.uploadStarted ?? Date.now(), bytesUploaded, bytesTotal });
  }

  /** Sends a request with tus's header and ours. */
  #send(method: string, url: string, headers: Record<string, string>, body?: Blob, onSent?: (bytes: number) => void): XMLHttpRequest {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [name, value] of Object.entries({ 'Tus-Resumable': '1.0.0', ...this.opts.headers, ...headers })) xhr.setRequestHeader(name, value);
    if (onSent) xhr.upload.onprogress = (event) => onSent(event.loaded);
    xhr.send(body ?? null);
    return xhr;
  }

  /** One request of the upload: resolves with any answer; rejects when there is none (the network failed, or the upload was cancelled). */
  #request(method: string, url: string, headers: Record<string, string> = {}, body?: Blob, onSent?: (bytes: number) => void): Promise<XMLHttpRequest> {
    if (this.#cancelled) return Promise.reject(new TusRequestError('Upload cancelled.'));
    return new Promise((resolve, reject) => {
      const xhr = (this.#inFlight = this.#send(method, url, headers, body, onSent));
      xhr.onload = () => {
        this.opts.onAfterResponse?.(method, xhr);
        resolve(xhr);
      };
      xhr.onerror = xhr.onabort = () => reject(new TusRequestError(`The ${method} got no answer.`, xhr));
    });
  }
}
