/**
 * `/ws`: the WebSocket relay of `src/transport/protocol.ts`. A socket joins one room, gets its recent
 * history, sends messages that are validated, stored durably with a `seq`, acked to the sender and
 * relayed to the room's other sockets in `seq` order. The relay never fetches a URL from a message.
 * On a closed server a join needs a JWT for its user and room (`auth.ts`), the name shown is the
 * token's, and only allowed origins may open `/ws`; attachment URLs must be http(s) and thumbnails
 * raster `data:` images (`message-urls.ts`). Frames (pings too) are rate limited per socket, per
 * user and per address, stored messages per room; unread output and history pages are bounded
 * (`limits.ts`, `output-guard.ts`).
 * History is reached only through the `History` interface; the relay itself keeps no messages,
 * only the sockets of each room that has some.
 */
import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import type { ChatMessage, Sender } from '../src/model/message.ts';
import { parseMessage } from '../src/model/schema.ts';
import { HISTORY_ON_JOIN, MAX_HISTORY_PAGE, type ServerFrame } from '../src/transport/protocol.ts';
import { readFrame, type IncomingFrame } from './frames.ts';
import type { History } from './history.ts';
import { DEFAULT_LIMITS, pageFrame, type Limits } from './limits.ts';
import { createOutputGuard } from './output-guard.ts';
import { createFanOut } from './fan-out.ts';
import { createBucketMap, createTokenBucket, DEFAULT_RATE_LIMIT, type RateLimit, type TokenBucket } from './rate-limit.ts';
import { createAuth, type Auth } from './auth.ts';
import { messageUrlProblem } from './message-urls.ts';

/** Options of the relay. */
export interface RelayOptions {
  /** Where messages are stored. */
  history: History;
  /** Largest frame read, in bytes; a bigger one is answered with an `error` frame. */
  maxFrameBytes: number;
  /** Milliseconds between pings; a socket that has not answered the previous ping is dropped. Default 20 000. */
  pingIntervalMs?: number;
  /** Who may join which room, and from which origins (`auth.ts`). Default: open to anyone. */
  auth?: Auth;
  /** Frames per connection, pings included. Default `DEFAULT_RATE_LIMIT`. */
  rateLimit?: RateLimit;
  /** Rates per user, address and room, output and history page bounds. Default `DEFAULT_LIMITS`. */
  limits?: Limits;
  /** How acks and broadcasts leave the relay. Default: sent as they are (tests put faults here, see `testing/relay-faults.ts`). */
  delivery?: RelayDelivery;
}

/** Close code for a join refused for its token. */
export const CLOSE_UNAUTHORIZED = 4001;

/** Open to anyone: the relay's default access rules. */
const OPEN = createAuth({});

/** Frames above this are cut by the WebSocket layer itself (closing the socket), whatever the cap. */
const MIN_HARD_CEILING = 2 * 1024 * 1024;
/** History pages a socket may have asked for and not received yet. */
const MAX_PAGES_IN_FLIGHT = 2;
/** A socket refused this many frames in a row, past `REFUSAL_GRACE_MS`, ignores `retryAfterMs`: it is closed. */
const REFUSALS_BEFORE_CLOSE = 100;
/** How long after its first refusal a socket's frames are not counted against it (they were sent before it could know). */
const REFUSAL_GRACE_MS = 1000;
/**
 * How long a socket's later messages wait for the ones refused for a rate to come again (in the
 * order refused) before they may go first: a client that never sends one again stops holding
 * the others after this long.
 */
const RESEND_ORDER_MS = 10_000;
/** Refused messages a socket must send again before others, at most (older ones are not waited for). */
const MAX_RESENDS_AWAITED = 1000;
/** Close code for a socket that went on sending far past its rate limit (policy violation). */
export const CLOSE_TOO_MANY_FRAMES = 1008;
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
  /** The client's address, for the per-address rate. */
  address: string;
  /** The joined user's id, for the per-user rate. */
  userId?: string;
  /** Frames refused in a row for the rate limit, past the grace. */
  refused: number;
  /** Until when (performance.now ms) every frame is refused, so a refused message is never overtaken by a later one. */
  heldUntil: number;
  /** When the current run of refusals began; 0 when the last frame was accepted. */
  heldSince: number;
  /** History pages asked for and not sent yet. */
  pagesInFlight: number;
  /**
   * The ids of messages refused for a rate, in the order refused, not yet sent again: a message
   * sent while any waits is refused too unless it is the first of them, so messages in flight when
   * the first was refused cannot overtake it (a wait of a few ms ends before they arrive).
   */
  resendsAwaited: Array<{ id: string; frame: number }>;
  /** The ids in `resendsAwaited`. */
  awaitedIds: Set<string>;
  /** Frames received so far: each frame's number orders its refusal among the sends still being relayed. */
  framesIn: number;
  /** When the socket last had a message refused or awaited one accepted (performance.now ms). */
  resendsAwaitedSince: number;
  /** Set by the `join` frame; resolves to the session once `joined` is sent (or `undefined` if the join failed). */
  joined?: Promise<Session | undefined>;
  room?: string;
  /** Broadcasts that arrived while the join's history page was being read, sent after `joined`. */
  backlog?: ServerFrame[];
  /** The seq of the newest message its join's history page held: a broadcast fanned out later is not sent again. */
  seenSeq?: number;
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
  const limits = options.limits ?? DEFAULT_LIMITS;
  const users = createBucketMap(limits.userRate);
  const addresses = createBucketMap(limits.addressRate);
  const roomRates = createBucketMap(limits.roomRate);
  const fanOut = createFanOut();
  const output = createOutputGuard(limits, function* () {
    for (const peer of peers) yield peer.socket;
  });
  const reply = (peer: Peer, frame: ServerFrame): void => {
    if (peer.socket.readyState === peer.socket.OPEN) output.send(peer.socket, serialize(frame));
  };
  const heartbeat = setInterval(() => {
    peers.forEach(checkAlive);
    [users, addresses, roomRates].forEach((buckets) => buckets.prune());
  }, options.pingIntervalMs ?? 20_000);
  heartbeat.unref();

  await app.register(websocket, {
    options: { maxPayload: Math.max(options.maxFrameBytes * 16, MIN_HARD_CEILING) },
    preClose: async () => {
      clearInterval(heartbeat);
      fanOut.flush();
      output.stop();
      delivery.flush();
      await closeAll([...peers].map((peer) => peer.socket));
      app.websocketServer.close();
    },
  });

  const auth = options.auth ?? OPEN;
  // Cross-site WebSocket hijacking: a page of another site may not open the relay.
  const preValidation = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (auth.allowsOrigin(request.headers.origin, request.headers.host)) return;
    await reply.code(403).send({ error: 'This origin may not open the relay: add it to ALLOWED_ORIGINS.' });
  };

  app.get('/ws', { websocket: true, preValidation }, (socket, request) => {
    const peer: Peer = { socket, alive: true, bucket: createTokenBucket(rateLimit), address: request.ip, refused: 0, heldUntil: 0, heldSince: 0, pagesInFlight: 0, resendsAwaited: [], awaitedIds: new Set(), resendsAwaitedSince: 0, framesIn: 0 };
    peers.add(peer);
    output.track(socket);
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

  /** Spends a token of the socket's, the address's and the user's rate: `0`, or the ms to wait. */
  function admit(peer: Peer): number {
    const now = performance.now();
    if (now < peer.heldUntil) return hold(peer, now, 0);
    const socketWait = peer.bucket.take();
    const addressWait = addresses.take(peer.address);
    const wait = Math.max(socketWait, addressWait, peer.userId === undefined ? 0 : users.take(peer.userId));
    return wait > 0 ? hold(peer, now, wait) : 0;
  }

  /**
   * Refuses a frame for a rate: every frame of the socket is refused until the wait is over (so
   * the client's resends keep their order), and a socket that goes on sending past the grace
   * (a client honouring `retryAfterMs` does not) is closed, so a flood stops costing the server,
   * and other rooms, its time. Answers the ms to wait.
   */
  function hold(peer: Peer, now: number, waitMs: number): number {
    if (peer.heldSince === 0) peer.heldSince = now;
    peer.heldUntil = Math.max(peer.heldUntil, now + waitMs);
    if (now - peer.heldSince > REFUSAL_GRACE_MS && ++peer.refused > REFUSALS_BEFORE_CLOSE) {
      peer.socket.close(CLOSE_TOO_MANY_FRAMES, 'Too many frames past the rate limit.');
    }
    return Math.max(1, Math.ceil(peer.heldUntil - now));
  }

  /** A frame got through every rate: the run of refusals is over. */
  function accepted(peer: Peer): void {
    peer.heldSince = 0;
    peer.refused = 0;
  }

  function onData(peer: Peer, data: RawData, isBinary: boolean): void {
    const frameNumber = ++peer.framesIn;
    const retryAfterMs = admit(peer);
    if (isBinary) return reply(peer, { type: 'error', reason: 'Frames must be JSON text.' });
    const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data;
    if (bytes.length > options.maxFrameBytes) {
      return reply(peer, { type: 'error', reason: `The frame is larger than the relay's limit of ${options.maxFrameBytes} bytes.` });
    }
    const read = readFrame(bytes.toString('utf8'));
    if (retryAfterMs > 0) {
      if ('frame' in read && read.frame.type === 'send') awaitResend(peer, messageId(read.frame.message), frameNumber);
      const about = 'frame' in read ? echo(read.frame) : { ...(read.problem.requestId !== undefined && { requestId: read.problem.requestId }) };
      return reply(peer, { type: 'error', ...about, reason: 'Too many frames; slow down and send again later.', retryAfterMs });
    }
    if ('problem' in read) return reply(peer, { type: 'error', ...read.problem });
    const frame = read.frame;
    if (frame.type !== 'send') accepted(peer);
    if (frame.type === 'ping') return reply(peer, { type: 'pong' });
    if (frame.type === 'join') return join(peer, frame);
    const joined = peer.joined;
    if (joined === undefined) return reply(peer, { type: 'error', ...echo(frame), reason: 'Join a room first.' });
    void joined.then((session) => {
      if (session === undefined) reply(peer, { type: 'error', ...echo(frame), reason: 'Join a room first.' });
      else if (frame.type === 'send') relay(peer, session, frame.message, frameNumber);
      else history(peer, session, frame);
    });
  }

  function join(peer: Peer, frame: Extract<IncomingFrame, { type: 'join' }>): void {
    if (peer.joined !== undefined) return reply(peer, { type: 'error', reason: 'This connection has already joined a room.' });
    if (auth.isOpen) {
      peer.joined = enter(peer, frame, frame.user);
      return;
    }
    peer.joined = auth.checkJoin(frame.token, frame.user.id, frame.room).then((check) => {
      if (!check.ok) {
        reply(peer, { type: 'error', reason: check.reason, ...(check.isExpired && { code: 'token-expired' as const }) });
        peer.socket.close(CLOSE_UNAUTHORIZED, 'The join token was refused.');
        return undefined;
      }
      // The name shown is the token's, whatever the client says (no impersonation).
      const { name } = check.claims;
      return peers.has(peer) ? enter(peer, frame, { id: check.claims.user, ...(name !== undefined && { name }) }) : undefined;
    });
  }

  /** Makes a peer a member of the frame's room as `user`, and sends it the room's history page. */
  function enter(peer: Peer, frame: Extract<IncomingFrame, { type: 'join' }>, user: Sender): Promise<Session | undefined> {
    // A member from now on, so no message stored while the page is read is missed: it waits in the backlog.
    peer.room = frame.room;
    peer.userId = user.id;
    peer.backlog = [];
    let members = rooms.get(frame.room);
    if (members === undefined) rooms.set(frame.room, (members = new Set()));
    members.add(peer);
    const query = frame.after === undefined ? { limit: HISTORY_ON_JOIN } : { after: frame.after, limit: MAX_HISTORY_PAGE };
    return options.history.page(frame.room, query).then(
      (page) => {
        const backlog = peer.backlog ?? [];
        peer.backlog = undefined;
        if (!peers.has(peer)) return undefined;
        const { bytes, kept: messages } = pageFrame({ type: 'joined', room: frame.room }, page, limits.historyPageBytes, frame.after === undefined ? 'newest' : 'oldest');
        output.send(peer.socket, bytes);
        const seen = messages.at(-1)?.seq ?? frame.after ?? 0;
        peer.seenSeq = seen;
        backlog.forEach((held) => (held.type !== 'message' || (held.message.seq ?? 0) > seen) && reply(peer, held));
        return { room: frame.room, user };
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

  /** Notes a message refused for a rate: it must come again before the socket's later ones. */
  /**
   * Notes a message refused for a rate, in the place of the frame that carried it (a rate
   * refusal is answered at once, while sends before it may still be relayed after).
   */
  function awaitResend(peer: Peer, id: string | undefined, frame: number): void {
    const awaited = peer.resendsAwaited;
    if (id === undefined || peer.awaitedIds.has(id) || awaited.length >= MAX_RESENDS_AWAITED) return;
    if (awaited.length === 0) peer.resendsAwaitedSince = performance.now();
    let at = awaited.length;
    while (at > 0 && awaited[at - 1]!.frame > frame) at--;
    awaited.splice(at, 0, { id, frame });
    peer.awaitedIds.add(id);
  }

  function relay(peer: Peer, session: Session, raw: unknown, frame: number): void {
    const id = messageId(raw);
    const awaited = peer.resendsAwaited[0];
    // Only a refusal of a frame that came before this one holds it back.
    const isHeldBack = awaited !== undefined && awaited.frame < frame && id !== awaited.id;
    if (isHeldBack) {
      if (performance.now() - peer.resendsAwaitedSince <= RESEND_ORDER_MS) {
        awaitResend(peer, id, frame);
        return reply(peer, { type: 'error', ...(id !== undefined && { id }), reason: 'A message sent before this one must be sent again first.', retryAfterMs: 50 });
      }
      peer.resendsAwaited = [];
      peer.awaitedIds.clear();
    }
    // Before any other work: a flooded room costs the server as little as possible.
    const roomWait = roomRates.take(session.room);
    if (roomWait > 0) {
      const retryAfterMs = hold(peer, performance.now(), roomWait);
      awaitResend(peer, id, frame);
      return reply(peer, { type: 'error', ...(id !== undefined && { id }), reason: 'This room is busy; the message will be sent again shortly.', retryAfterMs });
    }
    if (id !== undefined && id === peer.resendsAwaited[0]?.id) {
      peer.resendsAwaited.shift();
      peer.awaitedIds.delete(id);
      peer.resendsAwaitedSince = performance.now();
    }
    accepted(peer);
    let message;
    try {
      message = parseMessage(raw);
    } catch (error) {
      return reply(peer, { type: 'error', ...(id !== undefined && { id }), reason: `The message was refused: ${(error as Error).message}` });
    }
    if (message.room !== session.room) return reply(peer, { type: 'error', id: message.id, reason: 'The message is for another room than the one joined.' });
    if (message.sender.id !== session.user.id) return reply(peer, { type: 'error', id: message.id, reason: 'The message sender is not the joined user.' });
    const urlProblem = messageUrlProblem(message);
    if (urlProblem !== undefined) return reply(peer, { type: 'error', id: message.id, reason: `The message was refused: ${urlProblem}` });
    if (!auth.isOpen) {
      const { name: _claimed, ...sender } = message.sender;
      message = { ...message, sender: { ...sender, ...(session.user.name !== undefined && { name: session.user.name }) } };
    }
    options.history.append(session.room, message).then(
      ({ message: stored, duplicate }) => {
        if (duplicate && stored.sender.id !== session.user.id) {
          return reply(peer, { type: 'error', id: stored.id, reason: 'This message id is already used by another sender.' });
        }
        if (!delivery.dropAck()) reply(peer, { type: 'ack', id: stored.id, seq: stored.seq });
        if (duplicate) return;
        fanOut.add(session.room, () => broadcast(session.room, peer, stored));
      },
      () => reply(peer, { type: 'error', id: message.id, reason: 'The message could not be stored; send it again.' }),
    );
  }

  /**
   * Sends a stored message to the members of `room` when its turn comes (`fanOut`), but to its
   * sender, and to a member whose join's history page held it already (one who joined since).
   */
  function broadcast(room: string, sender: Peer, stored: ChatMessage): void {
    const frame: ServerFrame = { type: 'message', message: stored };
    const seq = stored.seq ?? 0;
    rooms.get(room)?.forEach((other) => other !== sender && (other.seenSeq ?? 0) < seq && delivery.broadcast(other, frame, (held) => send(other, held)));
  }

  /** Sends a broadcast to a member, or holds it while the member's join is still reading its page. */
  function send(peer: Peer, frame: ServerFrame): void {
    if (peer.backlog !== undefined) peer.backlog.push(frame);
    else reply(peer, frame);
  }

  function history(peer: Peer, session: Session, frame: Extract<IncomingFrame, { type: 'history' }>): void {
    const limit = Math.min(frame.limit ?? HISTORY_ON_JOIN, MAX_HISTORY_PAGE);
    const { before, after, requestId } = frame;
    // A socket that does not read what it asked for before gets no more pages made for it.
    if (!output.canSend(peer.socket)) return;
    if (peer.pagesInFlight >= MAX_PAGES_IN_FLIGHT) {
      return reply(peer, { type: 'error', requestId, reason: 'Too many history pages asked for at once; ask again when one has come.', retryAfterMs: 100 });
    }
    peer.pagesInFlight++;
    options.history
      .page(session.room, { ...(before !== undefined && { before }), ...(after !== undefined && { after }), limit })
      .then(
        (messages) => output.canSend(peer.socket) && output.send(peer.socket, pageFrame({ type: 'history', requestId }, messages, limits.historyPageBytes, after === undefined ? 'newest' : 'oldest').bytes),
        () => reply(peer, { type: 'error', requestId, reason: 'The history could not be read; ask again later.' }),
      )
      .finally(() => peer.pagesInFlight--);
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

let lastFrame: ServerFrame | undefined;
let lastBytes = Buffer.alloc(0);

/** A frame as JSON bytes; a broadcast is serialised once and the same bytes go to every receiver. */
function serialize(frame: ServerFrame): Buffer {
  if (frame !== lastFrame) {
    lastFrame = frame;
    lastBytes = Buffer.from(JSON.stringify(frame));
  }
  return lastBytes;
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
