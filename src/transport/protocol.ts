/**
 * The WebSocket protocol between `WebSocketTransport` and the reference relay (JSON text frames).
 *
 * Client to server:
 * - `{ type: 'join', room, user, after?, token? }`: first frame; joins a room. The server answers
 *   `joined` with the stored messages after `after` (or the newest `HISTORY_ON_JOIN`). When the
 *   server is closed, `token` must be a JWT for this user (`sub`) and room (`rooms`).
 *   A refused join is answered `error` and closed with 4001; an expired token's error carries
 *   `code: 'token-expired'` (the widget asks its host for a fresh token and joins again).
 * - `{ type: 'send', message }`: store and relay; answered by `ack` (or `error` with the id).
 * - `{ type: 'history', requestId, before?, after?, limit? }`: answered by `history`.
 * - `{ type: 'ping' }`: answered by `pong` (the client's heartbeat, to find dead connections).
 *
 * Server to client:
 * - `{ type: 'joined', room, messages }`
 * - `{ type: 'message', message }`: a message from someone else, with its `seq`.
 * - `{ type: 'ack', id, seq }`
 * - `{ type: 'history', requestId, messages }`
 * - `{ type: 'pong' }`
 * - `{ type: 'error', id?, requestId?, reason, retryAfterMs? }`: with `retryAfterMs` the refusal is
 *   temporary (rate limit): the client keeps the message and sends it again after that delay.
 */
import type { ChatMessage, Sender } from '../model/message.ts';

export const HISTORY_ON_JOIN = 200;
export const MAX_HISTORY_PAGE = 500;

export type ClientFrame =
  | { type: 'join'; room: string; user: Sender; after?: number; token?: string }
  | { type: 'send'; message: ChatMessage }
  | { type: 'history'; requestId: string; before?: number; after?: number; limit?: number }
  | { type: 'ping' };

export type ServerFrame =
  | { type: 'joined'; room: string; messages: ChatMessage[] }
  | { type: 'message'; message: ChatMessage }
  | { type: 'ack'; id: string; seq: number }
  | { type: 'history'; requestId: string; messages: ChatMessage[] }
  | { type: 'pong' }
  | { type: 'error'; id?: string; requestId?: string; reason: string; retryAfterMs?: number; code?: 'token-expired' };
