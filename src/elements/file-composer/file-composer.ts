import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { displayName, fileKind, formatBytes } from '../../model/format.ts';
import type { StagedFile } from '../../state/types.ts';
import { emit } from '../events.ts';
import { fileIcon, shortName } from '../file-display.ts';
import { checkFiles } from './restrictions.ts';
import { styles } from './file-composer.styles.ts';

/** A staged file with what the user wrote about it, as the tray edits it. */
interface TrayItem {
  key: number;
  file: File;
  caption: string;
  alt: string;
}

/**
 * Where the user writes a message and gathers files to send with it. Files come from the Attach
 * button, a drop or a paste, and are checked against `accept`, `max-file-size` and `max-files`
 * before they are staged. The composer never uploads: it raises `chat-send`.
 *
 * @csspart textarea - The message field.
 * @csspart attach - The Attach button (opens the file picker).
 * @csspart send - The Send button.
 * @csspart tray - The list of staged files.
 * @csspart staged-file - One staged file.
 * @csspart caption - A staged file's caption field.
 * @csspart alt - A staged image's description (alt text) field.
 * @csspart remove - A staged file's Remove button.
 * @csspart error - The list of refused files (`role="alert"`).
 * @csspart drop-zone - The overlay shown while files are dragged over the composer.
 *
 * @cssprop --chat-composer-background - Background of the composer.
 * @cssprop --chat-field-border - Border of the fields.
 * @cssprop --chat-accent - Colour of buttons, the Send button and the focus ring.
 * @cssprop --chat-accent-contrast - Text on the Send button.
 * @cssprop --chat-error-color - Colour of refusals.
 * @cssprop --chat-font - Font family.
 *
 * @fires chat-send - The user sends: `detail: { text, files }`, text trimmed, never both empty.
 *   The draft is cleared unless a listener cancels the event.
 * @fires chat-files-refused - Files were refused before staging: `detail: { files: [{ name, reason }] }`.
 */
export class FileComposer extends LitElement {
  static override styles = styles;

  /** Which files may be staged: MIME types, wildcards (`image/*`) or extensions (`.pdf`), comma separated; empty for any. */
  @property() accept = '';

  /** Largest file in bytes, inclusive; no limit when unset. */
  @property({ type: Number, attribute: 'max-file-size' }) maxFileSize?: number;

  /** Most files staged at once. */
  @property({ type: Number, attribute: 'max-files' }) maxFiles = 10;

  /** Turns the composer off: nothing can be written, staged or sent. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  @state() private text = '';
  @state() private tray: TrayItem[] = [];
  @state() private refusals: string[] = [];
  @state() private isDragging = false;

  #nextKey = 0;
  #dragDepth = 0;
  #previews = new Map<number, string>();

  constructor() {
    super();
    this.addEventListener('dragenter', this.#onDragEnter);
    this.addEventListener('dragover', this.#onDragOver);
    this.addEventListener('dragleave', this.#onDragLeave);
    this.addEventListener('drop', this.#onDrop);
    this.addEventListener('paste', this.#onPaste);
  }

  /**
   * Checks files against the restrictions and stages those that pass; the others are listed
   * with the reason and reported in `chat-files-refused`. Does nothing while disabled.
   */
  addFiles(files: Iterable<File>): void {
    if (this.disabled) return;
    const { accepted, refused } = checkFiles(files, this.tray.length, this);
    this.tray = [...this.tray, ...accepted.map((file) => ({ key: this.#nextKey++, file, caption: '', alt: '' }))];
    this.refusals = [...new Set(refused.map((item) => item.reason))];
    if (refused.length > 0) emit(this, 'chat-files-refused', { files: refused });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#revokePreviews();
  }

  #revokePreviews(): void {
    for (const url of this.#previews.values()) URL.revokeObjectURL(url);
    this.#previews.clear();
  }

  #send(): void {
    const text = this.text.trim();
    const files = this.tray.map(({ file, caption, alt }) => {
      const staged: StagedFile = { file };
      if (caption.trim()) staged.caption = caption.trim();
      if (alt.trim()) staged.alt = alt.trim();
      return staged;
    });
    if (this.disabled || (text === '' && files.length === 0)) return;
    if (!emit(this, 'chat-send', { text, files })) return;
    this.text = '';
    this.refusals = [];
    this.tray = [];
    this.#revokePreviews();
  }

  #remove(key: number): void {
    const url = this.#previews.get(key);
    if (url) URL.revokeObjectURL(url);
    this.#previews.delete(key);
    this.tray = this.tray.filter((item) => item.key !== key);
  }

  #edit(key: number, change: Partial<Pick<TrayItem, 'caption' | 'alt'>>): void {
    this.tray = this.tray.map((item) => (item.key === key ? { ...item, ...change } : item));
  }

  #onKeyDown = (event: KeyboardEvent) => {
    // keyCode 229 is a key that an input method editor is still composing.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    this.#send();
  };

  #onPicked = (event: Event) => {
    const input = event.target as HTMLInputElement;
    if (input.files) this.addFiles(input.files);
    input.value = '';
  };

  #isFileDrag(event: DragEvent): boolean {
    return !this.disabled && (event.dataTransfer?.types.includes('Files') ?? false);
  }

  #onDragEnter = (event: DragEvent) => {
    if (!this.#isFileDrag(event)) return;
    event.preventDefault();
    this.#dragDepth++;
    this.isDragging = true;
  };

  #onDragOver = (event: DragEvent) => {
    if (!this.#isFileDrag(event)) return;
    event.preventDefault();
    event.dataTransfer!.dropEffect = 'copy';
  };

  #onDragLeave = () => {
    this.#dragDepth = Math.max(0, this.#dragDepth - 1);
    if (this.#dragDepth === 0) this.isDragging = false;
  };

  /** Stages dropped files and marks the drop handled (`defaultPrevented`) for elements around. */
  #onDrop = (event: DragEvent) => {
    this.#dragDepth = 0;
    this.isDragging = false;
    const files = event.dataTransfer?.files;
    if (this.disabled || !files || files.length === 0) return;
    event.preventDefault();
    this.addFiles(files);
  };

  #onPaste = (event: ClipboardEvent) => {
    const files = event.clipboardData?.files;
    if (this.disabled || !files || files.length === 0) return;
    event.preventDefault();
    this.addFiles(files);
  };

  #openPicker(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input[type="file"]')?.click();
  }

  override render() {
    return html`
      <div part="error" class="refusals error" role="alert">${this.refusals.length > 0
        ? html`<ul>${this.refusals.map((reason) => html`<li>${reason}</li>`)}</ul>`
        : nothing}</div>
      ${this.tray.length > 0
        ? html`<ul part="tray" class="tray" aria-label="Files to send">${repeat(this.tray, (item) => item.key, (item) => this.#stagedFile(item))}</ul>`
        : nothing}
      <div class="row">
        <label class="visually-hidden" for="message">Message</label>
        <textarea id="message" part="textarea" rows="2" placeholder="Write a message…" ?disabled=${this.disabled}
          .value=${live(this.text)} @input=${(event: InputEvent) => (this.text = (event.target as HTMLTextAreaElement).value)}
          @keydown=${this.#onKeyDown}></textarea>
        <input type="file" multiple hidden accept=${ifDefined(this.accept || undefined)} @change=${this.#onPicked} />
        <button part="attach" type="button" aria-label="Attach files" ?disabled=${this.disabled} @click=${this.#openPicker}>Attach</button>
        <button part="send" class="send" type="button" ?disabled=${this.disabled} @click=${this.#send}>Send</button>
      </div>
      ${this.isDragging ? html`<div part="drop-zone" class="drop-zone">Drop files to attach them</div>` : nothing}
    `;
  }

  #stagedFile(item: TrayItem) {
    const name = displayName(item.file.name);
    const isImage = fileKind(item.file.type) === 'image';
    return html`
      <li part="staged-file" class="staged">
        ${isImage ? html`<img class="preview" src=${this.#previewOf(item)} alt="" />` : html`<span class="icon">${fileIcon(fileKind(item.file.type))}</span>`}
        <div class="staged-details">
          <span class="name" title=${name}>${shortName(name, 32)}</span>
          <span class="muted">${formatBytes(item.file.size)}</span>
          <input part="caption" type="text" placeholder="Caption" aria-label=${`Caption for ${name}`} .value=${live(item.caption)}
            @input=${(event: InputEvent) => this.#edit(item.key, { caption: (event.target as HTMLInputElement).value })} />
          ${isImage
            ? html`<input part="alt" type="text" placeholder="Describe the image (alt text)" aria-label=${`Description of ${name}`}
                .value=${live(item.alt)} @input=${(event: InputEvent) => this.#edit(item.key, { alt: (event.target as HTMLInputElement).value })} />`
            : nothing}
        </div>
        <button part="remove" type="button" aria-label=${`Remove ${name}`} @click=${() => this.#remove(item.key)}>Remove</button>
      </li>
    `;
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
}
