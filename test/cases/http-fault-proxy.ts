/**
 * A TCP proxy on loopback for HTTP transfer faults (X5, X6, X8, X9, X18): it throttles each
 * connection to a rate, resets a connection once it has carried N bytes one way, or once the
 * server starts answering a given method, and notes every request head passing through (so a
 * test can count the `Range` requests that prove a download resumed rather than restarted).
 * Bytes pass unchanged and in order. test/helpers/fault-proxy.ts is its WebSocket-minded sibling.
 */
import { connect, createServer, type Socket } from 'node:net';

/** A request head seen on its way to the server. */
export interface SeenRequest {
  method: string;
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Which client connection carried it (numbered from 1 in order of arrival). */
  connection: number;
}

type Direction = 'up' | 'down';

/** A running proxy. Switches apply to open connections and new ones alike. */
export interface HttpFaultProxy {
  /** `http://127.0.0.1:<port>` + `path`. */
  url(path?: string): string;
  /** Bytes a second each way on every connection (`up`: toward the server); `0` for no limit. */
  setRate(up: number, down?: number): void;
  /** Resets, once, the first connection that has carried `bytes` in `direction`. */
  cutAfter(direction: Direction, bytes: number): void;
  /** Resets, once, the connection on which the server starts answering a `method` request (its bytes never reach the client). */
  cutOnAnswerTo(method: string): void;
  /**
   * Closes each connection once it has carried the answer to a CORS preflight, so the request
   * that follows opens a fresh one. (On a reused connection, a reset before any answer makes
   * Chromium resend the request by itself, and the page never learns of the fault.)
   */
  setCloseAfterPreflight(on: boolean): void;
  /** Every request head seen, in order. */
  readonly requests: readonly SeenRequest[];
  /** How many connections were reset by a cut. */
  readonly cuts: number;
  close(): Promise<void>;
}

const REQUEST_HEAD = /(?:^|\r\n)(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) (\S+) HTTP\/1\.1\r\n((?:[^\r\n]+\r\n)*)\r\n/g;
const SLICE = 16 * 1024;

/** Starts a proxy on a free loopback port forwarding to `127.0.0.1:targetPort`. */
export async function startHttpFaultProxy(targetPort: number): Promise<HttpFaultProxy> {
  const rate: Record<Direction, number> = { up: 0, down: 0 };
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  let byteCut: { direction: Direction; bytes: number } | undefined;
  let answerCut: string | undefined;
  let closeAfterPreflight = false;
  let cuts = 0;

  let connections = 0;
  const server = createServer({ noDelay: true }, (client) => {
    const connection = ++connections;
    const upstream = connect({ port: targetPort, host: '127.0.0.1', noDelay: true });
    const carried: Record<Direction, number> = { up: 0, down: 0 };
    let lastMethod = '';
    let isCut = false;
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    const cut = () => {
      isCut = true;
      cuts++;
      client.resetAndDestroy();
      upstream.resetAndDestroy();
    };
    const pipe = (from: Socket, to: Socket, direction: Direction) => {
      const queue: Buffer[] = [];
      let pumping = false;
      let ended = false;
      const pump = async () => {
        if (pumping) return;
        pumping = true;
        while (queue.length > 0 && !isCut) {
          const head = queue[0]!;
          const slice = rate[direction] > 0 ? head.subarray(0, SLICE) : head;
          queue[0] = head.subarray(slice.length);
          if (queue[0].length === 0) queue.shift();
          if (byteCut?.direction === direction && carried[direction] + slice.length >= byteCut.bytes) {
            byteCut = undefined;
            return cut();
          }
          if (direction === 'down' && answerCut !== undefined && answerCut === lastMethod) {
            answerCut = undefined;
            return cut();
          }
          carried[direction] += slice.length;
          // Only as fast as the other side takes it: what counts as carried is in the kernel's hands, not queued here.
          if (!to.write(slice)) await new Promise((resolve) => (to.once('drain', resolve), to.once('close', resolve)));
          if (direction === 'down' && closeAfterPreflight && lastMethod === 'OPTIONS' && slice.includes('\r\n\r\n')) {
            client.end();
            upstream.end();
            return;
          }
          // Once the sender has finished, what the proxy still holds goes out at once.
          if (rate[direction] > 0 && !ended) await new Promise((resolve) => setTimeout(resolve, (slice.length / rate[direction]) * 1000));
          if (queue.length < 4) from.resume();
        }
        pumping = false;
        if (ended && queue.length === 0 && !isCut) to.end();
      };
      from.on('data', (chunk: Buffer) => {
        if (direction === 'up') {
          for (const match of chunk.toString('latin1').matchAll(REQUEST_HEAD)) {
            const headers = Object.fromEntries(match[3]!.split('\r\n').filter(Boolean).map((line) => {
              const colon = line.indexOf(':');
              return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
            }));
            requests.push({ method: match[1]!, path: match[2]!, headers, connection });
            lastMethod = match[1]!;
          }
        }
        queue.push(chunk);
        if (queue.length >= 16) from.pause();
        void pump();
      });
      from.on('end', () => {
        ended = true;
        void pump();
      });
      from.on('close', () => {
        ended = true;
        if (!isCut && queue.length === 0) to.destroy();
      });
    };
    pipe(client, upstream, 'up');
    pipe(upstream, client, 'down');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: (path = '') => `http://127.0.0.1:${port}${path}`,
    setRate(up, down = 0) {
      rate.up = up;
      rate.down = down;
    },
    cutAfter(direction, bytes) {
      byteCut = { direction, bytes };
    },
    cutOnAnswerTo(method) {
      answerCut = method;
    },
    setCloseAfterPreflight(on) {
      closeAfterPreflight = on;
    },
    requests,
    get cuts() {
      return cuts;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
