import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { fileKind } from '../../model/format.ts';
import { displayName } from '../../model/display-name.ts';
import type { StagedFile } from '../../state/types.ts';
import { enFileSend } from '../locales/en-file-send.ts';
import { addEnglishStrings, type ChatStrings } from '../strings.ts';
import { moveItem, stagedFile, type TrayItem } from './staged-file.ts';
import { TrayDrag } from './tray-drag.ts';

// The English words of sending files (the tray's, the refusals') come with the code that stages them.
addEnglishStrings(enFileSend);

/** What the tray needs from the composer holding it. */
export interface StagedFilesHost extends ReactiveControllerHost, HTMLElement {}

/** What the tray asks of the composer. */
export interface StagedFilesOptions {
  /** The words to show. */
  strings(): ChatStrings;
  /** Says a sentence in the composer's live region (where a file moved). */
  announce(sentence: string): void;
}

/**
 * The composer's tray, made when the first file is attached: the files staged to send, in order,
 * with the caption and alt text written for each; their previews (object URLs, made on first
 * show and revoked with the file or when the composer leaves the page); removing, editing and
 * moving them (buttons, Alt+arrows, dragging by the handle); and the tray's template.
 */
export class StagedFiles implements ReactiveController {
  /** The staged files, in the order they will be sent. */
  items: readonly TrayItem[] = [];

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

  /** Empties the tray (the files were sent). */
  clear(): void {
    this.items = [];
    this.#revokePreviews();
    this.host.requestUpdate();
  }

  /** The tray, while it holds files. */
  render() {
    if (this.items.length === 0) return nothing;
    const t = this.options.strings();
    return html`<ul part="tray" class="tray" aria-label=${t.trayLabel}>${repeat(this.items, (item) => item.key, (item, index) => this.#stagedFile(item, index, t))}</ul>`;
  }

  #stagedFile(item: TrayItem, index: number, t: ChatStrings) {
    const drag = this.#drag;
    return stagedFile(item, {
      t,
      index,
      total: this.items.length,
      preview: fileKind(item.file.type) === 'image' ? this.#previewOf(item) : undefined,
      isDragged: drag.draggedKey === item.key,
      isDropTarget: drag.targetKey === item.key && drag.draggedKey !== item.key,
      onEdit: (change) => this.#edit(item.key, change),
      onRemove: () => this.#remove(item.key),
      onMove: (to) => void this.#move(item.key, to),
      onDragStart: (event) => drag.start(event, item.key),
      onDragOver: (event) => drag.over(event, item.key),
      onDrop: (event) => drag.drop(event, item.key),
      onDragEnd: drag.end,
    });
  }

  #indexOf(key: number): number {
    return this.items.findIndex((item) => item.key === key);
  }

  #remove(key: number): void {
    const url = this.#previews.get(key);
    if (url) URL.revokeObjectURL(url);
    this.#previews.delete(key);
    this.items = this.items.filter((item) => item.key !== key);
    this.host.requestUpdate();
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
    this.options.announce(this.options.strings().moved(displayName(this.items[to]!.file.name), to + 1, this.items.length));
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
