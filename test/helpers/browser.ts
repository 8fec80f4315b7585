import puppeteer, { type Browser } from 'puppeteer-core';
// @ts-expect-error: a plain JavaScript module shared with the test scripts
import { CHROME_ARGS, findChrome } from '../../scripts/find-chrome.mjs';

/** Pages in background tabs keep running timers and animation frames, as two people's windows would. */
const KEEP_BACKGROUND_PAGES_RUNNING = ['--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'];

/** Launches the installed headless Chromium (no browser is downloaded). */
export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({ executablePath: findChrome() as string, headless: true, args: [...(CHROME_ARGS as string[]), ...KEEP_BACKGROUND_PAGES_RUNNING] });
}
