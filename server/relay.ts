/**
 * `/ws`: the WebSocket relay of `src/transport/protocol.ts`. A socket joins one room, gets its recent
 * history, sends messages that are validated, stored durably with a `seq`, acked to the sender and
 * relayed to the room's other sockets in `seq` order. The relay never fetches a URL from a message.
 * With a secret, a join needs a token signed for its user and room; each socket has a rate limit.
 * History is reached only through the `History` interface; the relay itself keeps no messages,
 * only the sockets of each room that has some.
 */
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import type { Sender } from '../src/model/message.ts';
import { parseMessage } from '../src/model/schema.ts';
import { HISTORY_ON_JOIN, MAX_HISTORY_PAGE, type ServerFrame } from '../src/transport/protocol.ts';
import { readFrame, type IncomingFrame } from './frames.ts';
import type { History } from './history.ts';
import { createTokenBucket, DEFAULT_RATE_LIMIT, type RateLimit, type TokenBucket } from './rate-limit.ts';
import { checkJoinToken } from './tokens.ts';

/** Options of the relay. */
export interface RelayOptions {
  /** Where messages are stored. */
  history: History;
  /** Largest frame read, in bytes; a bigger one is answered with an `error` frame. */
  maxFrameBytes: number;
  /** Milliseconds between pings; a socket that has not answered the previous ping is dropped. Default 20 000. */
  pingIntervalMs?: number;
  /** When set (non-empty), a `join` must carry a token signed with it for that user and room (see `tokens.ts`). */
  secret?: string;
  /** Frames per connection (every frame but `ping`). Default `DEFAULT_RATE_LIMIT`. */
  rateLimit?: RateLimit;
  /** How acks and broadcasts leave the relay. Default: sent as they are (tests put faults here, see `testing/relay-faults.ts`). */
  delivery?: RelayDelivery;
}

/** Close code for a join refused for its token. */
export const CLOSE_UNAUTHORIZED = 4001;

/** Frames above this are cut by the WebSocket layer itself (closing the socket), whatever the cap. */
const MIN_HARD_CEILING = 2 * 1024 * 1024;
/** A socket that lets this much pile up unsent is too slow to keep. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** How long sockets get to close politely when the server stops. */
const CLOSE_GRACE_MS = 250;

interface Session {
  room: string;
  user: Sender;
}

interface Peer {
  socket: WebSocket;
  alive: boolean;
  bucket: TokenBucket;
  /** Set by the `join` frame; resolves to the session once `joined` is sent (or `undefined` if the join failed). */
  joined?: Promise<Session | undefined>;
  room?: string;
  /** Broadcasts that arrived while the join's history page was being read, sent after `joined`. */
  backlog?: ServerFrame[];
}

/** How the relay's acks and broadcasts leave it: the seam where tests make it misbehave. */
export interface RelayDelivery {
  /** Whether this ack should be dropped. */
  dropAck(): boolean;
  /** Sends a broadcast frame to one receiver through `send`. */
  broadcast(receiver: object, frame: ServerFrame, send: (frame: ServerFrame) => void): void;
  /** Sends whatever is held back, now (the server is closing). */
  flush(): void;
}

/** Every ack and broadcast sent at once, as they are. */
const DIRECT_DELIVERY: RelayDelivery = {
  dropAck: () => false,
  broadcast: (_receiver, frame, send) => send(frame),
  flush: () => undefined,
};

/** Registers the relay on `/ws`. */
export async function relayRoutes(app: FastifyInstance, options: RelayOptions): Promise<void> {
  const peers = new Set<Peer>();
  const rooms = new Map<string, Set<Peer>>();
  const delivery = options.delivery ?? DIRECT_DELIVERY;
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const heartbeat = setInterval(() => peers.forEach(checkAlive), options.pingIntervalMs ?? 20_000);
  heartbeat.unref();

  await app.register(websocket, {
    options: { maxPayload: Math.max(options.maxFrameBytes * 16, MIN_HARD_CEILING) },
    preClose: async () => {
      clearInterval(heartbeat);
      delivery.flush();
      await closeAll([...peers].map((peer) => peer.socket));
      app.websocketServer.close();
    },
  });

  app.get('/ws', { websocket: true }, (socket) => {
    const peer: Peer = { socket, alive: true, bucket: createTokenBucket(rateLimit) };
    peers.add(peer);
    socket.on('pong', () => {
      peer.alive = true;
    });
    socket.on('message', (data, isBinary) => onData(peer, data, isBinary));
    socket.on('close', () => {
      peers.delete(peer);
      leave(peer);
    });
  });

  function leave(peer: Peer): void {
    const members = peer.room === undefined ? undefined : rooms.get(peer.room);
    members?.delete(peer);
    if (members?.size === 0) rooms.delete(peer.room!);
    peer.room = undefined;
  }

  function onData(peer: Peer, data: RawData, isBinary: boolean): void {
    if (isBinary) return reply(peer, { type: 'error', reason: 'Frames must be JSON text.' });
    const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data;
    if (bytes.length > options.maxFrameBytes) {
      return reply(peer, { type: 'error', reason: `The frame is larger than the relay's limit of ${options.maxFrameBytes} bytes.` });
    }
    const read = readFrame(bytes.toString('utf8'));
    if ('frame' in read && read.frame.type === 'ping') return reply(peer, { type: 'pong' });
    const retryAfterMs = peer.bucket.take();
    if (retryAfterMs > 0) {
      const about = 'frame' in read ? echo(read.frame) : { ...(read.problem.requestId !== undefined && { requestId: read.problem.requestId }) };
      return reply(peer, { type: 'error', ...about, reason: 'Too many frames on this connection; slow down and send again later.', retryAfterMs });
    }
    if ('problem' in read) return reply(peer, { type: 'error', ...read.problem });
    const frame = read.frame;
    if (frame.type === 'ping') return; // answered above
    if (frame.type === 'join') return join(peer, frame);
    const joined = peer.joined;
    if (joined === undefined) return reply(peer, { type: 'error', ...echo(frame), reason: 'Join a room first.' });
    void joined.then((session) => {
      if (session === undefined) reply(peer, { type: 'error', ...echo(frame), reason: 'Join a room first.' });
      else if (frame.type === 'send') relay(peer, session, frame.message);
      else history(peer, session, frame);
    });
  }

  function join(peer: Peer, frame: Extract<IncomingFrame, { type: 'join' }>): void {
    if (peer.joined !== undefined) return reply(peer, { type: 'error', reason: 'This connection has already joined a room.' });
    const refusal = options.secret ? checkJoinToken(frame.token, options.secret, frame.user.id, frame.room) : undefined;
    if (refusal !== undefined) {
      reply(peer, { type: 'error', reason: refusal });
      return peer.socket.close(CLOSE_UNAUTHORIZED, 'The join token was refused.');
    }
    // A member from now on, so no message stored while the page is read is missed: it waits in the backlog.
    peer.room = frame.room;
    peer.backlog = [];
    let members = rooms.get(frame.room);
    if (members === undefined) rooms.set(frame.room, (members = new Set()));
    members.add(peer);
    const query = frame.after === undefined ? { limit: HISTORY_ON_JOIN } : { after: frame.after, limit: MAX_HISTORY_PAGE };
    peer.joined = options.history.page(frame.room, query).then(
      (messages) => {
        const backlog = peer.backlog ?? [];
        peer.backlog = undefined;
        if (!peers.has(peer)) return undefined;
        reply(peer, { type: 'joined', room: frame.room, messages });
        const seen = messages.at(-1)?.seq ?? frame.after ?? 0;
        backlog.forEach((held) => (held.type !== 'message' || (held.message.seq ?? 0) > seen) && reply(peer, held));
        return { room: frame.room, user: frame.user };
      },
      () => {
        peer.backlog = undefined;
        leave(peer);
        peer.joined = undefined;
        reply(peer, { type: 'error', reason: 'The room could not be opened; join again later.' });
        return undefined;
      },
    );
  }

  function relay(peer: Peer, session: Session, raw: unknown): void {
    const id = messageId(raw);
    let message;
    try {
      message = parseMessage(raw);
    } catch (error) {
      return reply(peer, { type: 'error', ...(id !== undefined && { id }), reason: `The message was refused: ${(error as Error).message}` });
    }
    if (message.room !== session.room) return reply(peer, { type: 'error', id: message.id, reason: 'The message is for another room than the one joined.' });
    if (message.sender.id !== session.user.id) return reply(peer, { type: 'error', id: message.id, reason: 'The message sender is not the joined user.' });
    options.history.append(session.room, message).then(
      ({ message: stored, duplicate }) => {
        if (duplicate && stored.sender.id !== session.user.id) {
          return reply(peer, { type: 'error', id: stored.id, reason: 'This message id is already used by another sender.' });
        }
        if (!delivery.dropAck()) reply(peer, { type: 'ack', id: stored.id, seq: stored.seq });
        if (duplicate) return;
        const frame: ServerFrame = { type: 'message', message: stored };
        rooms.get(session.room)?.forEach((other) => other !== peer && delivery.broadcast(other, frame, (held) => send(other, held)));
      },
      () => reply(peer, { type: 'error', id: message.id, reason: 'The message could not be stored; send it again.' }),
    );
  }

  /** Sends a broadcast to a member, or holds it while the member's join is still reading its page. */
  function send(peer: Peer, frame: ServerFrame): void {
    if (peer.backlog !== undefined) peer.backlog.push(frame);
    else reply(peer, frame);
  }

  function history(peer: Peer, session: Session, frame: Extract<IncomingFrame, { type: 'history' }>): void {
    const limit = Math.min(frame.limit ?? HISTORY_ON_JOIN, MAX_HISTORY_PAGE);
    const { before, after, requestId } = frame;
    options.history.page(session.room, { ...(before !== undefined && { before }), ...(after !== undefined && { after }), limit }).then(
      (messages) => reply(peer, { type: 'history', requestId, messages }),
      () => reply(peer, { type: 'error', requestId, reason: 'The history could not be read; ask again later.' }),
    );
  }

  function checkAlive(peer: Peer): void {
    if (!peer.alive) return peer.socket.terminate();
    peer.alive = false;
    peer.socket.ping();
  }
}

/** The id or request id an error about `frame` should carry back. */
function echo(frame: IncomingFrame): { id?: string; requestId?: string } {
  if (frame.type === 'history') return { requestId: frame.requestId };
  const id = frame.type === 'send' ? messageId(frame.message) : undefined;
  return id === undefined ? {} : { id };
}

/** The id of a raw message, when it has a plausible one. */
function messageId(raw: unknown): string | undefined {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.length <= 128 ? id : undefined;
}

/** Sends a frame if the socket is open; a socket too slow to drain what it is sent is dropped. */
function reply(peer: Peer, frame: ServerFrame): void {
  const socket = peer.socket;
  if (socket.readyState !== socket.OPEN) return;
  if (socket.bufferedAmount > MAX_BUFFERED_BYTES) return socket.terminate();
  socket.send(JSON.stringify(frame));
}

/** Closes sockets with "going away", and cuts those that have not closed after a short grace. */
async function closeAll(sockets: WebSocket[]): Promise<void> {
  const closed = sockets.map(
    (socket) =>
      new Promise<void>((resolve) => {
        if (socket.readyState === socket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close(1001, 'The server is shutting down.');
      }),
  );
  const grace = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref());
  await Promise.race([Promise.all(closed), grace]);
  sockets.forEach((socket) => socket.readyState !== socket.CLOSED && socket.terminate());
}
