// Headless Chromium (the system's, never a downloaded one) and one fresh profile per person.
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../../../vitest.shared.ts';

/** Launches headless Chromium with the flags these machines need (`CHROMIUM_PATH` or /usr/bin/chromium). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs], headless: true });
}

export interface PersonOptions {
  /** The app's URL; `page.goto('/')` is relative to it. */
  baseURL: string;
  /** Granted to the app's origin, e.g. `['notifications']`. */
  permissions?: string[];
  /** Starts with the network off (`context.setOffline(false)` turns it on). */
  offline?: boolean;
}

export interface Person {
  context: BrowserContext;
  page: Page;
}

/**
 * One user on their own machine: a new browser context (own storage, IndexedDB, service workers)
 * in French, in Paris, 1280×800, with one page open (on about:blank).
 */
export async function newPerson(browser: Browser, options: PersonOptions): Promise<Person> {
  const context = await browser.newContext({
    baseURL: options.baseURL,
    viewport: { width: 1280, height: 800 },
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    offline: options.offline ?? false,
  });
  if (options.permissions?.length) {
    await context.grantPermissions(options.permissions, {
      origin: new URL(options.baseURL).origin,
    });
  }
  const page = await context.newPage();
  return { context, page };
}
