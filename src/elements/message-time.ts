import { html, nothing, type TemplateResult } from 'lit';
import { dateFormat } from './day-label.ts';

/**
 * When a message was written: the hour and minute in local time as `locale` writes them ("3:04 PM"
 * in English, "15:04" in German), the full date in its `datetime` and, from the first time a
 * pointer is over it, in its tooltip ("Sunday, 3 March 2024 at 15:04"). Nothing for a time a
 * `Date` cannot hold.
 */
export function renderTime(createdAt: number, locale: string): TemplateResult | typeof nothing {
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime())) return nothing;
  const showFullDate = (event: Event) => ((event.currentTarget as HTMLElement).title = dateFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(date));
  return html`<time part="time" class="time" datetime=${date.toISOString()} @pointerenter=${showFullDate}>${dateFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(date)}</time>`;
}
