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

export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  plugins: [tagNames()],
};
