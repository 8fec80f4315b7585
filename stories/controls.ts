import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';
import manifest from '../custom-elements.json' with { type: 'json' };
import type { Args } from './story-helpers.ts';

interface ManifestMember {
  kind: string;
  name: string;
  privacy?: string;
  static?: boolean;
  type?: { text: string };
  default?: string;
}

interface ManifestDeclaration {
  tagName?: string;
  members?: ManifestMember[];
}

const declarations = manifest.modules.flatMap((module) => (module as { declarations?: ManifestDeclaration[] }).declarations ?? []);

/** What Controls cannot hold: functions (the handlers) and live objects (the store, a transport object). */
const isLive = (type: string) => /=>|Handler\b|ChatStore|ChatTransport/.test(type);

/** The public properties of `<tag>` a control can hold, as the manifest lists them. */
function dataFieldsOf(tag: string): ManifestMember[] {
  const declaration = declarations.find((candidate) => candidate.tagName === tag);
  if (!declaration) throw new Error(`<${tag}> is not in custom-elements.json: run \`npm run analyze\``);
  return (declaration.members ?? []).filter(
    (member) => member.kind === 'field' && !member.privacy && !member.static && !member.name.startsWith('#') && !isLive(member.type?.text ?? ''),
  );
}

/** A default as the manifest writes it (`'general'`, `10_000_000`, `[]`, `false`) as a value; `undefined` for none. */
function valueOf(text: string | undefined): unknown {
  if (text === undefined || text === 'undefined') return undefined;
  try {
    return JSON.parse(text.replace(/^'(.*)'$/, '"$1"').replace(/(\d)_(?=\d)/g, '$1'));
  } catch {
    return undefined;
  }
}

/**
 * The args of a story of `<tag>`: every public property the manifest lists, at its default (a
 * story sets the ones it shows over them), so the Controls panel has a row with a value for each,
 * attributes included. Functions and live objects (handlers, the store) are left out.
 */
export function argsOf(tag: string, overrides: Args = {}): Args {
  return { ...Object.fromEntries(dataFieldsOf(tag).map((member) => [member.name, valueOf(member.default)])), ...overrides };
}

/** Sets a story's args on the element it is bound to, as properties: those of the element's own (see `argsOf`) that changed. */
class PropsDirective extends Directive {
  #last = new Map<string, unknown>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('props() goes on an element: <file-bubble ${props(args)}>');
  }

  render(_args: Args) {
    return noChange;
  }

  override update(part: ElementPart, [args]: [Args]) {
    const element = part.element as unknown as Record<string, unknown>;
    for (const { name } of dataFieldsOf(part.element.localName)) {
      if (!(name in args) || (this.#last.has(name) && this.#last.get(name) === args[name])) continue;
      element[name] = args[name];
      this.#last.set(name, args[name]);
    }
    return noChange;
  }
}

/** Binds a story's args (its controls) to the element: `html\`<file-bubble ${props(args)}></file-bubble>\``. */
export const props = directive(PropsDirective);
