import puppeteer, { type Browser } from 'puppeteer-core';
// @ts-expect-error: a plain JavaScript module shared with the test scripts
import { CHROME_ARGS, findChrome } from '../../scripts/find-chrome.mjs';

/** Launches the installed headless Chromium (no browser is downloaded). */
export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({ executablePath: findChrome() as string, headless: true, args: CHROME_ARGS as string[] });
}
