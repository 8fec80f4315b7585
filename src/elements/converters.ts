/** An attribute holding a space-separated list (`stream-origins="https://a.example https://b.example"`). */
export const spaceSeparated = { fromAttribute: (value: string | null): string[] => value?.split(/\s+/).filter(Boolean) ?? [] };
