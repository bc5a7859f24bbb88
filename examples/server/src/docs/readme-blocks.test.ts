import { describe, expect, it } from 'vitest';
import { bareImports, extractBlocks, planBlock, pnpmScript, shellCommands } from './readme-blocks';

const markdown = [
  '# Title', // 1
  '', // 2
  '```ts', // 3
  "import { x } from '@causette/core/websocket';", // 4
  '```', // 5
  '', // 6
  '<!-- readme-test: typecheck-only (browser APIs); declare const a: string -->', // 7
  '', // 8
  '```tsx', // 9
  'const y = 1;', // 10
  '````', // 11
  '', // 12
  '```', // 13
  'packages/core  the client', // 14
  '```', // 15
  '- item', // 16
  '  ```sh', // 17
  '  pnpm --filter @causette/example-server dev # reloads', // 18
  '  ```', // 19
].join('\n');

describe('extractBlocks', () => {
  const blocks = extractBlocks(markdown, 'README.md');

  it('finds every fenced block with its language, line, code and marker', () => {
    expect(blocks.map((b) => [b.line, b.lang, b.marker])).toEqual([
      [3, 'ts', undefined],
      [9, 'tsx', 'typecheck-only (browser APIs); declare const a: string'],
      [13, '', undefined],
      [17, 'sh', undefined],
    ]);
    expect(blocks[0]!.code).toBe("import { x } from '@causette/core/websocket';\n");
    expect(blocks[3]!.code).toBe('pnpm --filter @causette/example-server dev # reloads\n');
  });

  it('plans a check for each block, and none for a plain block without a marker', () => {
    expect(blocks.map(planBlock)).toEqual([
      { kind: 'run', ext: '.ts' },
      { kind: 'typecheck', ext: '.tsx', declarations: 'declare const a: string' },
      { kind: 'unchecked', why: expect.stringContaining('no way to check a "plain" block') },
      { kind: 'sh' },
    ]);
  });
});

describe('planBlock markers', () => {
  const plan = (lang: string, marker?: string) =>
    planBlock({ file: 'x.md', line: 1, lang, code: '', ...(marker ? { marker } : {}) });

  it('reads every marker, and refuses an unknown one', () => {
    expect(plan('ts', 'vitest')).toEqual({ kind: 'vitest' });
    expect(plan('json', 'json-matches POST /uploads/sign')).toEqual({
      kind: 'json-matches',
      method: 'POST',
      route: '/uploads/sign',
    });
    expect(plan('', 'paths')).toEqual({ kind: 'paths' });
    expect(plan('ts', 'setup dev-token')).toEqual({ kind: 'run', ext: '.ts', setup: 'dev-token' });
    expect(plan('ts', 'run after dev-token')).toEqual({
      kind: 'run',
      ext: '.ts',
      after: 'dev-token',
    });
    expect(plan('ts', 'run before x')).toMatchObject({ kind: 'unchecked' });
    expect(plan('json')).toEqual({ kind: 'json' });
    expect(plan('css')).toEqual({ kind: 'css' });
    expect(plan('js')).toEqual({ kind: 'run', ext: '.mjs' });
    expect(plan('ts', 'skip')).toMatchObject({ kind: 'unchecked' });
    expect(plan('prisma')).toMatchObject({ kind: 'unchecked' });
  });
});

describe('helpers', () => {
  it('lists the packages a block imports', () => {
    const code = [
      "import { a } from '@causette/core/websocket';",
      "import type { B } from 'socket.io-client';",
      "import 'fake-indexeddb/auto';",
      "import path from 'node:path';",
      "import { c } from './local';",
      "const d = await import('ws');",
    ].join('\n');
    expect(bareImports(code)).toEqual([
      '@causette/core',
      'socket.io-client',
      'fake-indexeddb',
      'ws',
    ]);
  });

  it('splits shell lines into commands and finds the pnpm scripts they run', () => {
    expect(
      shellCommands('npm i -g pnpm && pnpm install && pnpm dev\n# note\npnpm test # all'),
    ).toEqual(['npm i -g pnpm', 'pnpm install', 'pnpm dev', 'pnpm test']);
    expect(pnpmScript('pnpm dev')).toEqual({ script: 'dev' });
    expect(pnpmScript('pnpm run test:scripts')).toEqual({ script: 'test:scripts' });
    expect(pnpmScript('pnpm --filter @causette/example-server build')).toEqual({
      filter: '@causette/example-server',
      script: 'build',
    });
    expect(pnpmScript('pnpm install')).toBeUndefined();
    expect(pnpmScript('curl -s localhost:3001')).toBeUndefined();
  });
});
