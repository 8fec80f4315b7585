import { html, nothing, svg } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { live } from 'lit/directives/live.js';
import { fileKind } from '../../model/format.ts';
import { displayName } from '../../model/display-name.ts';
import { fileIcon, shortName } from '../file-display.ts';
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

/** What one staged file's template needs from the composer. */
export interface StagedFileView {
  t: ChatStrings;
  /** Where it is in the tray, from 0, and how many there are. */
  index: number;
  total: number;
  /** An object URL showing the image, for images. */
  preview?: string;
  isDragged: boolean;
  isDropTarget: boolean;
  onEdit(change: Partial<Pick<TrayItem, 'caption' | 'alt'>>): void;
  onRemove(): void;
  /** Move to place `to` (from 0), keeping focus where it is. */
  onMove(to: number): void;
  onDragStart(event: DragEvent): void;
  onDragOver(event: DragEvent): void;
  onDrop(event: DragEvent): void;
  onDragEnd(): void;
}

const ARROWS = {
  up: svg`<path d="M6 15l6-6 6 6"/>`,
  down: svg`<path d="M6 9l6 6 6-6"/>`,
};

const arrow = (direction: keyof typeof ARROWS) =>
  html`<svg viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"
    stroke-linejoin="round" aria-hidden="true" focusable="false">${ARROWS[direction]}</svg>`;

/** Alt+ArrowUp and Alt+ArrowDown anywhere in a staged file move it. */
function onKeyDown(event: KeyboardEvent, view: StagedFileView): void {
  if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
  event.preventDefault();
  const to = view.index + (event.key === 'ArrowUp' ? -1 : 1);
  if (to >= 0 && to < view.total) view.onMove(to);
}

/**
 * One staged file: a drag handle, its preview or icon, name and size, caption and (for images)
 * alt text fields, and buttons to move it up, down or out of the tray.
 */
export function stagedFile(item: TrayItem, view: StagedFileView) {
  const { t, index, total } = view;
  const name = displayName(item.file.name);
  const kind = fileKind(item.file.type);
  const move = (to: number) => () => to >= 0 && to < total && view.onMove(to);
  return html`
    <li part="staged-file" class=${classMap({ staged: true, dragged: view.isDragged, 'drop-target': view.isDropTarget })}
      data-key=${item.key} @keydown=${(event: KeyboardEvent) => onKeyDown(event, view)}
      @dragover=${view.onDragOver} @drop=${view.onDrop}>
      ${total > 1
        ? html`<span part="handle" class="handle" draggable="true" title=${t.dragToReorder} aria-hidden="true"
            @dragstart=${view.onDragStart} @dragend=${view.onDragEnd}>⠿</span>`
        : nothing}
      ${view.preview ? html`<img part="preview" class="preview" src=${view.preview} alt="" />` : html`<span part="icon" class="icon">${fileIcon(kind)}</span>`}
      <div class="staged-details">
        <span part="name" class="name" title=${name}>${shortName(name, 32)}</span>
        <span part="size" class="muted">${t.fileSize(item.file.size)}</span>
        <input part="caption" type="text" placeholder=${t.captionPlaceholder} aria-label=${t.captionLabel(name)} .value=${live(item.caption)}
          @input=${(event: InputEvent) => view.onEdit({ caption: (event.target as HTMLInputElement).value })} />
        ${view.preview
          ? html`<input part="alt" type="text" placeholder=${t.altPlaceholder} aria-label=${t.altLabel(name)} .value=${live(item.alt)}
              @input=${(event: InputEvent) => view.onEdit({ alt: (event.target as HTMLInputElement).value })} />`
          : nothing}
      </div>
      <div class="staged-actions">
        ${total > 1
          ? html`
              <button part="move-up" class="icon-button" type="button" aria-label=${t.moveUpLabel(name)}
                aria-disabled=${index === 0 ? 'true' : 'false'} @click=${move(index - 1)}>${arrow('up')}</button>
              <button part="move-down" class="icon-button" type="button" aria-label=${t.moveDownLabel(name)}
                aria-disabled=${index === total - 1 ? 'true' : 'false'} @click=${move(index + 1)}>${arrow('down')}</button>
            `
          : nothing}
        <button part="remove" type="button" aria-label=${t.removeLabel(name)} @click=${view.onRemove}>${t.remove}</button>
      </div>
    </li>
  `;
}
