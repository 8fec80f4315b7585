/**
 * The body timeout: a request body must keep coming at `bodyMinBytesPerSecond`, measured over each
 * window of `bodyTimeoutMs`, or its connection is closed. An idle timeout alone never fires on a
 * body sent a byte a second, which holds a descriptor (and an upload's partial file) for hours.
 */
import type { onRequestAsyncHookHandler } from 'fastify';
import type { Limits } from './limits.ts';

/** An `onRequest` hook that watches every request with a body; `bodyTimeoutMs: 0` turns it off. */
export function watchBodyRate(limits: Pick<Limits, 'bodyTimeoutMs' | 'bodyMinBytesPerSecond'>): onRequestAsyncHookHandler {
  const needed = (limits.bodyMinBytesPerSecond * limits.bodyTimeoutMs) / 1000;
  return async (request) => {
    const raw = request.raw;
    const length = raw.headers['content-length'];
    const hasBody = (length !== undefined && length !== '0') || raw.headers['transfer-encoding'] !== undefined;
    if (!hasBody || limits.bodyTimeoutMs === 0 || raw.complete) return;
    const socket = raw.socket;
    let readAt = socket.bytesRead;
    const timer = setInterval(() => {
      if (raw.complete || socket.destroyed) return clearInterval(timer);
      if (socket.bytesRead - readAt < needed) {
        clearInterval(timer);
        socket.destroy();
        return;
      }
      readAt = socket.bytesRead;
    }, limits.bodyTimeoutMs);
    timer.unref();
    raw.once('end', () => clearInterval(timer));
    raw.once('close', () => clearInterval(timer));
  };
}
