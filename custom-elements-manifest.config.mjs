// Custom Elements Manifest, generated from the elements' JSDoc (`npm run analyze`).
// The element classes have no side effects (src/define.ts registers the tags), so the tag of
// each class is given here, where define-elements.ts and define.ts name them.
const TAGS = {
  ChatWidget: 'chat-widget',
  ChatThread: 'chat-thread',
  ChatLightbox: 'chat-lightbox',
  FileBubble: 'file-bubble',
  FileComposer: 'file-composer',
  TextBubble: 'text-bubble',
};

/** Sets `tagName` (and `customElement`) on the declarations of the classes above. */
function tagNames() {
  return {
    name: 'chatdrop-tag-names',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          const tag = TAGS[declaration.name];
          if (!tag) continue;
          declaration.tagName = tag;
          declaration.customElement = true;
          module.exports = [...(module.exports ?? []), { kind: 'custom-element-definition', name: tag, declaration: { name: declaration.name, module: module.path } }];
        }
      }
    },
  };
}

/**
 * What the analyzer's reading of Lit's `static properties` gets wrong
 * (https://github.com/open-wc/custom-elements-manifest/issues/294), set right: an entry with
 * `state: true` is internal state, with no attribute (Lit gives it none); and the fields it lists
 * are public without saying so, as every other public member (no `privacy: "public"`).
 */
function litStaticProperties() {
  return {
    name: 'chatdrop-lit-static-properties',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const declaration = moduleDoc.declarations?.find((candidate) => candidate.name === node.name.text);
      const properties = node.members.find((member) => ts.isPropertyDeclaration(member) && member.name.getText() === 'properties' && member.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword));
      if (!declaration || !properties?.initializer || !ts.isObjectLiteralExpression(properties.initializer)) return;
      for (const entry of properties.initializer.properties) {
        const name = entry.name?.getText();
        const member = declaration.members?.find((candidate) => candidate.name === name);
        if (!member) continue;
        if (member.privacy === 'public') delete member.privacy;
        const options = ts.isPropertyAssignment(entry) && ts.isObjectLiteralExpression(entry.initializer) ? entry.initializer.properties : [];
        const isState = options.some((option) => option.name?.getText() === 'state' && option.initializer?.kind === ts.SyntaxKind.TrueKeyword);
        if (isState) {
          delete member.attribute;
          declaration.attributes = declaration.attributes?.filter((attribute) => attribute.fieldName !== name);
        }
      }
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  plugins: [tagNames(), litStaticProperties()],
};
