// The artifacts helper: screenshots after every step, and the server log beside them on a failure.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newPerson } from './harness/browser';
import { artifacts, slug } from './harness/steps';

let browser: Browser | undefined;
let outputDir = '';
beforeAll(async () => {
  browser = await launchBrowser();
  outputDir = mkdtempSync(path.join(os.tmpdir(), 'causette-e2e-steps-'));
});
afterAll(async () => {
  await browser?.close();
  rmSync(outputDir, { recursive: true, force: true });
});

describe('artifacts', () => {
  it('makes file names of test and step names', () => {
    expect(slug('Ouvre l’annonce « Villa à Nice » : étape 2')).toBe(
      'ouvre-l-annonce-villa-a-nice-etape-2',
    );
    expect(slug('***')).toBe('unnamed');
  });

  it('leaves screenshots of each step, and the server log when a step fails', async () => {
    if (!browser) throw new Error('no browser');
    const run = artifacts('Deux personnes, un échec', outputDir, {
      serverLogFile: inject('serverLogFile'),
    });
    const first = await newPerson(browser, { baseURL: inject('demoUrl') });
    const second = await newPerson(browser, { baseURL: inject('demoUrl') });
    try {
      const pages = [first.page, second.page];
      expect(await run.step('ouvrir', () => first.page.goto('/').then(() => 'ok'), pages)).toBe(
        'ok',
      );
      expect(existsSync(path.join(run.dir, 'server.log'))).toBe(false);
      const failure = new Error('boom');
      await expect(
        run.step(
          'échouer',
          async () => {
            throw failure;
          },
          pages,
        ),
      ).rejects.toBe(failure);
    } finally {
      await first.context.close();
      await second.context.close();
    }
    expect(run.dir).toBe(path.join(outputDir, 'deux-personnes-un-echec'));
    expect(readdirSync(run.dir).sort()).toEqual([
      '01-ouvrir-0.png',
      '01-ouvrir-1.png',
      '02-echouer-0.png',
      '02-echouer-1.png',
      'server.log',
    ]);
    const png = readFileSync(path.join(run.dir, '02-echouer-0.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(path.join(run.dir, 'server.log'), 'utf8')).toContain('start #1');
  });
});
