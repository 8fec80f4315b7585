import type { Decorator, Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { action } from 'storybook/actions';
import manifest from '../custom-elements.json';

interface ManifestMember {
  name: string;
  kind?: string;
  privacy?: string;
  static?: boolean;
  description?: string;
}

interface ManifestAttribute {
  name: string;
  fieldName?: string;
}

interface ManifestDeclaration {
  members?: ManifestMember[];
  attributes?: ManifestAttribute[];
  cssParts?: { name: string }[];
}

/**
 * The manifest as a page's author sees an element: its public properties only (no private,
 * protected or static members, no methods), each naming the attribute that sets it; an
 * attribute that only mirrors a property is not listed twice. Parts are named as a style sheet
 * reaches them, `::part(download)`: a part and a property may share a name (`download`), and
 * Storybook keeps one row per name.
 */
function publicSurface(source: typeof manifest): typeof manifest {
  const copy = structuredClone(source) as typeof manifest & { modules: { declarations?: ManifestDeclaration[] }[] };
  for (const declaration of copy.modules.flatMap((module) => module.declarations ?? [])) {
    const attributes = declaration.attributes ?? [];
    declaration.members = declaration.members
      ?.filter((member) => member.kind === 'field' && !member.privacy && !member.static && !member.name.startsWith('#'))
      .map((member) => {
        const attribute = attributes.find((candidate) => candidate.fieldName === member.name);
        return attribute ? { ...member, description: `${member.description ?? ''} Attribute: \`${attribute.name}\`.`.trim() } : member;
      });
    declaration.attributes = attributes.filter((attribute) => !attribute.fieldName);
    declaration.cssParts = declaration.cssParts?.map((part) => ({ ...part, name: `::part(${part.name})` }));
  }
  return copy;
}

// Controls and docs come from the Custom Elements Manifest, generated from the elements' JSDoc.
setCustomElementsManifest(publicSurface(manifest));

type ArgType = { type?: { name: string; value?: unknown }; control?: unknown; description?: string; table?: { category?: string; disable?: boolean } };

const LITERALS = /^(?:'[^']*'|"[^"]*")(?: \| (?:'[^']*'|"[^"]*"))*$/;

/** Leaves a row out of the Controls panel (and the docs' table; the README's element reference lists it). */
const hidden = (argType: ArgType): ArgType => ({ ...argType, table: { ...argType.table, disable: true } });

/**
 * The manifest gives each property its TypeScript type as text; Controls understand a few
 * kinds. `boolean`, `number` and `string` (with or without `| undefined`) become those, a union
 * of string literals a choice among them; anything else stays an object (edited as JSON). What no
 * control can hold, a function or a live object (handlers, the store), is left out, so every row
 * has a control. A custom property and a part get a text field (see `styleControls`); the
 * events, which no control sets, show in the Actions panel instead.
 */
function typesForControls(argTypes: Record<string, ArgType>): Record<string, ArgType> {
  return Object.fromEntries(
    Object.entries(argTypes).map(([name, argType]) => {
      const category = argType.table?.category;
      if (category === 'css custom properties') return [name, { ...argType, type: { name: 'string' }, control: { type: 'text' } }];
      if (category === 'css shadow parts') return [name, { ...argType, type: { name: 'string' }, control: { type: 'text' }, description: `${argType.description ?? ''} Its CSS declarations, e.g. \`outline: 2px solid red\`.`.trim() }];
      if (category === 'events') return [name, hidden(argType)];
      const text = argType.type?.name;
      if (category !== 'properties' || typeof text !== 'string') return [name, argType];
      const bare = text.replace(/ \| (?:undefined|null)\b/g, '');
      if (['boolean', 'number', 'string'].includes(bare)) return [name, { ...argType, type: { name: bare } }];
      if (LITERALS.test(bare)) return [name, { ...argType, type: { name: 'enum', value: bare.split(' | ').map((literal) => literal.slice(1, -1)) } }];
      if (bare.includes('=>') || /Handler\b|ChatStore\b/.test(bare)) return [name, hidden(argType)];
      return [name, argType];
    }),
  );
}

/**
 * Applies the story's custom property and part controls to its element (a `--chat-*` value as
 * the element's custom property, a part's declarations in a `::part()` rule), and logs the
 * element's events in the Actions panel.
 */
const styleControls: Decorator = (story, { args, component, argTypes }) => {
  if (!component) return story();
  const rules = Object.entries(args)
    .filter(([name, value]) => typeof value === 'string' && value.trim() !== '' && argTypes[name]?.table?.category?.startsWith('css'))
    .map(([name, value]) => (name.startsWith('--') ? `${component} { ${name}: ${value}; }` : `${component}${name} { ${value} }`));
  const style = document.createElement('style');
  style.textContent = rules.join('\n');
  const events = Object.values(argTypes).filter((argType) => argType.table?.category === 'events').map((argType) => argType.name);
  const listen = (root?: Element) => events.forEach((name) => root?.addEventListener(name, logEvent));
  return html`${style}<div style="display: contents" ${ref(listen)}>${story()}</div>`;
};

/** Logs an event in the Actions panel, with its detail. */
const logEvent = (event: Event) => action(event.type)((event as CustomEvent).detail);

const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    options: {
      storySort: { order: ['Introduction', 'Chatdrop', ['Chat widget', 'Chat thread', 'File bubble', 'File album', 'File composer', 'Text bubble', 'Lightbox']] },
    },
  },
  argTypesEnhancers: [({ argTypes }) => typesForControls(argTypes as Record<string, ArgType>)],
  decorators: [styleControls],
};

export default preview;
