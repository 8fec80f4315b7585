import type { ReactiveControllerHost } from 'lit';

/** The drag data type of a staged file being reordered (never a file drop). */
const TRAY_DRAG_TYPE = 'application/x-chatdrop-staged';

/**
 * Reorders the tray by HTML drag and drop: a staged file dragged by its handle and dropped on
 * another takes that one's place. Knows which item is dragged and which one it is over, so the
 * tray can show both.
 */
export class TrayDrag {
  /** The key of the item being dragged. */
  draggedKey?: number;
  /** The key of the item it would land on. */
  targetKey?: number;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onMove: (key: number, ontoKey: number) => void,
  ) {}

  start(event: DragEvent, key: number): void {
    const item = (event.target as Element).closest('li');
    if (event.dataTransfer) {
      event.dataTransfer.setData(TRAY_DRAG_TYPE, String(key));
      event.dataTransfer.effectAllowed = 'move';
      if (item) event.dataTransfer.setDragImage(item, 16, 16);
    }
    this.#set(key, undefined);
  }

  over(event: DragEvent, key: number): void {
    if (this.draggedKey === undefined) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    this.#set(this.draggedKey, key);
  }

  drop(event: DragEvent, key: number): void {
    const dragged = this.draggedKey;
    if (dragged === undefined) return;
    event.preventDefault();
    this.end();
    this.onMove(dragged, key);
  }

  end = (): void => this.#set(undefined, undefined);

  #set(draggedKey: number | undefined, targetKey: number | undefined): void {
    if (draggedKey === this.draggedKey && targetKey === this.targetKey) return;
    this.draggedKey = draggedKey;
    this.targetKey = targetKey;
    this.host.requestUpdate();
  }
}
