import { html, nothing, type TemplateResult } from 'lit';
import type { Sender } from '../../model/message.ts';
import { safeUrl } from '../../model/safe-url.ts';

/** What a host knows about a user, by id (`thread.people = { u7: { name, avatar } }`): it wins over what a message says. */
export interface Person {
  /** The name to show. */
  name?: string;
  /** A picture (http or https); anything else, or a picture that fails to load, shows initials. */
  avatar?: string;
}

/** What the host says about the user `id` (an own key only: a user called `constructor` is nobody special). */
export function personOf(id: string, people: Readonly<Record<string, Person>>): Person | undefined {
  return Object.hasOwn(people, id) ? people[id] : undefined;
}

/** How many avatar colours there are (`data-tone` 0 to 7, in `chat-thread.styles.ts`). */
export const AVATAR_TONES = 8;

/** The name people see for a sender: the host's name for them, else the message's, else the id. */
export function senderName(sender: Sender, person?: Person): string {
  return person?.name?.trim() || sender.name?.trim() || sender.id;
}

/** Up to two letters for an avatar: the first of the first and last words ("Ada Lovelace" → "AL"). */
export function initials(name: string): string {
  const words = name.split(/[\s._-]+/).filter(Boolean);
  const first = (word: string | undefined) => (word ? String.fromCodePoint(word.codePointAt(0)!) : '');
  return (first(words[0]) + (words.length > 1 ? first(words.at(-1)) : '')).toLocaleUpperCase();
}

/** The colour of a user's avatar, from their id: the same id always gets the same one (FNV-1a). */
export function avatarTone(id: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index++) hash = Math.imul(hash ^ id.charCodeAt(index), 0x01000193);
  return (hash >>> 0) % AVATAR_TONES;
}

/** Avatar pictures that failed to load: shown as initials from then on. */
const brokenPictures = new Set<string>();

function onPictureError(event: Event): void {
  const picture = event.target as HTMLImageElement;
  brokenPictures.add(picture.src);
  picture.hidden = true;
}

function onPictureLoad(event: Event): void {
  (event.target as HTMLImageElement).hidden = false;
}

/**
 * A sender's avatar: their initials on a colour from their id, covered by their picture when the
 * host or the message gives one that passes `safeUrl()` and loads. Decorative (the name is beside it).
 */
export function renderAvatar(sender: Sender, person: Person | undefined, name: string): TemplateResult {
  const picture = safeUrl(person?.avatar ?? sender.avatar);
  return html`<span part="avatar" class="avatar" data-tone=${avatarTone(sender.id)} aria-hidden="true">${initials(name)}${picture && !brokenPictures.has(picture)
    ? html`<img src=${picture} alt="" decoding="async" referrerpolicy="no-referrer" @error=${onPictureError} @load=${onPictureLoad} />`
    : nothing}</span>`;
}
