// Named test steps that leave evidence: a screenshot of every page after each step, and the
// server's log next to them when a step fails.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

/** `Un test: l'avocat` → `un-test-l-avocat` (ASCII letters, digits and dashes; at most 80). */
export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/, '') || 'unnamed'
  );
}

export interface Artifacts {
  /** `<outputDir>/<slug(testName)>`, where this test's files go. */
  dir: string;
  /**
   * Runs `work`, then (pass or fail) saves a screenshot of each page as
   * `<NN>-<slug(name)>-<pageIndex>.png`; on a failure also copies the server log there, then
   * rethrows the step's error.
   */
  step<T>(name: string, work: () => Promise<T>, pages?: readonly Page[]): Promise<T>;
}

export interface ArtifactsOptions {
  /** The log copied on a failure; `<outputDir>/server.log` by default. */
  serverLogFile?: string;
}

/** The artifacts of one test. */
export function artifacts(
  testName: string,
  outputDir: string,
  options: ArtifactsOptions = {},
): Artifacts {
  const dir = path.join(outputDir, slug(testName));
  const serverLogFile = options.serverLogFile ?? path.join(outputDir, 'server.log');
  let count = 0;

  const screenshots = async (prefix: string, pages: readonly Page[]) => {
    mkdirSync(dir, { recursive: true });
    await Promise.all(
      pages.map(async (page, index) => {
        const file = path.join(dir, `${prefix}-${index}.png`);
        try {
          await page.screenshot({ path: file, fullPage: true, timeout: 10_000 });
        } catch (error) {
          // A closed or crashed page: say so, and never hide the step's own error.
          writeFileSync(`${file}.txt`, `No screenshot: ${String(error)}\n`);
        }
      }),
    );
  };

  return {
    dir,
    async step<T>(name: string, work: () => Promise<T>, pages: readonly Page[] = []) {
      count++;
      const prefix = `${String(count).padStart(2, '0')}-${slug(name)}`;
      let result: T;
      try {
        result = await work();
      } catch (error) {
        await screenshots(prefix, pages);
        if (existsSync(serverLogFile)) copyFileSync(serverLogFile, path.join(dir, 'server.log'));
        throw error;
      }
      await screenshots(prefix, pages);
      return result;
    },
  };
}
