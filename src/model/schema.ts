import * as v from 'valibot';
import type { ChatMessage } from './message.ts';
import { MAX_MESSAGE_BYTES } from './message.ts';

const MAX_TEXT = 2000;
const MAX_NAME = 1000;

const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));
const shortText = (max: number) => v.pipe(v.string(), v.maxLength(max));

/** `type/subtype` only: parameters dropped, lower-cased, anything else refused. */
const mimeType = v.pipe(
  v.string(),
  v.transform((value) => value.split(';')[0]!.trim().toLowerCase()),
  v.regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/),
);

const attachmentSchema = v.object({
  url: shortText(2048),
  name: shortText(MAX_NAME),
  size: count,
  mime: mimeType,
  width: v.optional(count),
  height: v.optional(count),
  durationMs: v.optional(count),
  thumbnail: v.optional(shortText(4096)),
  placeholder: v.optional(shortText(128)),
  sha256: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/))),
  caption: v.optional(shortText(MAX_TEXT)),
  alt: v.optional(shortText(MAX_TEXT)),
});

/** The schema every message from the wire must pass. Unknown fields are dropped. */
export const messageSchema = v.pipe(
  v.object({
    id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
    room: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
    sender: v.object({
      id: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
      name: v.optional(shortText(256)),
    }),
    createdAt: count,
    seq: v.optional(count),
    text: v.optional(shortText(MAX_TEXT)),
    attachments: v.optional(v.pipe(v.array(attachmentSchema), v.maxLength(10))),
    location: v.optional(
      v.object({
        lat: v.pipe(v.number(), v.minValue(-90), v.maxValue(90)),
        lon: v.pipe(v.number(), v.minValue(-180), v.maxValue(180)),
      }),
    ),
  }),
  v.check((message) => message.text !== undefined || (message.attachments?.length ?? 0) > 0, 'a message needs text or a file'),
);

/** Why a value from the wire was not accepted as a message. */
export class InvalidMessageError extends Error {
  override name = 'InvalidMessageError';
}

/** Size of a message's wire form in bytes. */
export function messageBytes(message: ChatMessage): number {
  return new TextEncoder().encode(JSON.stringify(message)).length;
}

/**
 * Validates a value that arrived from the wire and returns a plain, well-formed message.
 * @throws InvalidMessageError naming the first problem.
 */
export function parseMessage(input: unknown): ChatMessage {
  const result = v.safeParse(messageSchema, input);
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue.path?.map((item) => String(item.key)).join('.') ?? 'message';
    throw new InvalidMessageError(`${path}: ${issue.message}`);
  }
  const message = result.output as ChatMessage;
  if (messageBytes(message) > MAX_MESSAGE_BYTES) {
    throw new InvalidMessageError(`message is larger than ${MAX_MESSAGE_BYTES} bytes`);
  }
  return message;
}
