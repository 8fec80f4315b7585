/**
 * The WebSocket protocol between `WebSocketTransport` and the reference relay (JSON text frames).
 *
 * Client to server:
 * - `{ type: 'join', room, user, after? }`: first frame; joins a room. The server answers `joined`
 *   with the stored messages after `after` (or the newest `HISTORY_ON_JOIN`).
 * - `{ type: 'send', message }`: store and relay; answered by `ack` (or `error` with the id).
 * - `{ type: 'history', requestId, before?, after?, limit? }`: answered by `history`.
 *
 * Server to client:
 * - `{ type: 'joined', room, messages }`
 * - `{ type: 'message', message }`: a message from someone else, with its `seq`.
 * - `{ type: 'ack', id, seq }`
 * - `{ type: 'history', requestId, messages }`
 * - `{ type: 'error', id?, requestId?, reason }`
 */
import type { ChatMessage, Sender } from '../model/message.ts';

export const HISTORY_ON_JOIN = 200;
export const MAX_HISTORY_PAGE = 500;

export type ClientFrame =
  | { type: 'join'; room: string; user: Sender; after?: number }
  | { type: 'send'; message: ChatMessage }
  | { type: 'history'; requestId: string; before?: number; after?: number; limit?: number };

export type ServerFrame =
  | { type: 'joined'; room: string; messages: ChatMessage[] }
  | { type: 'message'; message: ChatMessage }
  | { type: 'ack'; id: string; seq: number }
  | { type: 'history'; requestId: string; messages: ChatMessage[] }
  | { type: 'error'; id?: string; requestId?: string; reason: string };
