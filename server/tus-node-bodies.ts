/**
 * Lets `@tus/server` read the bytes of a `PATCH` (or of a `POST` creating an upload with its
 * first bytes) from the Node request itself. On its own it reads them through web streams: srvx
 * makes the request a web `ReadableStream` (`Readable.toWeb`, which copies every chunk into a new
 * array) and the handler makes that a Node stream again (`Readable.fromWeb`). For a 1 GB upload by
 * curl that cost the server about 0.5 s of CPU, a fifth of all it spent (garbage collection and
 * the copies), where the same bytes by `POST /upload` cost none of it; on a machine whose cores the
 * uploading browser shares, the server's CPU is upload speed.
 *
 * Everything else stays as tus does it (`BaseHandler.writeToStore` in @tus/server 2): the body
 * limit (`StreamLimiter`); a stream between the request and the store, so a failed write never
 * destroys the request and the client still gets its answer; a request cut or failing ends as
 * `ABORTED`; and when the upload's lock is taken by a newer request, the body ends cleanly, so the
 * store keeps what came and the lock is freed.
 */
import { ERRORS, StreamLimiter, type CancellationContext, type DataStore, type Server, type Upload } from '@tus/server';
import type { IncomingMessage } from 'node:http';
import { PassThrough, Readable, finished } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The two methods of a @tus/server handler this module takes over (`writeToStore` is protected there). */
interface BodyHandler {
  send(request: Request, context: CancellationContext, headers?: Headers): Promise<Response>;
  writeToStore(body: unknown, upload: Upload, maxFileSize: number, context: CancellationContext): Promise<number>;
}

/**
 * Makes the `PATCH` and `POST` handlers of `tus` read request bodies from the Node request
 * `rawOf` finds under each request (see the module comment). Throws when `tus` does not have the
 * shape of @tus/server 2, so an upgrade that changes it fails every tus test rather than slowing down unseen.
 */
export function readBodiesFromNode(tus: Server, store: DataStore, rawOf: (request: Request) => IncomingMessage | undefined): void {
  for (const method of ['PATCH', 'POST'] as const) {
    const handler = tus.handlers[method] as unknown as BodyHandler;
    if (typeof handler?.send !== 'function' || typeof handler.writeToStore !== 'function') {
      throw new Error(`@tus/server's ${method} handler no longer has send() and writeToStore(): see server/tus-node-bodies.ts`);
    }
    const send = handler.send.bind(handler);
    const writeToStore = handler.writeToStore.bind(handler);
    handler.send = (request, context, headers) => {
      const raw = rawOf(request);
      // The body tus reads is the Node request, not srvx's web stream made of it (which it never makes then).
      if (raw) Object.defineProperty(request, 'body', { value: raw, configurable: true });
      return send(request, context, headers);
    };
    handler.writeToStore = (body, upload, maxFileSize, context) =>
      body instanceof Readable ? writeFromNode(store, body, upload, maxFileSize, context) : writeToStore(body, upload, maxFileSize, context);
  }
}

/** `BaseHandler.writeToStore` of @tus/server 2, reading the Node request `request` itself. Resolves with the upload's new offset. */
async function writeFromNode(store: DataStore, request: Readable, upload: Upload, maxFileSize: number, context: CancellationContext): Promise<number> {
  if (context.signal.aborted) throw ERRORS.ABORTED;
  // Between the request and the store, so that a failed write never destroys the request.
  const proxy = new PassThrough();
  let sourceError: Error | undefined;
  // A request that fails or closes before its end (the client cut it) fails the write; the store keeps what came.
  const stopWatching = finished(request, { writable: false }, (error) => {
    if (!error) return;
    sourceError = error;
    request.unpipe(proxy);
    if (!context.signal.aborted) proxy.destroy(error);
  });
  // A newer request took the upload's lock: end the body here, cleanly, so the store keeps what came and lets go.
  const endHere = () => {
    request.unpipe(proxy);
    if (!proxy.destroyed) proxy.end();
  };
  context.signal.addEventListener('abort', endHere, { once: true });
  try {
    // The function at the end of a pipeline gets the stream before it (typed as only an iterable).
    return await pipeline(request.pipe(proxy), new StreamLimiter(maxFileSize), (bytes: AsyncIterable<Buffer>) => store.write(bytes as Readable, upload.id, upload.offset));
  } catch (error) {
    request.unpipe(proxy);
    const isAbort = (sourceError !== undefined && error === sourceError) || (error instanceof Error && error.name === 'AbortError');
    throw isAbort ? ERRORS.ABORTED : error;
  } finally {
    stopWatching();
    context.signal.removeEventListener('abort', endHere);
  }
}
