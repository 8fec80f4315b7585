/**
 * The parts of an element inside a shadow root that its container passes on with `exportparts`,
 * so a page styles them through the container: `chat-widget::part(file-retry)`.
 */
export interface ForwardedParts {
  /** The tag of the element inside. */
  readonly from: string;
  /** Each part of the element inside, with the name the container forwards it under. */
  readonly names: Readonly<Record<string, string>>;
  /** The `exportparts` value that forwards them. */
  readonly exportparts: string;
}

/** Forwards every one of `parts` of `<from>`, each under the name `rename` gives it. */
export function forwardParts(from: string, parts: readonly string[], rename: (part: string) => string): ForwardedParts {
  const names = Object.fromEntries(parts.map((part) => [part, rename(part)]));
  const exportparts = parts.map((part) => (names[part] === part ? part : `${part}: ${names[part]}`)).join(', ');
  return { from, names, exportparts };
}

/** Every part a page can style on a container: its own, then those it forwards. */
export const allParts = (ownParts: readonly string[], forwarded: readonly ForwardedParts[]): readonly string[] => [
  ...ownParts,
  ...forwarded.flatMap((parts) => Object.values(parts.names)),
];
