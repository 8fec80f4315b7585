/** The local calendar day of a time, as a number that compares: `20240303` for 3 March 2024. */
export function dayKey(time: number): number {
  const date = new Date(time);
  return date.getFullYear() * 10_000 + (date.getMonth() + 1) * 100 + date.getDate();
}

/** The local calendar day of a time as `YYYY-MM-DD`, for a `<time datetime>`. */
export function dayIso(time: number): string {
  const key = String(dayKey(time));
  return `${key.slice(0, -4)}-${key.slice(-4, -2)}-${key.slice(-2)}`;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The formatter of dates in `locale` (the reader's when empty) with `options`, made once: making one costs far more than using one. */
export function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = (locale ?? '') + JSON.stringify(options);
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.DateTimeFormat(locale || undefined, options)));
  return format;
}

/** The words for the two days a separator names rather than dates. */
export interface DayWords {
  today: string;
  yesterday: string;
}

/**
 * What a day separator says: "Today", "Yesterday" (or the given `words`), else the date in
 * `locale`, by default the reader's ("Sunday, March 3", with the year when it is not this year's).
 */
export function dayLabel(time: number, now: number = Date.now(), locale?: string, words: DayWords = { today: 'Today', yesterday: 'Yesterday' }): string {
  const day = dayKey(time);
  if (Number.isNaN(day)) return '';
  if (day === dayKey(now)) return words.today;
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  if (day === dayKey(yesterday.getTime())) return words.yesterday;
  const isThisYear = new Date(time).getFullYear() === new Date(now).getFullYear();
  return dateFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: isThisYear ? undefined : 'numeric' }).format(time);
}
