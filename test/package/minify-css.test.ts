import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
// @ts-expect-error: a plain JavaScript module
import { minifyCssTemplates } from '../../scripts/minify-css.mjs';

describe('minifyCssTemplates', () => {
  it('collapses the CSS text and keeps expressions, descendant pseudo-classes and other code as they are', () => {
    const source = "const a = css`\n  /* note */\n  :host {\n    padding: ${token('x')} ${token('y')};\n  }\n  .list :hover > li { color: red; }\n`;\nconst b = `  keep   me  `;";
    assert.equal(
      minifyCssTemplates(source),
      "const a = css` :host{padding: ${token('x')} ${token('y')}}.list :hover>li{color: red}`;\nconst b = `  keep   me  `;",
    );
  });
});
