import { fileKind } from '../../model/format.ts';
import type { Attachment, ChatMessage } from '../../model/message.ts';
import type { AttachmentRef } from '../events.ts';

/** One image or video the lightbox can show: which attachment of which message, and the attachment. */
export interface LightboxImage extends AttachmentRef {
  attachment: Attachment;
}

/** Whether a file of type `mime` shows in the lightbox (and as a tile of an album): an image or a video. */
export const isViewable = (mime: string) => ['image', 'video'].includes(fileKind(mime));

/** Every image and video attachment of `messages`, in order: what the lightbox steps through. */
export function imagesIn(messages: Iterable<ChatMessage>): LightboxImage[] {
  const images: LightboxImage[] = [];
  for (const message of messages) {
    message.attachments?.forEach((attachment, index) => {
      if (isViewable(attachment.mime)) images.push({ messageId: message.id, index, attachment });
    });
  }
  return images;
}

/** Where the image `ref` names is in `images`, or -1. */
export function indexOfImage(images: readonly LightboxImage[], ref: AttachmentRef): number {
  return images.findIndex((image) => image.messageId === ref.messageId && image.index === ref.index);
}
