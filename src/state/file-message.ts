import type { Attachment, ChatMessage } from '../model/message.ts';
import type { StagedFile } from './types.ts';

/** A file message without its attachment, made by the store. */
export type FileMessageDraft = Omit<ChatMessage, 'attachments' | 'text'>;

/** The message of a staged file as it shows at once: name, size, type, caption and alt text; no URL yet. */
export function draftFileMessage(draft: FileMessageDraft, { file, caption, alt }: StagedFile): ChatMessage {
  const attachment: Attachment = { url: '', name: file.name || 'untitled', size: file.size, mime: file.type || 'application/octet-stream' };
  if (caption) attachment.caption = caption;
  if (alt) attachment.alt = alt;
  return { ...draft, attachments: [attachment] };
}
