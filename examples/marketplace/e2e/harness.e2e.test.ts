// The harness itself: the built app in Chromium, the real server, and a server that is killed
// and restarted keeps its port and its data.
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newPerson } from './harness/browser';
import { e2eOutputDir } from './harness/context';
import { killServer, restartServer, serverLog, stopServer } from './harness/control';
import { artifacts } from './harness/steps';
import { connectedClient, devLogin } from './node-client';

const chatServerUrl = inject('chatServerUrl');

let browser: Browser | undefined;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The text of the app's entry script, as served. */
async function appEntryScript(): Promise<string> {
  const demoUrl = inject('demoUrl');
  const html = await (await fetch(demoUrl)).text();
  const src = /<script type="module"[^>]* src="([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error(`no module script in ${html}`);
  return (await fetch(new URL(src, demoUrl))).text();
}

describe('the e2e harness', () => {
  it('builds the app for the run’s server, in production mode', async () => {
    const script = await appEntryScript();
    expect(script).toContain(chatServerUrl);
    // React's development build prints this hint; vitest's NODE_ENV=test must not leak into the build.
    expect(script).not.toContain('Download the React DevTools');
  });

  it('serves the app built for the run’s server to a person in Chromium', async ({ task }) => {
    if (!browser) throw new Error('no browser');
    const run = artifacts(task.name, e2eOutputDir);
    const { context, page } = await newPerson(browser, { baseURL: inject('demoUrl') });
    try {
      await run.step(
        'open the app',
        async () => {
          await page.goto('/');
          expect(await page.title()).toBe('Causette marketplace');
          expect(await page.evaluate(() => navigator.language)).toBe('fr-FR');
        },
        [page],
      );
    } finally {
      await context.close();
    }
  });

  it('gives a person permissions on the app’s origin, and can start them offline', async () => {
    if (!browser) throw new Error('no browser');
    const { context, page } = await newPerson(browser, {
      baseURL: inject('demoUrl'),
      permissions: ['notifications'],
      offline: true,
    });
    try {
      await expect(page.goto('/')).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
      await context.setOffline(false);
      await page.goto('/');
      expect(await page.evaluate(() => Notification.permission)).toBe('granted');
      expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
        'Europe/Paris',
      );
    } finally {
      await context.close();
    }
  });

  it('runs the reference server with its demo users', async () => {
    const health = await fetch(`${chatServerUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(await devLogin('u-advertiser-1')).toMatchObject({
      status: 200,
      token: expect.any(String),
    });
  });

  it('kills the server and restarts it on the same port with its data', async () => {
    const before = await connectedClient('u-advertiser-1');
    const content = `Avant la panne ${randomUUID()}`;
    let conversationId = '';
    try {
      await before.loadConversations();
      conversationId = before.getSnapshot().conversations.order[0] ?? '';
      expect(conversationId).not.toBe('');
      const { clientId } = before.sendMessage(conversationId, { content });
      await expect
        .poll(() => before.getSnapshot().messages[conversationId]?.sent.map((m) => m.clientId))
        .toContain(clientId);
    } finally {
      before.destroy();
    }

    await killServer();
    await expect(fetch(`${chatServerUrl}/healthz`)).rejects.toThrow();
    await restartServer();

    expect((await fetch(`${chatServerUrl}/healthz`)).status).toBe(200);
    expect(await devLogin('u-advertiser-1')).toMatchObject({
      status: 200,
      token: expect.any(String),
    });
    const after = await connectedClient('u-advertiser-1');
    try {
      const conversation = await after.loadConversation(conversationId);
      expect(conversation.lastMessage?.content).toBe(content);
    } finally {
      after.destroy();
    }
    expect(await serverLog()).toMatch(/start #2: healthy after \d+ ms/);
  });

  it('stops the server gracefully and starts it again', async () => {
    await stopServer();
    await expect(fetch(`${chatServerUrl}/healthz`)).rejects.toThrow();
    expect(await serverLog()).toMatch(/exited \(code 0, signal null\)/);
    await restartServer();
    expect(await devLogin('u-owner-1')).toMatchObject({ status: 200, token: expect.any(String) });
  });
});
