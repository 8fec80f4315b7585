import { html, nothing, type TemplateResult } from 'lit';
import { dateFormat } from './day-label.ts';

const TIME_OPTIONS: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };

/**
 * Makes the time format of `locale` when the page is idle. The first `Intl.DateTimeFormat` of a
 * page loads the locale's data (15–45 ms in Chromium); made while a thread waits for its history,
 * it no longer adds to the first render of the messages.
 */
export function prepareTimeFormat(locale: () => string): void {
  const whenIdle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 0));
  whenIdle(() => dateFormat(locale(), TIME_OPTIONS));
}

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
  return html`<time part="time" class="time" datetime=${date.toISOString()} @pointerenter=${showFullDate}>${dateFormat(locale, TIME_OPTIONS).format(date)}</time>`;
}
