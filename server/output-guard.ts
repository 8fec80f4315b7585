/**
 * Bounds on the relay's output that sockets have not read yet. What a socket has read is known
 * from pings: once a quarter of its cap has been sent, the guard pings it, and the pong (which a
 * client sends only after reading everything before the ping) marks those bytes as read. So unread
 * output counts what waits in the kernel's buffers too, which `bufferedAmount` does not see (on
 * loopback they hold megabytes per socket). A socket whose unread output would pass its cap, or
 * that leaves a ping unanswered for `slowReaderMs`, is dropped; so are the sockets holding the most
 * once all of them together pass the total cap. Without this, sockets that stop reading hold
 * everything sent to them in the server's memory.
 */
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { Limits } from './limits.ts';

/**
 * Holds a socket's writes until the current task is done, so the frames one task sends it (the
 * answers to a chunk of frames read at once, a turn of broadcasts) leave in one write instead of
 * one system call each (`ws` corks per frame; Node's corks nest).
 */
function corkUntilTaskEnds(socket: WebSocket): void {
  const raw = (socket as unknown as { _socket?: Socket })._socket;
  if (raw === undefined || raw.writableCorked > 0 || typeof raw.cork !== 'function') return;
  raw.cork();
  process.nextTick(() => raw.uncork());
}

/** The limits the guard holds sockets to. */
export type OutputLimits = Pick<Limits, 'socketBufferBytes' | 'totalBufferBytes' | 'slowReaderMs'>;

/** Sends through the bounds, and checks every socket now and then. */
export interface OutputGuard {
  /** Starts counting a new socket's output (and reading its pongs). */
  track(socket: WebSocket): void;
  /** Sends a text frame, unless the socket is closed; a socket whose unread output would pass its cap is dropped instead. */
  send(socket: WebSocket, data: Buffer): void;
  /** Whether work for the socket is worth doing: it is open and has not left its cap unread (then it is dropped now). */
  canSend(socket: WebSocket): boolean;
  /** Stops the periodic check. */
  stop(): void;
}

interface Output {
  /** Bytes sent that no answered ping has covered yet. */
  unread: number;
  /** The ping waiting for its pong: its payload, when it was sent, and the unread bytes it covers. */
  checkpoint?: { id: number; at: number; covers: number };
}

/** A guard over the sockets `sockets()` lists, checking them every second (or more often for a short `slowReaderMs`). */
export function createOutputGuard(limits: OutputLimits, sockets: () => Iterable<WebSocket>): OutputGuard {
  const outputs = new WeakMap<WebSocket, Output>();
  const checkpointBytes = Math.max(1, Math.floor(limits.socketBufferBytes / 4));
  let nextId = 1;
  let total = 0;
  const timer = setInterval(check, Math.max(50, Math.min(1000, limits.slowReaderMs / 4)));
  timer.unref();

  function ping(socket: WebSocket, output: Output): void {
    const id = nextId++;
    output.checkpoint = { id, at: performance.now(), covers: output.unread };
    socket.ping(String(id));
  }

  function check(): void {
    const now = performance.now();
    const holders: Array<[WebSocket, number]> = [];
    total = 0;
    for (const socket of sockets()) {
      const output = outputs.get(socket);
      if (output === undefined || output.unread === 0) continue;
      if (output.checkpoint !== undefined && now - output.checkpoint.at >= limits.slowReaderMs) {
        socket.terminate();
        continue;
      }
      total += output.unread;
      holders.push([socket, output.unread]);
    }
    if (total <= limits.totalBufferBytes) return;
    holders.sort((a, b) => b[1] - a[1]);
    for (const [socket, unread] of holders) {
      if (total <= limits.totalBufferBytes) break;
      socket.terminate();
      total -= unread;
    }
  }

  return {
    track(socket) {
      const output: Output = { unread: 0 };
      outputs.set(socket, output);
      socket.on('pong', (data: Buffer) => {
        const checkpoint = output.checkpoint;
        if (checkpoint === undefined || data.toString() !== String(checkpoint.id)) return;
        output.unread -= checkpoint.covers;
        output.checkpoint = undefined;
        if (output.unread >= checkpointBytes) ping(socket, output);
      });
    },
    send(socket, data) {
      if (socket.readyState !== socket.OPEN) return;
      const output = outputs.get(socket);
      if (output === undefined) return void socket.send(data, { binary: false });
      if (output.unread > 0 && output.unread + data.length > limits.socketBufferBytes) return socket.terminate();
      corkUntilTaskEnds(socket);
      socket.send(data, { binary: false });
      output.unread += data.length;
      if (output.checkpoint === undefined && output.unread >= checkpointBytes) ping(socket, output);
      // `total` is the last check's sum plus everything sent since: past the cap, count again now.
      total += data.length;
      if (total > limits.totalBufferBytes) check();
    },
    canSend(socket) {
      if (socket.readyState !== socket.OPEN) return false;
      if ((outputs.get(socket)?.unread ?? 0) < limits.socketBufferBytes) return true;
      socket.terminate();
      return false;
    },
    stop: () => clearInterval(timer),
  };
}
