import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components';
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
}

/**
 * The manifest as a page's author sees an element: its public properties only (no private,
 * protected or static members, no methods), each naming the attribute that sets it; an
 * attribute that only mirrors a property is not listed twice.
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
  }
  return copy;
}

// Controls and docs come from the Custom Elements Manifest, generated from the elements' JSDoc.
setCustomElementsManifest(publicSurface(manifest));

type ArgType = { type?: { name: string; value?: unknown }; control?: unknown; table?: { category?: string } };

const LITERALS = /^(?:'[^']*'|"[^"]*")(?: \| (?:'[^']*'|"[^"]*"))*$/;

/**
 * The manifest gives each property its TypeScript type as text; Controls understand a few
 * kinds. `boolean`, `number` and `string` (with or without `| undefined`) become those, a union
 * of string literals a choice among them, a function no control; anything else stays an object
 * (edited as JSON).
 */
function typesForControls(argTypes: Record<string, ArgType>): Record<string, ArgType> {
  return Object.fromEntries(
    Object.entries(argTypes).map(([name, argType]) => {
      const text = argType.type?.name;
      if (argType.table?.category !== 'properties' || typeof text !== 'string') return [name, argType];
      const bare = text.replace(/ \| (?:undefined|null)\b/g, '');
      if (['boolean', 'number', 'string'].includes(bare)) return [name, { ...argType, type: { name: bare } }];
      if (LITERALS.test(bare)) return [name, { ...argType, type: { name: 'enum', value: bare.split(' | ').map((literal) => literal.slice(1, -1)) } }];
      if (bare.includes('=>') || /Handler\b/.test(bare)) return [name, { ...argType, control: false }];
      return [name, argType];
    }),
  );
}

const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    options: {
      storySort: { order: ['Introduction', 'Chatdrop', ['Chat widget', 'Chat thread', 'File bubble', 'File composer', 'Text bubble', 'Lightbox']] },
    },
  },
  argTypesEnhancers: [({ argTypes }) => typesForControls(argTypes as Record<string, ArgType>)],
};

export default preview;
