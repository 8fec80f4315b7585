export type { Attachment, ChatMessage, DeliveryState, Sender } from './message.ts';
export { MAX_MESSAGE_BYTES } from './message.ts';
export { InvalidMessageError, messageBytes, parseMessage } from './schema.ts';
export { createId } from './ids.ts';
export { displayName } from './display-name.ts';
export { fileKind, formatBytes, type FileKind } from './format.ts';
export { safeThumbnail } from './safe-thumbnail.ts';
export { safeUrl } from './safe-url.ts';
