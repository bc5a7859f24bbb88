import path from 'node:path';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig, mergeConfig } from 'vitest/config';
import type { BrowserCommand } from 'vitest/node';
import { chromiumArgs, chromiumPath, testDefaults } from '../../vitest.shared.ts';

const dirname = import.meta.dirname;

// Component tests and stories both run in real Chromium: what users get, and no jsdom worker to
// start beside the browser on a two-core machine.
/** Lets a test ask for `prefers-reduced-motion` (see `src/reduced-motion.test.ts`). */
const emulateReducedMotion: BrowserCommand<['reduce' | 'no-preference']> = async (
  context,
  value,
) => {
  if (!('page' in context)) throw new Error('emulateReducedMotion needs the playwright provider');
  await context.page.emulateMedia({ reducedMotion: value });
};

// A fresh object per project: vitest names each instance after the project it belongs to.
const browser = () => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
  instances: [{ browser: 'chromium' as const }],
  commands: { emulateReducedMotion },
});

/** `react` and `react-dom` (and their subpaths) resolved to the React 18 install. */
const react18 = [
  { find: /^react$/, replacement: 'react18' },
  { find: /^react\/(.*)$/, replacement: 'react18/$1' },
  { find: /^react-dom$/, replacement: 'react-dom18' },
  { find: /^react-dom\/(.*)$/, replacement: 'react-dom18/$1' },
];

export default mergeConfig(
  testDefaults(dirname),
  defineConfig({
    test: {
      // Read from the root config only. Chromium can take a minute to start on a loaded
      // two-core machine.
      browser: { connectTimeout: 180_000 },
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            provide: { reactMajor: '19' },
            include: ['src/**/*.test.{ts,tsx}'],
            setupFiles: ['src/test-setup.ts'],
            browser: browser(),
          },
        },
        {
          // The same components on React 18 (the kit supports 18.2+ and 19): the hooks, the
          // window that composes every part, the list and the conversation list.
          extends: true,
          resolve: { alias: react18 },
          test: {
            name: 'react18',
            provide: { reactMajor: '18' },
            include: [
              'src/hooks/hooks.test.tsx',
              'src/ChatWindow/ChatWindow.test.tsx',
              'src/ConversationList/ConversationList.test.tsx',
              'src/MessageList/MessageList.test.tsx',
              'src/MessageInput/MessageInput.test.tsx',
              'src/react-version.test.tsx',
            ],
            setupFiles: ['src/test-setup.ts'],
            browser: browser(),
          },
        },
        {
          // Every story is a test: it renders, runs its play function and the a11y checks.
          extends: true,
          plugins: [storybookTest({ configDir: path.join(dirname, '../../.storybook') })],
          test: {
            name: 'storybook',
            // The first story pays for loading Storybook and axe in the page.
            testTimeout: 60_000,
            browser: browser(),
          },
        },
      ],
    },
  }),
);
