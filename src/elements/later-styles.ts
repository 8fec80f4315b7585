import { supportsAdoptingStyleSheets, type CSSResult } from 'lit';

/**
 * Adds `styles` that came with lazily loaded code to an element's shadow root, after its own (so
 * they win where both set a property). Adopted as a constructed stylesheet, as Lit adopts the
 * element's own, so a page whose Content-Security-Policy forbids inline styles still applies
 * them; a `<style>` only where constructed stylesheets are missing. Adding them twice is a no-op.
 */
export function addLaterStyles(root: ShadowRoot, styles: CSSResult): void {
  const sheet = styles.styleSheet;
  if (supportsAdoptingStyleSheets && sheet) {
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  if ([...root.querySelectorAll('style')].some((style) => style.textContent === styles.cssText)) return;
  const style = document.createElement('style');
  style.textContent = styles.cssText;
  root.append(style);
}
