import type { Attachment, ChatMessage, Sender } from './message.ts';
import { MAX_MESSAGE_BYTES } from './message.ts';

const MAX_TEXT = 2000;
const MAX_NAME = 1000;
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;
const SHA256 = /^[0-9a-f]{64}$/;
const GROUP_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Why a value from the wire was not accepted as a message. */
export class InvalidMessageError extends Error {
  override name = 'InvalidMessageError';
}

/** Reads one value from the wire at `path` (like `attachments.0.size`) and returns it, or throws naming the path. */
type Field<T> = ((value: unknown, path: string) => T) & { isOptional?: true };

function fail(path: string, problem: string): never {
  throw new InvalidMessageError(`${path || 'message'}: ${problem}`);
}

function string(max: number, min = 0): Field<string> {
  const problem = min > 0 ? `must be text of ${min} to ${max} characters` : `must be text of at most ${max} characters`;
  return (value, path) => (typeof value === 'string' && value.length >= min && value.length <= max ? value : fail(path, problem));
}

function number(min: number, max: number): Field<number> {
  return (value, path) => (typeof value === 'number' && value >= min && value <= max ? value : fail(path, `must be a number from ${min} to ${max}`));
}

/** A whole number of bytes, pixels, milliseconds or a position: never negative, never past exact integers. */
const count: Field<number> = (value, path) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= Number.MAX_SAFE_INTEGER
    ? value
    : fail(path, `must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`);

/** `type/subtype` only: parameters dropped, lower-cased, anything else refused. */
const mimeType: Field<string> = (value, path) => {
  const type = typeof value === 'string' ? value.split(';')[0]!.trim().toLowerCase() : '';
  return MIME_TYPE.test(type) ? type : fail(path, 'must be a media type like image/png');
};

const sha256: Field<string> = (value, path) => (typeof value === 'string' && SHA256.test(value) ? value : fail(path, 'must be 64 lower-case hex digits'));

/** A group id: a short token, never markup, a path or whitespace. */
const groupId: Field<string> = (value, path) =>
  typeof value === 'string' && GROUP_ID.test(value) ? value : fail(path, 'must be 1 to 64 letters, digits, - or _');

/** Lets the field be absent or `undefined`; any other value must pass `field`. */
function optional<T>(field: Field<T>): Field<T | undefined> {
  return Object.assign((value: unknown, path: string) => (value === undefined ? undefined : field(value, path)), { isOptional: true as const });
}

function array<T>(item: Field<T>, max: number): Field<T[]> {
  return (value, path) => {
    if (!Array.isArray(value) || value.length > max) fail(path, `must be a list of at most ${max}`);
    const items: T[] = [];
    for (let index = 0; index < value.length; index++) items.push(item(value[index], `${path}.${index}`));
    return items;
  };
}

/** A fresh plain object with only the listed fields, checked in order; unknown fields are dropped. */
function object<T>(fields: { [K in keyof T]-?: Field<T[K]> }): Field<T> {
  return (value, path) => {
    if (!value || typeof value !== 'object') fail(path, 'must be an object');
    const output: Record<string, unknown> = {};
    for (const [key, field] of Object.entries<Field<unknown>>(fields)) {
      const at = path ? `${path}.${key}` : key;
      if (key in value) output[key] = field((value as Record<string, unknown>)[key], at);
      else if (!field.isOptional) fail(at, 'is missing');
    }
    return output as T;
  };
}

const readAttachment = object<Attachment>({
  url: string(2048),
  name: string(MAX_NAME),
  size: optional(count),
  mime: mimeType,
  width: optional(count),
  height: optional(count),
  durationMs: optional(count),
  thumbnail: optional(string(4096)),
  placeholder: optional(string(128)),
  sha256: optional(sha256),
  caption: optional(string(MAX_TEXT)),
  alt: optional(string(MAX_TEXT)),
});

const readMessage = object<ChatMessage>({
  id: string(128, 1),
  room: string(256, 1),
  sender: object<Sender>({ id: string(256, 1), name: optional(string(256)), avatar: optional(string(2048)) }),
  createdAt: count,
  seq: optional(count),
  text: optional(string(MAX_TEXT)),
  attachments: optional(array(readAttachment, 10)),
  group: optional(groupId),
  location: optional(object({ lat: number(-90, 90), lon: number(-180, 180) })),
});

/** Size of a message's wire form in bytes. */
export function messageBytes(message: ChatMessage): number {
  return new TextEncoder().encode(JSON.stringify(message)).length;
}

/**
 * Validates a value that arrived from the wire and returns a plain, well-formed message.
 * Unknown fields are dropped; an optional field given as `undefined` is kept as `undefined`.
 * @throws InvalidMessageError naming the first problem as `field.path: what is wrong`.
 */
export function parseMessage(input: unknown): ChatMessage {
  const parsed = readMessage(input, '');
  if (parsed.text === undefined && (parsed.attachments?.length ?? 0) === 0) fail('', 'a message needs text or a file');
  if (messageBytes(parsed) > MAX_MESSAGE_BYTES) {
    throw new InvalidMessageError(`message is larger than ${MAX_MESSAGE_BYTES} bytes`);
  }
  return parsed;
}
