/** What shows in a scrolling log: small DOM helpers for keyboard focus. */

/** The indices (`data-index`) of the messages that show, at least in part, in `log`. */
export function shownIndices(log: HTMLElement): number[] {
  const view = log.getBoundingClientRect();
  return [...log.querySelectorAll<HTMLElement>('.entry')]
    .filter((entry) => {
      const box = entry.getBoundingClientRect();
      return box.bottom > view.top && box.top < view.bottom;
    })
    .map((entry) => Number(entry.dataset.index));
}

/** Scrolls `log` just enough to show `element` whole (or its top, when it is taller than the log). */
export function scrollIntoLog(log: HTMLElement, element: HTMLElement): void {
  const view = log.getBoundingClientRect();
  const box = element.getBoundingClientRect();
  if (box.top < view.top) log.scrollTop -= view.top - box.top;
  else if (box.bottom > view.bottom) log.scrollTop += Math.min(box.bottom - view.bottom, box.top - view.top);
}
