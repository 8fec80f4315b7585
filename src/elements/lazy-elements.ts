import { loadOnce } from '../model/load-once.ts';

/**
 * Elements whose code loads the first time one is needed. The drop-in module defers
 * `<file-bubble>` and `<chat-lightbox>` this way, so a page that only chats never downloads them;
 * the package entry (`define.ts`) defines every element at once and defers nothing.
 */
const deferred = new Map<string, () => Promise<void>>();

/**
 * Registers how to load `tag`'s class; it is defined on the first `needElement(tag)`. When its
 * code cannot be loaded (offline), the next need tries again.
 */
export function deferElement(tag: string, load: () => Promise<CustomElementConstructor>): void {
  if (customElements.get(tag)) return;
  const define = (element: CustomElementConstructor) => {
    deferred.delete(tag);
    if (!customElements.get(tag)) customElements.define(tag, element);
  };
  const report = (error: unknown) => {
    console.error(`Chatdrop could not load <${tag}>:`, error);
    throw error;
  };
  deferred.set(tag, loadOnce(() => load().then(define, report)));
}

/**
 * Makes sure `tag` is (or will shortly be) defined: loads and defines a deferred element the
 * first time. Elements made before that upgrade when it is defined, keeping the properties set
 * on them. Cheap to call on every render.
 */
export function needElement(tag: string): void {
  deferred.get(tag)?.().catch(() => undefined);
}

/** Defines the deferred elements the page itself uses (outside Chatdrop's own shadow roots), now and as they are added. */
export function watchDocumentForDeferredElements(root: Document = document): void {
  const needUsed = (node: ParentNode) => {
    for (const tag of deferred.keys()) if (node.querySelector(tag)) needElement(tag);
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        needElement(node.localName);
        needUsed(node);
      }
    }
    if (deferred.size === 0) observer.disconnect();
  });
  observer.observe(root, { childList: true, subtree: true });
  needUsed(root);
}
