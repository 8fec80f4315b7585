// Custom Elements Manifest, generated from the elements' JSDoc (`npm run analyze`).
import { readdir } from 'node:fs/promises';
import { tsImport } from 'tsx/esm/api';

/**
 * What each element folder's `<tag>.names.ts` says about the element `<tag>.ts` declares (the
 * classes have no side effects, so nothing else gives their tags): its tag, and the parts it
 * forwards from the elements inside it. By the element module's path.
 */
const ELEMENTS = new Map(
  await Promise.all(
    (await readdir(new URL('src/elements/', import.meta.url), { recursive: true }))
      .map((file) => file.replaceAll('\\', '/'))
      .filter((file) => file.endsWith('.names.ts'))
      .map(async (file) => [`src/elements/${file.replace(/\.names\.ts$/, '.ts')}`, await tsImport(`./src/elements/${file}`, import.meta.url)]),
  ),
);

/**
 * Sets `tagName` (and `customElement`) on each element's declaration, then adds the parts it
 * forwards (`exportparts`) to its `cssParts`, described as the element inside describes them.
 */
function elementNames() {
  return {
    name: 'chatdrop-element-names',
    packageLinkPhase({ customElementsManifest }) {
      const elements = new Map();
      for (const module of customElementsManifest.modules) {
        const names = ELEMENTS.get(module.path);
        if (!names) continue;
        const classes = (module.declarations ?? []).filter((declaration) => declaration.kind === 'class');
        if (classes.length !== 1) throw new Error(`${module.path} should declare one class, the element <${names.tagName}>`);
        const [declaration] = classes;
        declaration.tagName = names.tagName;
        declaration.customElement = true;
        module.exports = [...(module.exports ?? []), { kind: 'custom-element-definition', name: names.tagName, declaration: { name: declaration.name, module: module.path } }];
        elements.set(names.tagName, { declaration, forwarded: names.forwarded ?? [] });
      }
      const forwardedParts = new WeakSet();
      const done = new Set();
      const addForwardedParts = (element) => {
        if (done.has(element)) return;
        done.add(element);
        const { declaration, forwarded } = element;
        for (const { from, names } of forwarded) {
          const inner = elements.get(from);
          if (!inner) throw new Error(`<${declaration.tagName}> forwards the parts of <${from}>, which has no ${from}.names.ts`);
          addForwardedParts(inner);
          for (const [part, name] of Object.entries(names)) {
            const innerPart = inner.declaration.cssParts?.find((candidate) => candidate.name === part);
            if (!innerPart) throw new Error(`<${declaration.tagName}> forwards the part "${part}" of <${from}>, which its class comment does not list`);
            const description = forwardedParts.has(innerPart) ? innerPart.description : `\`<${from}>\`'s \`${part}\`: ${innerPart.description}`;
            if (declaration.cssParts?.some((candidate) => candidate.name === name)) throw new Error(`<${declaration.tagName}> forwards the part "${part}" of <${from}> as "${name}", a name it already has`);
            const forwardedPart = { name, description };
            forwardedParts.add(forwardedPart);
            declaration.cssParts = [...(declaration.cssParts ?? []), forwardedPart];
          }
        }
      };
      for (const element of elements.values()) addForwardedParts(element);
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
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/**/*.names.ts'],
  outdir: '.',
  litelement: true,
  plugins: [elementNames(), litStaticProperties()],
};
