// Minifies the CSS inside Lit `css` templates of the project's own sources (bundlers leave
// template text alone): comments dropped, whitespace collapsed. Used by build-drop-in.mjs.
// Only the static text between `${…}` expressions is touched.

/** Minifies one stretch of CSS text. Spaces before `:` are kept (`a :hover` ≠ `a:hover`). */
export function minifyCssText(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/;}/g, '}');
}

/** Minifies the static text of every css`…` template in `source`. */
export function minifyCssTemplates(source) {
  let output = '';
  let index = 0;
  for (;;) {
    const start = source.indexOf('css`', index);
    if (start < 0) return output + source.slice(index);
    output += source.slice(index, start + 4);
    let position = start + 4;
    let text = '';
    while (position < source.length && source[position] !== '`') {
      if (source[position] === '\\') {
        text += source.slice(position, position + 2);
        position += 2;
      } else if (source.startsWith('${', position)) {
        output += minifyCssText(text);
        text = '';
        let depth = 0;
        const expressionStart = position;
        position++; // the `$`
        do {
          if (source[position] === '{') depth++;
          if (source[position] === '}') depth--;
          position++;
        } while (depth > 0 && position < source.length);
        output += source.slice(expressionStart, position);
      } else {
        text += source[position++];
      }
    }
    output += minifyCssText(text) + '`';
    index = position + 1;
  }
}
