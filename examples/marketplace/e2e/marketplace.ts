// The marketplace as the tests meet it: who signs in, where things are on the page, and the
// few page hooks a test needs (a hidden tab, notification and sound spies).
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchBrowser, newPerson, type Person, type PersonOptions } from './harness/browser';
import './harness/context';

/** The seeded users the tests sign in as (the server's demo data). */
export const users = {
  camille: { id: 'u-advertiser-1', name: 'Camille Martin (Agence Bellecour)' },
  julien: { id: 'u-advertiser-2', name: 'Julien Moreau (Nantes Centre Immo)' },
  sophie: { id: 'u-advertiser-3', name: 'Sophie Lefèvre' },
  elodie: { id: 'u-owner-1', name: 'Élodie Durand' },
  marc: { id: 'u-owner-2', name: 'Marc Petit' },
  nadia: { id: 'u-owner-3', name: 'Nadia Benali' },
} as const;

export type User = (typeof users)[keyof typeof users];

/** One Chromium for the test file, launched before its tests and closed after them. */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not launched yet (call it inside a test)');
    return browser;
  };
}

/** A new person (own browser profile) signed in as `user` through the login page. */
export async function signIn(
  browser: Browser,
  user: User,
  options: Omit<PersonOptions, 'baseURL'> = {},
): Promise<Person> {
  const person = await newPerson(browser, { baseURL: inject('demoUrl'), ...options });
  await person.page.goto('/');
  await person.page.getByRole('button', { name: user.name, exact: true }).click();
  await person.page.getByRole('heading', { name: 'Annonces' }).waitFor();
  return person;
}

/** On a listing's page, "Contacter …": opens the conversation about it; returns its id. */
export async function contactAbout(page: Page, listingId: string): Promise<string> {
  await page.goto(`/annonces/${listingId}`);
  await page.getByRole('button', { name: /^Contacter/ }).click();
  await page.waitForURL(/\/messages\/[^/?]+$/);
  return conversationIdOf(page);
}

export function conversationIdOf(page: Page): string {
  const id = new URL(page.url()).pathname.split('/')[2];
  if (!id) throw new Error(`not on a conversation: ${page.url()}`);
  return id;
}

/** Opens a conversation by its deep link and waits for its messages. */
export async function openConversation(page: Page, conversationId: string): Promise<void> {
  await page.goto(`/messages/${conversationId}`);
  await messageLog(page).waitFor();
}

export const messageInput = (page: Page): Locator =>
  page.getByRole('textbox', { name: 'Votre message' });

export const messageLog = (page: Page): Locator => page.getByRole('log', { name: 'Messages' });

/** A message of the open conversation, by its text. */
export const bubble = (page: Page, text: string): Locator =>
  messageLog(page).locator('.causette-message-bubble', { hasText: text });

/** Types `text` in the open conversation and presses Enter. */
export async function send(page: Page, text: string): Promise<void> {
  await messageInput(page).fill(text);
  await messageInput(page).press('Enter');
}

/** The conversation header (the other member, their presence, the listing). */
export const chatHeader = (page: Page): Locator => page.locator('.causette-chat-header');

/** The unread count the site header's badge shows (0 when it shows none). */
export async function headerUnread(page: Page): Promise<number> {
  const badge = page.getByRole('banner').getByRole('status');
  if ((await badge.count()) === 0) return 0;
  const label = (await badge.getAttribute('aria-label')) ?? '';
  const count = Number(/\d+/.exec(label)?.[0]);
  if (!Number.isInteger(count)) throw new Error(`unread badge label without a count: ${label}`);
  return count;
}

/**
 * How long `expect.poll` waits for what Playwright's own waits cannot see (counts read from
 * attributes, page hooks): a live update crosses the server and a re-render.
 */
export const LIVE = { timeout: 15_000, interval: 100 } as const;

/** A word no seeded message holds, to find one message among many. */
export function marker(label: string): string {
  return `${label}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Page hooks installed before the app loads, in every page of `person`:
 * - `__setHidden(hidden)` makes the tab hidden or visible to the page (headless Chromium keeps
 *   every tab visible), with the `visibilitychange` event;
 * - `__notifications`: each browser notification the page shows (the real ones are shown too);
 * - `__beeps`: how many notification sounds the page has started.
 */
export async function installPageHooks(person: Person): Promise<void> {
  await person.context.addInitScript(() => {
    const scope = window as unknown as {
      __setHidden: (hidden: boolean) => void;
      __notifications: { title: string; body?: string }[];
      __beeps: number;
    };
    let hidden = false;
    Object.defineProperty(Document.prototype, 'visibilityState', {
      configurable: true,
      get: () => (hidden ? 'hidden' : 'visible'),
    });
    Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden });
    scope.__setHidden = (value) => {
      hidden = value;
      document.dispatchEvent(new Event('visibilitychange'));
    };
    scope.__notifications = [];
    const Real = window.Notification;
    class Spied extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        scope.__notifications.push({ title, body: options?.body });
      }
    }
    window.Notification = Spied;
    scope.__beeps = 0;
    const createOscillator = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      scope.__beeps += 1;
      return createOscillator.call(this);
    };
  });
}

export const beeps = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __beeps: number }).__beeps);

export const notificationsShown = (page: Page): Promise<{ title: string; body?: string }[]> =>
  page.evaluate(
    () =>
      (window as unknown as { __notifications: { title: string; body?: string }[] })
        .__notifications,
  );

export const setHidden = (page: Page, hidden: boolean): Promise<void> =>
  page.evaluate(
    (value) => (window as unknown as { __setHidden: (h: boolean) => void }).__setHidden(value),
    hidden,
  );
