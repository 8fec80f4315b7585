import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface FileDropOptions {
  /** Files were dropped (or pasted, with `takesPaste`). */
  onFiles(files: FileList): void;
  /** Files started to be dragged over the element: a moment to say so. */
  onDragStart?(): void;
  /** Whether files may be taken now (default: always). */
  isEnabled?(): boolean;
  /** Also take files pasted into the element (text pastes are left alone). */
  takesPaste?: boolean;
}

const EVENTS = ['dragenter', 'dragover', 'dragleave', 'drop', 'paste'] as const;

/**
 * Takes files dropped on an element (and, if asked, pasted into it) and knows while files are
 * dragged over it, re-rendering the element when that changes. Drags that carry no files (text,
 * a staged file being reordered) are ignored. A drop an element inside already took
 * (`defaultPrevented`) is left to it, so a composer inside a widget stages a file once.
 */
export class FileDropController implements ReactiveController {
  /** Whether files are being dragged over the element now. */
  isDragging = false;

  /** dragenter/dragleave pairs still open: children fire them too. */
  #depth = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: FileDropOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    for (const type of EVENTS) this.host.addEventListener(type, this);
  }

  hostDisconnected(): void {
    for (const type of EVENTS) this.host.removeEventListener(type, this);
    this.#end();
  }

  handleEvent(event: Event): void {
    const isEnabled = this.options.isEnabled?.() ?? true;
    if (event instanceof ClipboardEvent) {
      const files = event.clipboardData?.files;
      if (this.options.takesPaste && isEnabled && files && files.length > 0) this.#take(event, files);
      return;
    }
    const drag = event as DragEvent;
    if (drag.type === 'drop') return this.#onDrop(drag, isEnabled);
    if (drag.type === 'dragleave') {
      this.#depth = Math.max(0, this.#depth - 1);
      if (this.#depth === 0) this.#end();
      return;
    }
    if (!isEnabled || !drag.dataTransfer?.types.includes('Files')) return;
    drag.preventDefault(); // lets the drop happen here
    if (drag.type === 'dragenter') this.#depth++;
    else drag.dataTransfer.dropEffect = 'copy';
    if (this.isDragging) return;
    this.isDragging = true;
    this.options.onDragStart?.();
    this.host.requestUpdate();
  }

  #onDrop(event: DragEvent, isEnabled: boolean): void {
    this.#end();
    const files = event.dataTransfer?.files;
    if (isEnabled && !event.defaultPrevented && files && files.length > 0) this.#take(event, files);
  }

  #take(event: Event, files: FileList): void {
    event.preventDefault();
    this.options.onFiles(files);
  }

  #end(): void {
    this.#depth = 0;
    if (!this.isDragging) return;
    this.isDragging = false;
    this.host.requestUpdate();
  }
}
