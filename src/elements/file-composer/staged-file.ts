import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { live } from 'lit/directives/live.js';
import { fileKind } from '../../model/format.ts';
import { displayName } from '../../model/display-name.ts';
import { fileIcon, shortName } from '../file-display.ts';
import { backShape, forwardShape } from '../file-icons.ts';
import { crossShape, icon } from '../icons.ts';
import type { ChatStrings } from '../strings.ts';

/** A staged file with what the user wrote about it, as the tray edits it. */
export interface TrayItem {
  key: number;
  file: File;
  caption: string;
  alt: string;
}

/** A copy of `items` with the one at `from` moved to `to`. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = items.slice();
  next.splice(to, 0, ...next.splice(from, 1));
  return next;
}

/** The id of the open file's details, which its preview button controls. */
export const DETAILS_ID = 'staged-details';

/** What one staged file's templates need from the tray. */
export interface StagedFileView {
  t: ChatStrings;
  /** Where it is in the tray, from 0, and how many there are. */
  index: number;
  total: number;
  /** An object URL showing the image, for images. */
  preview?: string;
  /** Whether its details (caption, alt text, order) are open. */
  isOpen: boolean;
  isDragged: boolean;
  isDropTarget: boolean;
  onToggle(): void;
  onEdit(change: Partial<Pick<TrayItem, 'caption' | 'alt'>>): void;
  onRemove(): void;
  /** Move to place `to` (from 0), keeping focus where it is. */
  onMove(to: number): void;
  /** A key in one of its fields that is not a move (Enter sends). */
  onFieldKeyDown(event: KeyboardEvent): void;
  /** Escape in its details: close them. */
  onClose(): void;
  onDragStart(event: DragEvent): void;
  onDragOver(event: DragEvent): void;
  onDrop(event: DragEvent): void;
  onDragEnd(): void;
}

/**
 * Alt with an arrow anywhere on a staged file or in its details moves it: Alt+Left or Alt+Up
 * one place earlier, Alt+Right or Alt+Down one later (Left and Right swapped right to left).
 * Returns whether the key was a move.
 */
function moveByKey(event: KeyboardEvent, view: StagedFileView): boolean {
  const step = { ArrowUp: -1, ArrowLeft: -1, ArrowDown: 1, ArrowRight: 1 }[event.key];
  if (!event.altKey || !step) return false;
  event.preventDefault();
  const isRtl = /Left|Right/.test(event.key) && (event.target as Element).matches(':dir(rtl)');
  const to = view.index + (isRtl ? -step : step);
  if (to >= 0 && to < view.total) view.onMove(to);
  return true;
}

/**
 * One staged file in the tray's row: its preview (or typed icon, name and size), a button that
 * opens its details, and a Remove button over its corner. Dragging it onto another moves it there.
 */
export function stagedFile(item: TrayItem, view: StagedFileView) {
  const { t } = view;
  const name = displayName(item.file.name);
  const isImage = view.preview !== undefined;
  const label = isImage ? 'name visually-hidden' : 'name';
  return html`
    <li part="staged-file" class=${classMap({ staged: true, open: view.isOpen, dragged: view.isDragged, 'drop-target': view.isDropTarget })}
      data-key=${item.key} draggable="true" @keydown=${(event: KeyboardEvent) => moveByKey(event, view)}
      @dragstart=${view.onDragStart} @dragend=${view.onDragEnd} @dragover=${view.onDragOver} @drop=${view.onDrop}>
      <button part="edit" class="tile" type="button" title=${`${t.stagedDetails}\n${t.dragToReorder}`} aria-expanded=${String(view.isOpen)}
        aria-controls=${DETAILS_ID} @click=${view.onToggle}>
        ${isImage
          ? html`<img part="preview" class="preview" src=${view.preview} alt="" draggable="false" />`
          : html`<span part="icon" class="icon">${fileIcon(fileKind(item.file.type))}</span>`}
        <span part="name" class=${label} title=${name}>${shortName(name, 24)}</span>
        <span part="size" class=${isImage ? 'visually-hidden' : 'muted'}>${t.fileSize(item.file.size)}</span>
      </button>
      <button part="remove" class="remove" type="button" aria-label=${t.removeLabel(name)} title=${t.remove}
        @click=${view.onRemove}>${icon(crossShape, 14)}</button>
    </li>
  `;
}

/**
 * The open staged file's details, under the row: its caption and (for images) alt text fields,
 * and buttons to move it one place earlier or later. Enter in a field sends; Escape closes them.
 */
export function stagedDetails(item: TrayItem, view: StagedFileView) {
  const { t, index, total } = view;
  const name = displayName(item.file.name);
  const move = (to: number) => () => to >= 0 && to < total && view.onMove(to);
  const onKeyDown = (event: KeyboardEvent) => {
    if (moveByKey(event, view)) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      view.onClose();
    } else if (event.target instanceof HTMLInputElement) view.onFieldKeyDown(event);
  };
  return html`
    <div part="details" id=${DETAILS_ID} class="details" role="group" aria-label=${name} @keydown=${onKeyDown}>
      <input part="caption" type="text" placeholder=${t.captionPlaceholder} aria-label=${t.captionLabel(name)} .value=${live(item.caption)}
        @input=${(event: InputEvent) => view.onEdit({ caption: (event.target as HTMLInputElement).value })} />
      ${view.preview
        ? html`<input part="alt" type="text" placeholder=${t.altPlaceholder} aria-label=${t.altLabel(name)} .value=${live(item.alt)}
            @input=${(event: InputEvent) => view.onEdit({ alt: (event.target as HTMLInputElement).value })} />`
        : nothing}
      ${total > 1
        ? html`
            <button part="move-up" class="icon-button move" type="button" aria-label=${t.moveUpLabel(name)} title=${t.moveUpLabel(name)}
              aria-disabled=${index === 0 ? 'true' : 'false'} @click=${move(index - 1)}>${icon(backShape)}</button>
            <button part="move-down" class="icon-button move" type="button" aria-label=${t.moveDownLabel(name)} title=${t.moveDownLabel(name)}
              aria-disabled=${index === total - 1 ? 'true' : 'false'} @click=${move(index + 1)}>${icon(forwardShape)}</button>
          `
        : nothing}
    </div>
  `;
}
