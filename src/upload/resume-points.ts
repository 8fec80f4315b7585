/** Where an unfinished resumable upload can go on. */
export interface ResumePoint {
  /** The upload's own URL on the server (tus: the `Location` of its creation). */
  url: string;
  /** The endpoint it was created at: a point is used only with the same endpoint. */
  endpoint: string;
  /** The file's size: a point is used only for a file of the same size. */
  size: number;
  /** When it was saved (ms since the epoch): points older than `MAX_RESUME_POINT_AGE_MS` are forgotten. */
  savedAt: number;
}

/** Resume points older than this are forgotten (a server keeps an unfinished upload a day by default): 7 days. */
export const MAX_RESUME_POINT_AGE_MS = 7 * 24 * 60 * 60 * 1000;

const PREFIX = 'chatdrop-resume:';

/** The resume points of uploads, by upload id (the message id). */
export interface ResumePoints {
  /** The URL to go on at for upload `id` to `endpoint` of a file of `size` bytes, when there is one. */
  get(id: string, endpoint: string, size: number): string | undefined;
  save(id: string, point: Omit<ResumePoint, 'savedAt'>): void;
  /** Forgets upload `id`'s point: it finished, or was cancelled. */
  forget(id: string): void;
}

/**
 * Resume points kept in `storage` (default `localStorage`, so a reloaded page finds them; in
 * memory where there is none, or it refuses), under `chatdrop-resume:<id>`. Saving one forgets
 * those past `MAX_RESUME_POINT_AGE_MS`.
 */
export function createResumePoints(storage: Storage | undefined = globalThis.localStorage, now: () => number = Date.now): ResumePoints {
  const memory = new Map<string, string>();
  const read = (key: string) => {
    try {
      return storage?.getItem(key) ?? memory.get(key) ?? null;
    } catch {
      return memory.get(key) ?? null;
    }
  };
  const write = (key: string, value: string | undefined) => {
    if (value === undefined) memory.delete(key);
    else memory.set(key, value);
    try {
      if (value === undefined) storage?.removeItem(key);
      else storage?.setItem(key, value);
      if (storage) memory.delete(key);
    } catch {
      // Full, or turned off: the point lasts as long as the page.
    }
  };
  const parse = (key: string): ResumePoint | undefined => {
    try {
      const point = JSON.parse(read(key) ?? 'null') as ResumePoint | null;
      return point && typeof point.url === 'string' && typeof point.endpoint === 'string' && typeof point.savedAt === 'number' ? point : undefined;
    } catch {
      return undefined;
    }
  };
  const forgetOld = () => {
    try {
      const keys = storage ? Array.from({ length: storage.length }, (_, index) => storage.key(index)) : [];
      for (const key of [...keys, ...memory.keys()]) {
        const point = key?.startsWith(PREFIX) ? parse(key) : undefined;
        if (key?.startsWith(PREFIX) && (!point || now() - point.savedAt > MAX_RESUME_POINT_AGE_MS)) write(key, undefined);
      }
    } catch {
      // Storage that cannot be listed keeps its points.
    }
  };
  return {
    get(id, endpoint, size) {
      const point = parse(PREFIX + id);
      return point && point.endpoint === endpoint && point.size === size && now() - point.savedAt <= MAX_RESUME_POINT_AGE_MS ? point.url : undefined;
    },
    save(id, point) {
      forgetOld();
      write(PREFIX + id, JSON.stringify({ ...point, savedAt: now() } satisfies ResumePoint));
    },
    forget: (id) => write(PREFIX + id, undefined),
  };
}
