/**
 * Reading client frames of the relay protocol (`src/transport/protocol.ts`) from raw text.
 * The message inside a `send` frame is left raw: the relay validates it with `parseMessage`.
 */
import * as v from 'valibot';
import type { Sender } from '../src/model/message.ts';

const seq = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));
const text = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));

const joinFrame = v.object({
  type: v.literal('join'),
  room: text(256),
  user: v.object({ id: text(256), name: v.optional(v.pipe(v.string(), v.maxLength(256))) }),
  after: v.optional(seq),
  /** Checked by the relay (when it has a secret), so that any bad token closes the socket the same way. */
  token: v.optional(v.unknown()),
});

const pingFrame = v.object({ type: v.literal('ping') });

const sendFrame = v.object({ type: v.literal('send'), message: v.unknown() });

const historyFrame = v.object({
  type: v.literal('history'),
  requestId: text(128),
  before: v.optional(seq),
  after: v.optional(seq),
  limit: v.optional(seq),
});

const clientFrame = v.variant('type', [joinFrame, sendFrame, historyFrame, pingFrame]);

/** A client frame as read from the wire: like `ClientFrame`, with the sent message still unvalidated. */
export type IncomingFrame =
  | { type: 'join'; room: string; user: Sender; after?: number; token?: unknown }
  | { type: 'send'; message: unknown }
  | { type: 'history'; requestId: string; before?: number; after?: number; limit?: number }
  | { type: 'ping' };

/** Why a frame could not be read, with what the error frame may echo back. */
export interface FrameProblem {
  reason: string;
  id?: string;
  requestId?: string;
}

/** Reads one text frame; a problem names what was wrong in a sentence fit for an `error` frame. */
export function readFrame(raw: string): { frame: IncomingFrame } | { problem: FrameProblem } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { problem: { reason: 'The frame is not valid JSON.' } };
  }
  const result = v.safeParse(clientFrame, value);
  if (result.success) return { frame: result.output };
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const known = record.type === 'join' || record.type === 'send' || record.type === 'history' || record.type === 'ping';
  const issue = result.issues[0];
  const path = issue.path?.map((item) => String(item.key)).join('.');
  const reason = known ? `The ${String(record.type)} frame is malformed${path ? ` at ${path}` : ''}: ${issue.message}` : 'Unknown frame type.';
  const requestId = typeof record.requestId === 'string' && record.requestId.length <= 128 ? record.requestId : undefined;
  return { problem: { reason, ...(requestId !== undefined && { requestId }) } };
}
