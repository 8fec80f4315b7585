import { html, nothing, type TemplateResult } from 'lit';

const fullFormats = new Map<string, Intl.DateTimeFormat>();

/** The date and time in full for `locale` ("Sunday, 3 March 2024 at 14:05"); one formatter per locale. */
function fullDate(date: Date, locale: string): string {
  let format = fullFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale || undefined, { dateStyle: 'full', timeStyle: 'short' });
    fullFormats.set(locale, format);
  }
  return format.format(date);
}

/**
 * When a message was written: `hh:mm` in local time, the full date in its `datetime` and, from the
 * first time a pointer is over it, in its tooltip (formatted then: the first date formatter a page
 * makes loads the browser's locale data, too slow for a thread's first render). Nothing for a time
 * a `Date` cannot hold.
 */
export function renderTime(createdAt: number, locale: string): TemplateResult | typeof nothing {
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime())) return nothing;
  const pad = (value: number) => String(value).padStart(2, '0');
  const showFullDate = (event: Event) => ((event.currentTarget as HTMLElement).title = fullDate(date, locale));
  return html`<time part="time" class="time" datetime=${date.toISOString()} @pointerenter=${showFullDate}>${pad(date.getHours())}:${pad(date.getMinutes())}</time>`;
}
