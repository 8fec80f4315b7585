import { noChange } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * Sets a custom property on the element it is bound to, through the CSSOM: `<div ${cssProperty('--fraction', '0.4')}>`.
 * Unlike a `style` attribute (which Lit's `styleMap` writes on its first render), this works
 * under a strict Content Security Policy (`style-src` without `'unsafe-inline'`).
 */
class CssPropertyDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssProperty() goes on an element, as `<div ${cssProperty(…)}>`');
  }

  override render(_name: string, _value: string) {
    return noChange;
  }

  override update(part: ElementPart, [name, value]: [string, string]) {
    (part.element as HTMLElement).style.setProperty(name, value);
    return noChange;
  }
}

/** Sets the custom property `name` to `value` on the element, CSP-safe (see `CssPropertyDirective`). */
export const cssProperty = directive(CssPropertyDirective);
