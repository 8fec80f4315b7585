import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { fileKind } from '../../model/format.ts';
import { displayName } from '../../model/display-name.ts';
import type { StagedFile } from '../../state/types.ts';
import { enFileSend } from '../locales/en-file-send.ts';
import { withEnglish, type ChatStrings } from '../strings.ts';
import { moveItem, stagedDetails, stagedFile, type StagedFileView, type TrayItem } from './staged-file.ts';
import { TrayDrag } from './tray-drag.ts';

/** What the tray needs from the composer holding it. */
export interface StagedFilesHost extends ReactiveControllerHost, HTMLElement {}

/** What the tray asks of the composer. */
export interface StagedFilesOptions {
  /** The words to show (the English words of sending files come with the tray). */
  strings(): ChatStrings;
  /** Says a sentence in the composer's live region (where a file moved). */
  announce(sentence: string): void;
  /** A key in a staged file's field that is not a move: the composer's own (Enter sends). */
  onFieldKeyDown(event: KeyboardEvent): void;
  /** Puts the caret in the message field (when the last file is removed from under it). */
  focusMessage(): void;
}

/**
 * The composer's tray, made when the first file is attached: the files staged to send, in order,
 * with the caption and alt text written for each; their previews (object URLs, made on first
 * show and revoked with the file or when the composer leaves the page); one row of them, and
 * under it the details of the one opened (its caption, alt text and order); removing, editing
 * and moving them (buttons, Alt+arrows, dragging); and the tray's template.
 */
export class StagedFiles implements ReactiveController {
  /** The staged files, in the order they will be sent. */
  items: readonly TrayItem[] = [];

  /** The file whose details are open. */
  #openKey?: number;
  #nextKey = 0;
  #previews = new Map<number, string>();
  readonly #drag: TrayDrag;

  constructor(
    private readonly host: StagedFilesHost,
    private readonly options: StagedFilesOptions,
  ) {
    host.addController(this);
    this.#drag = new TrayDrag(host, (key, ontoKey) => void this.#move(key, this.#indexOf(ontoKey)));
  }

  hostDisconnected(): void {
    this.#revokePreviews();
  }

  /** Stages `files` after those already there. */
  add(files: readonly File[]): void {
    this.items = [...this.items, ...files.map((file) => ({ key: this.#nextKey++, file, caption: '', alt: '' }))];
    this.host.requestUpdate();
  }

  /** The staged files as the store sends them: caption and alt text trimmed, left out when empty. */
  toSend(): StagedFile[] {
    return this.items.map(({ file, caption, alt }) => {
      const staged: StagedFile = { file };
      if (caption.trim()) staged.caption = caption.trim();
      if (alt.trim()) staged.alt = alt.trim();
      return staged;
    });
  }

  /** The message field's placeholder while files are staged: what is typed is their caption. */
  captionHint(): string | undefined {
    return this.items.length > 0 ? this.#strings().addCaption : undefined;
  }

  /** Empties the tray (the files were sent). */
  clear(): void {
    this.items = [];
    this.#openKey = undefined;
    this.#revokePreviews();
    this.host.requestUpdate();
  }

  /** The tray, while it holds files: the row, and the open file's details under it. */
  render() {
    if (this.items.length === 0) return nothing;
    const t = this.#strings();
    const index = this.#indexOf(this.#openKey ?? -1);
    return html`<div class="tray-area">
      <ul part="tray" class="tray" aria-label=${t.trayLabel}>${repeat(this.items, (item) => item.key, (item, i) => stagedFile(item, this.#view(item, i, t)))}</ul>
      ${index < 0 ? nothing : stagedDetails(this.items[index]!, this.#view(this.items[index]!, index, t))}
    </div>`;
  }

  #view(item: TrayItem, index: number, t: ChatStrings): StagedFileView {
    const drag = this.#drag;
    return {
      t,
      index,
      total: this.items.length,
      preview: fileKind(item.file.type) === 'image' ? this.#previewOf(item) : undefined,
      isOpen: this.#openKey === item.key,
      isDragged: drag.draggedKey === item.key,
      isDropTarget: drag.targetKey === item.key && drag.draggedKey !== item.key,
      onToggle: () => void this.#toggle(item.key),
      onEdit: (change) => this.#edit(item.key, change),
      onRemove: () => void this.#remove(item.key),
      onMove: (to) => void this.#move(item.key, to),
      onFieldKeyDown: this.options.onFieldKeyDown,
      onClose: () => void this.#toggle(item.key),
      onDragStart: (event) => drag.start(event, item.key),
      onDragOver: (event) => drag.over(event, item.key),
      onDrop: (event) => drag.drop(event, item.key),
      onDragEnd: drag.end,
    };
  }

  /** The composer's words, with the English words of sending files below them. */
  #strings(): ChatStrings {
    return withEnglish(this.options.strings(), enFileSend);
  }

  #indexOf(key: number): number {
    return this.items.findIndex((item) => item.key === key);
  }

  /**
   * Opens a file's details and puts the caret in its caption, or closes them and gives focus
   * back to its preview button.
   */
  async #toggle(key: number): Promise<void> {
    const isOpening = this.#openKey !== key;
    this.#openKey = isOpening ? key : undefined;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const root = this.host.shadowRoot;
    const target = isOpening ? '[part~="caption"]' : `[data-key="${key}"] [part~="edit"]`;
    root?.querySelector<HTMLElement>(target)?.focus();
  }

  /** Removes a file; if focus was on it, moves focus to the file now in its place, or the message field. */
  async #remove(key: number): Promise<void> {
    const index = this.#indexOf(key);
    const root = this.host.shadowRoot;
    const hadFocus = root?.querySelector(`[data-key="${key}"]`)?.contains(root.activeElement) ?? false;
    const url = this.#previews.get(key);
    if (url) URL.revokeObjectURL(url);
    this.#previews.delete(key);
    this.items = this.items.filter((item) => item.key !== key);
    if (this.#openKey === key) this.#openKey = undefined;
    this.host.requestUpdate();
    if (!hadFocus) return;
    await this.host.updateComplete;
    const next = this.items[Math.min(index, this.items.length - 1)];
    if (next) root?.querySelector<HTMLElement>(`[data-key="${next.key}"] [part~="edit"]`)?.focus();
    else this.options.focusMessage();
  }

  #edit(key: number, change: Partial<Pick<TrayItem, 'caption' | 'alt'>>): void {
    this.items = this.items.map((item) => (item.key === key ? { ...item, ...change } : item));
    this.host.requestUpdate();
  }

  /** Moves a staged file to place `to`, says so, and keeps focus on the control that had it. */
  async #move(key: number, to: number): Promise<void> {
    const from = this.#indexOf(key);
    if (from < 0 || to < 0 || from === to) return;
    const focused = this.host.shadowRoot?.activeElement as HTMLElement | null | undefined;
    this.items = moveItem(this.items, from, to);
    this.options.announce(this.#strings().moved(displayName(this.items[to]!.file.name), to + 1, this.items.length));
    this.host.requestUpdate();
    await this.host.updateComplete;
    if (focused?.isConnected && this.host.shadowRoot?.activeElement !== focused) focused.focus();
  }

  /** The object URL that previews a staged image, made on first use and revoked with the file. */
  #previewOf(item: TrayItem): string {
    let url = this.#previews.get(item.key);
    if (!url) {
      url = URL.createObjectURL(item.file);
      this.#previews.set(item.key, url);
    }
    return url;
  }

  #revokePreviews(): void {
    for (const url of this.#previews.values()) URL.revokeObjectURL(url);
    this.#previews.clear();
  }
}
