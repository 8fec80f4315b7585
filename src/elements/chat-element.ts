import { LitElement, type PropertyDeclarations } from 'lit';
import { ContextConsumer } from '@lit/context';
import { en } from './locales/en.ts';
import { chatStringsContext, type ChatStrings } from './strings.ts';

/**
 * The base of every Chatdrop element that shows words: it takes the strings a `<chat-widget>`
 * around it provides (or English when standalone), lets `strings` replace some of them, and
 * re-renders when either changes. Subclasses read the result as `this.t`.
 */
export class ChatElement extends LitElement {
  // Chatdrop's elements list their reactive properties with Lit's options here (decorators would
  // add their helpers to the first load); each field is declared below with its type and JSDoc.
  static override properties: PropertyDeclarations = {
    strings: { attribute: false },
  };

  /**
   * The English words this element shows besides those a page shows before any file
   * (`locales/en.ts`): the locale parts its own code imports, under the widget's and its own
   * strings. An element of files names them, e.g. `{ ...enFileView, ...enFailures }`.
   */
  protected static englishWords: Partial<ChatStrings> = {};

  /**
   * Replaces some of the words this element shows, e.g. `{ send: 'Go' }`; functions build the
   * sentences with values. Applies on top of the strings of the widget around it.
   */
  strings?: Partial<ChatStrings>;

  /** The strings of the `<chat-widget>` around this element, when there is one; a new value re-renders. */
  readonly #provided = new ContextConsumer(this, { context: chatStringsContext, subscribe: true });

  #resolved?: { provided?: ChatStrings; own?: Partial<ChatStrings>; strings: ChatStrings };

  /** The strings to show: this element's `strings`, over the widget's, over English (`englishWords` included). */
  protected get t(): ChatStrings {
    const { value: provided } = this.#provided;
    const own = this.strings;
    const cached = this.#resolved;
    if (cached && cached.provided === provided && cached.own === own) return cached.strings;
    const { englishWords } = this.constructor as typeof ChatElement;
    this.#resolved = { provided, own, strings: { ...en, ...englishWords, ...provided, ...own } as ChatStrings };
    return this.#resolved.strings;
  }
}
