import { css, unsafeCSS, type CSSResult } from 'lit';

/**
 * Every design token Chatdrop reads, by name without the `--chat-` prefix, with its default:
 * a colour as a `[light, dark]` pair, anything else as one value. A host page themes every
 * element at once by setting `--chat-<name>` on any ancestor (`:root`, `chat-widget`, …); the
 * value may itself be `light-dark(a, b)`.
 *
 * Light or dark follows `color-scheme`: `light dark` (the user's `prefers-color-scheme`) unless
 * `--chat-color-scheme` says `light` or `dark`, as `<chat-widget theme="…">` does for its parts.
 */
export const CHAT_TOKENS = {
  // Colours, WCAG AA for text on every background they meet.
  background: ['#ffffff', '#0d1117'],
  'text-color': ['#1f2328', '#e6edf3'],
  'muted-color': ['#59636e', '#9ea7b3'],
  'border-color': ['#d0d7de', '#3d444d'],
  accent: ['#0550ae', '#79c0ff'],
  'accent-contrast': ['#ffffff', '#0d1117'],
  'error-color': ['#b42318', '#ff8a80'],
  'bubble-background': ['#eef0f3', '#262c36'],
  'bubble-mine-background': ['#dce8fd', '#1b3558'],
  'thread-background': ['#ffffff', '#0d1117'],
  'composer-background': ['#ffffff', '#0d1117'],
  'field-background': ['#ffffff', '#0d1117'],
  'field-border-color': ['#818b98', '#768390'],
  'button-hover-background': ['rgb(5 80 174 / 0.08)', 'rgb(121 192 255 / 0.12)'],
  'thumbnail-background': ['#d9dde3', '#2d333b'],
  'progress-track': ['rgb(0 0 0 / 0.12)', 'rgb(255 255 255 / 0.16)'],
  'status-online': ['#1a7f37', '#3fb950'],
  'status-connecting': ['#9a6700', '#d29922'],
  'status-offline': ['#cf222e', '#f85149'],
  'badge-background': ['#cf222e', '#ff8a80'],
  'badge-color': ['#ffffff', '#0d1117'],
  // Fonts.
  font: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  'font-size': '0.9375rem',
  'line-height': '1.4',
  // Radii.
  'widget-radius': '12px',
  'bubble-radius': '14px',
  'button-radius': '999px',
  'field-radius': '6px',
  // Spacing.
  'spacing-small': '0.25rem',
  'spacing-medium': '0.5rem',
  'spacing-large': '0.75rem',
} as const satisfies Record<string, string | readonly [light: string, dark: string]>;

/** The name of a design token, without the `--chat-` prefix. */
export type ChatToken = keyof typeof CHAT_TOKENS;

function defaultOf(name: ChatToken): string {
  const value: string | readonly string[] = CHAT_TOKENS[name];
  return typeof value === 'string' ? value : `light-dark(${value[0]}, ${value[1]})`;
}

/** `var(--chat-<name>, <default>)` for use inside a `css` template: `color: ${token('accent')};`. */
export function token(name: ChatToken): CSSResult {
  return unsafeCSS(`var(--chat-${name}, ${defaultOf(name)})`);
}

/**
 * Makes an element light or dark: `light dark` (the user's `prefers-color-scheme`) unless
 * `--chat-color-scheme` says otherwise, as `<chat-widget theme="…">` does for everything in it.
 * Every `light-dark()` default of `token()` follows it. Put it first in an element's styles once
 * the element reads its colours through `token()`: an element that still has literal light
 * colours must not turn dark.
 */
export const themeStyles = css`
  :host {
    color-scheme: var(--chat-color-scheme, light dark);
  }
`;
