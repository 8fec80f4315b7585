import { html, nothing, type PropertyDeclarations } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { loadOnce } from '../../model/load-once.ts';
import { ChatElement } from '../chat-element.ts';
import { emit } from '../events.ts';
import { FileDropController } from '../file-drop.ts';
import { addLaterStyles } from '../later-styles.ts';
import { attachShape, cameraShape, icon, sendShape } from '../icons.ts';
import type { StagedFiles } from './staged-files.ts';
import { styles } from './file-composer.styles.ts';

type TrayCode = typeof import('./tray.ts');

/** The staging code, loaded for every composer with the first attached file (or ahead, by the drop-in's prefetch); after a failure, the next file tries again. */
export const loadTrayCode = loadOnce(() =>
  import('./tray.ts').catch((error: unknown) => {
    console.error('Chatdrop could not load the code that attaches files:', error);
    throw error;
  }),
);

/**
 * Where the user writes a message and gathers files to send with it. Files come from the Attach
 * button, the camera (`capture`), a drop or a paste, and are checked against `accept`,
 * `max-file-size` and `max-files` before they are staged. Staged files show as one row of
 * previews; the message typed goes with them as their caption. A click on a preview opens that
 * file's own caption, description (alt text) and order; files can also be reordered by dragging
 * or Alt+arrow keys, and removed. Enter sends from any field. The composer never uploads: it
 * raises `chat-send`.
 *
 * @csspart textarea - The message field (the caption of staged files).
 * @csspart attach - The Attach button (an icon; opens the file picker).
 * @csspart take-photo - The Take photo button (an icon; only with `capture`).
 * @csspart send - The Send button (an icon).
 * @csspart tray - The row of staged files.
 * @csspart staged-file - One staged file.
 * @csspart edit - A staged file's preview button: opens or closes its details.
 * @csspart preview - A staged image's preview.
 * @csspart icon - A staged file's typed icon (files other than images).
 * @csspart name - A staged file's name, shortened in the middle when long.
 * @csspart size - A staged file's size.
 * @csspart remove - A staged file's Remove button (an icon).
 * @csspart details - The open staged file's caption, description and order.
 * @csspart caption - The open staged file's caption field.
 * @csspart alt - The open staged image's description (alt text) field.
 * @csspart move-up - The open staged file's Move earlier button.
 * @csspart move-down - The open staged file's Move later button.
 * @csspart error - The list of refused files, or why the draft was not sent (`role="alert"`).
 * @csspart drop-zone - The overlay shown while files are dragged over the composer.
 * @csspart announcer - The visually hidden live region that says what moved.
 *
 * @cssprop --chat-composer-background - Background of the composer.
 * @cssprop --chat-field-background - Background of the fields.
 * @cssprop --chat-field-border-color - Border colour of the fields.
 * @cssprop --chat-field-radius - Corner radius of the fields.
 * @cssprop --chat-accent - Colour of buttons, the Send button and the focus ring.
 * @cssprop --chat-accent-contrast - Text on the Send button.
 * @cssprop --chat-error-color - Colour of refusals.
 * @cssprop --chat-tray-max-height - Tallest the tray grows before it scrolls (at most a third of a phone's screen).
 * @cssprop --chat-font - Font family.
 *
 * @fires chat-send - The user sends: `detail: { text, files }`, text trimmed, never both empty,
 *   files in tray order. The draft is cleared unless a listener cancels the event.
 * @fires chat-files-staged - Files passed the restrictions and show in the tray: `detail: { files }`.
 *   A sender may get ready to send them (`<chat-widget>` loads its upload code then).
 * @fires chat-files-refused - Files were refused before staging: `detail: { files: [{ name, reason }] }`.
 */
export class FileComposer extends ChatElement {
  static override styles = styles;

  static override properties: PropertyDeclarations = {
    accept: {},
    maxFileSize: { type: Number, attribute: 'max-file-size' },
    maxFiles: { type: Number, attribute: 'max-files' },
    capture: {},
    hidesDropZone: { type: Boolean, attribute: 'hide-drop-zone' },
    disabled: { type: Boolean, reflect: true },
    text: { state: true },
    refusals: { state: true },
    announcement: { state: true },
  };

  /** Which files may be staged: MIME types, wildcards (`image/*`) or extensions (`.pdf`), comma separated; empty for any. */
  accept = '';

  /** Largest file in bytes, inclusive; no limit when unset. */
  maxFileSize?: number;

  /** Most files staged at once. */
  maxFiles = 10;

  /**
   * Offers a Take photo button that opens a phone's camera: `environment` (back camera) or
   * `user` (front); any value, even empty, turns it on. Passed to the camera's file input.
   */
  capture?: string | null;

  /** Hides the composer's own drop zone, for a container that shows one of its own (the widget does). */
  hidesDropZone = false;

  /** Turns the composer off: nothing can be written, staged or sent. */
  disabled = false;

  private text = '';
  private refusals: string[] = [];
  /** What the live region says: where a staged file moved, or that files may be dropped. */
  private announcement = '';

  readonly #drop = new FileDropController(this, {
    onFiles: (files) => this.addFiles(files),
    onDragStart: () => {
      if (!this.hidesDropZone) this.announcement = this.t.dropToAttach;
    },
    isEnabled: () => !this.disabled,
    takesPaste: true,
  });
  /** The staging code and the tray, once the first file brought them. */
  #trayCode?: TrayCode;
  #tray?: StagedFiles;
  /** Files being staged, in the order they came; `updateComplete` waits for them. */
  #staging = Promise.resolve();

  /**
   * Checks files against the restrictions and stages those that pass; the others are listed
   * with the reason and reported in `chat-files-refused`. Does nothing while disabled. The
   * staging code loads with the first file: await `updateComplete` to see the files staged.
   */
  addFiles(files: Iterable<File>): void {
    if (this.disabled) return;
    const added = [...files]; // a picker's FileList empties when the input is reset
    this.#staging = this.#staging.then(async () => {
      let code: TrayCode;
      try {
        code = await this.#loadTrayCode();
      } catch {
        this.refusals = [this.t.attachUnavailable];
        return;
      }
      const { accepted, refused } = code.checkFiles(added, this.#tray!.items.length, this, this.t);
      this.#tray!.add(accepted);
      this.refusals = [...new Set(refused.map((item) => item.reason))];
      if (accepted.length > 0) emit(this, 'chat-files-staged', { files: accepted });
      if (refused.length > 0) emit(this, 'chat-files-refused', { files: refused });
    });
  }

  async #loadTrayCode(): Promise<TrayCode> {
    if (this.#trayCode) return this.#trayCode;
    const code = await loadTrayCode();
    this.#tray ??= new code.StagedFiles(this, {
      strings: () => this.t,
      announce: (sentence) => (this.announcement = sentence),
      onFieldKeyDown: this.#onKeyDown,
      focusMessage: () => this.focus(),
    });
    return (this.#trayCode = code);
  }

  /** The tray's styles come with its code. */
  protected override updated(): void {
    if (this.#trayCode && this.shadowRoot) addLaterStyles(this.shadowRoot, this.#trayCode.trayStyles);
  }

  /** Also waits for files being staged. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#staging;
    return super.getUpdateComplete();
  }

  /** Puts the caret in the message field. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector('textarea')?.focus(options);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.requestUpdate();
  }

  /** Sends the draft (its text and staged files) as the Send button does: raises `chat-send`, then clears it unless a listener cancelled the event. */
  send(): void {
    const text = this.text.trim();
    const files = this.#tray?.toSend() ?? [];
    if (this.disabled || (text === '' && files.length === 0)) return;
    if (!emit(this, 'chat-send', { text, files })) return;
    this.text = '';
    this.refusals = [];
    this.#tray?.clear();
  }

  /**
   * Shows why the draft was not sent (a listener cancelled `chat-send` and cannot send it) where
   * refused files show, announced; the draft stays. The next file added or draft sent clears it.
   */
  showError(reason: string): void {
    this.refusals = [reason];
  }

  #onKeyDown = (event: KeyboardEvent) => {
    // keyCode 229 is a key that an input method editor is still composing.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    this.send();
  };

  #onPicked = (event: Event) => {
    const input = event.target as HTMLInputElement;
    if (input.files) this.addFiles(input.files);
    input.value = '';
  };

  #openInput(selector: string): void {
    this.renderRoot.querySelector<HTMLInputElement>(selector)?.click();
  }

  override render() {
    const t = this.t;
    const hasCamera = this.capture !== undefined && this.capture !== null;
    return html`
      <div class="composer">
        <div part="error" class="refusals error" role="alert">${this.refusals.length > 0
          ? html`<ul>${this.refusals.map((reason) => html`<li>${reason}</li>`)}</ul>`
          : nothing}</div>
        ${this.#tray?.render() ?? nothing}
        <div class="row">
          <input class="picker" type="file" multiple hidden accept=${ifDefined(this.accept || undefined)} @change=${this.#onPicked} />
          <button part="attach" class="icon-button" type="button" aria-label=${t.attachLabel} title=${t.attach} ?disabled=${this.disabled}
            @click=${() => this.#openInput('.picker')}>${icon(attachShape)}</button>
          ${hasCamera
            ? html`<input class="camera" type="file" accept="image/*" capture=${this.capture!} hidden @change=${this.#onPicked} />
                <button part="take-photo" class="icon-button" type="button" aria-label=${t.takePhoto} title=${t.takePhoto} ?disabled=${this.disabled}
                  @click=${() => this.#openInput('.camera')}>${icon(cameraShape)}</button>`
            : nothing}
          <label class="visually-hidden" for="message">${t.messageLabel}</label>
          <textarea id="message" part="textarea" rows="1" placeholder=${this.#tray?.captionHint() ?? t.messagePlaceholder} ?disabled=${this.disabled}
            .value=${this.text} @input=${(event: InputEvent) => (this.text = (event.target as HTMLTextAreaElement).value)}
            @keydown=${this.#onKeyDown}></textarea>
          <button part="send" class="icon-button send" type="button" aria-label=${t.send} title=${t.send} ?disabled=${this.disabled}
            @click=${this.send}>${icon(sendShape)}</button>
        </div>
      </div>
      ${this.#drop.isDragging && !this.hidesDropZone ? html`<div part="drop-zone" class="drop-zone" aria-hidden="true">${t.dropToAttach}</div>` : nothing}
      <div part="announcer" class="visually-hidden" role="status">${this.announcement}</div>
    `;
  }
}
