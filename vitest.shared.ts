// Settings every package's vitest config starts from.
import path from 'node:path';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import type { ViteUserConfig } from 'vitest/config';

/** Where each package's run writes its JSON results, summed by `.ci/run` into one closing line. */
export const RESULTS_FILE = '.vitest-results.json';

/** The Chromium browser tests drive (Debian's package by default; never a downloaded build). */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags Chromium needs on these machines (DESIGN.md). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Resolves workspace packages to their TypeScript sources (the `@causette/source` export
 * condition) and reports to the console plus a JSON file in the package folder.
 */
export function testDefaults(packageDir: string): ViteUserConfig {
  return {
    resolve: { conditions: ['@causette/source', ...defaultClientConditions] },
    ssr: { resolve: { conditions: ['@causette/source', ...defaultServerConditions] } },
    test: {
      reporters: ['default', ['json', { outputFile: path.join(packageDir, RESULTS_FILE) }]],
    },
  };
}
