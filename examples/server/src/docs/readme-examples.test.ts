// Every code block of the READMEs is checked, so that a README cannot drift from the code
// (readme-blocks.ts says how a block is checked and which markers change it).
//
// The examples are written for the development server of `pnpm dev`, on http://127.0.0.1:3001 (or
// localhost:3001) with its seeded users and `POST /auth/dev-login`. This test starts the same
// assembled server on a free port, on a fresh PGlite folder, and rewrites that one literal
// address in the blocks it runs: nothing else is injected. Code blocks are written to a
// git-ignored `.readme-blocks/` folder of a workspace package whose dependencies cover their
// imports, type-checked together with the TypeScript compiler against the workspace's sources,
// then run with `node --import tsx` in a child process (Node 20's `--experimental-websocket`
// included, for the mock of @causette/testing, which intercepts the global WebSocket). A block
// must finish by itself: one that leaves a socket open times out.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chatServerParts } from '../app';
import { loadConfig } from '../config';
import { migratedPgliteDir } from '../db/test-backends';
import { type RunningServer, startServer } from '../server';
import {
  type BlockCheck,
  type CodeBlock,
  bareImports,
  extractBlocks,
  planBlock,
  pnpmScript,
  resolvesFrom,
  shellCommands,
  where,
} from './readme-blocks';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const root = path.resolve(import.meta.dirname, '../../../..');

/**
 * The checked Markdown files: the root README, every package's and example's README (a new one is
 * picked up by itself), the protocol document and the deployment guide. docs/prisma.md is left
 * out: its one block is a Prisma schema, and nothing in the workspace runs Prisma. SECURITY.md has
 * no code block (an empty suite would fail): add it here when it gets one.
 */
function markdownFiles(): string[] {
  const files = ['README.md', 'docs/protocol.md', 'docs/deploy.md'];
  for (const group of ['packages', 'examples']) {
    for (const name of readdirSync(path.join(root, group)).sort()) {
      const readme = path.join(group, name, 'README.md');
      if (existsSync(path.join(root, readme))) files.push(readme);
    }
  }
  return files;
}

/** Where a block's module is written: a package folder whose dependencies resolve its imports. */
const WORKDIRS = ['examples/server', 'examples/marketplace'];
function workdirFor(block: CodeBlock): string {
  const own = path.dirname(block.file);
  const candidates = [
    ...(existsSync(path.join(root, own, 'package.json')) && own !== '.' ? [own] : []),
    ...WORKDIRS,
  ];
  const imports = bareImports(block.code);
  const found = candidates.find((dir) =>
    imports.every((name) => resolvesFrom(path.join(root, dir), name)),
  );
  if (!found)
    throw new Error(`${where(block)}: no workspace package resolves ${imports.join(', ')}`);
  return path.join(root, found);
}

const DEV_ADDRESS = /(?:http:\/\/)?(?:127\.0\.0\.1|localhost):3001/g;

interface Planned {
  block: CodeBlock;
  check: BlockCheck;
  /** The written module, for code blocks. */
  file?: string;
}

let server: RunningServer;
let dataDir = '';
const planned: Planned[] = [];
const written = new Set<string>();

beforeAll(async () => {
  dataDir = await migratedPgliteDir();
  const config = loadConfig({
    PORT: '0',
    PGLITE_DIR: dataDir,
    UPLOAD_DIR: path.join(dataDir, 'up'),
  });
  server = await startServer(config, { ...chatServerParts(), logger: pino({ level: 'silent' }) });
  // Compiled before any block runs: the compiler holds the event loop, which would eat into the
  // time limits of the child processes.
  await typecheckAll();
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
  for (const dir of written) rmSync(dir, { recursive: true, force: true });
});

const files = markdownFiles();
for (const file of files) {
  for (const block of extractBlocks(readFileSync(path.join(root, file), 'utf8'), file)) {
    planned.push({ block, check: planBlock(block) });
  }
}

function slug(block: CodeBlock): string {
  return `${block.file.replace(/[^\w]+/g, '-').toLowerCase()}-L${block.line}`;
}

/** Writes the module of a code block (with the server's address) and returns its path. */
function writeBlock(item: Planned, ext: string, code: string): string {
  const dir = path.join(workdirFor(item.block), '.readme-blocks');
  mkdirSync(dir, { recursive: true });
  // tsx takes the compiler settings (JSX) from the tsconfig.json of the folder it runs in, for
  // the files it includes: the block and the workspace's sources.
  const tsconfig = {
    extends: path.join(root, 'tsconfig.base.json'),
    include: ['*', path.join(root, 'packages/*/src/**/*')],
  };
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  written.add(dir);
  const file = path.join(dir, slug(item.block) + ext);
  writeFileSync(file, code);
  item.file = file;
  return file;
}

/**
 * The block's code as written to disk: after the code of its `setup` block for `run after`, and
 * with a typecheck-only block's declarations after its imports. `offset` is how many lines come
 * before the block's own first line.
 */
function moduleText(item: Planned): { code: string; offset: number } {
  const { check, block } = item;
  if (check.kind === 'run' && check.after) {
    const setup = planned.find(
      (p) => p.block.file === block.file && p.check.kind === 'run' && p.check.setup === check.after,
    );
    if (!setup)
      throw new Error(`${where(block)}: no "setup ${check.after}" block in ${block.file}`);
    return { code: setup.block.code + block.code, offset: setup.block.code.split('\n').length - 1 };
  }
  if (check.kind !== 'typecheck' || !check.declarations) return { code: block.code, offset: 0 };
  const lines = block.code.split('\n');
  let last = -1;
  lines.forEach((line, i) => {
    if (/^import\s/.test(line)) last = i;
  });
  lines.splice(last + 1, 0, `${check.declarations};`);
  return { code: lines.join('\n'), offset: 0 };
}

function run(
  command: string,
  args: string[],
  cwd: string,
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Not vitest's own variables: a block run by vitest would think it runs inside this run.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')),
    );
    execFile(
      command,
      args,
      { cwd, timeout: timeoutMs, env, maxBuffer: 10_000_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({
          code,
          stdout,
          stderr: error?.killed ? `${stderr}\n(killed after ${timeoutMs} ms)` : stderr,
        });
      },
    );
  });
}

/** One TypeScript program over every code block, compiled once. */
let diagnostics: Promise<Map<string, string[]>> | undefined;
function typecheckAll(): Promise<Map<string, string[]>> {
  diagnostics ??= Promise.resolve().then(() => {
    const base = ts.readConfigFile(path.join(root, 'tsconfig.base.json'), ts.sys.readFile);
    const { options } = ts.convertCompilerOptionsFromJson(base.config.compilerOptions, root);
    options.types = ['node'];
    options.typeRoots = [path.join(root, 'node_modules/@types')];
    const checked = planned.filter(
      (p) =>
        p.file &&
        (p.check.kind === 'typecheck' || p.check.kind === 'run' || p.check.kind === 'vitest') &&
        !p.file.endsWith('.mjs'),
    );
    const program = ts.createProgram(
      checked.map((p) => p.file!),
      options,
    );
    const byFile = new Map<string, string[]>();
    for (const p of checked) {
      const source = program.getSourceFile(p.file!)!;
      const found = [
        ...program.getSyntacticDiagnostics(source),
        ...program.getSemanticDiagnostics(source),
      ];
      byFile.set(
        p.file!,
        found.map((d) => {
          const line =
            source.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 - moduleText(p).offset;
          return `${line > 0 ? `block line ${line}` : 'its setup block'}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
        }),
      );
    }
    return byFile;
  });
  return diagnostics;
}

async function expectTypes(item: Planned): Promise<void> {
  const problems = (await typecheckAll()).get(item.file!) ?? [];
  expect(problems, `${where(item.block)} does not type-check:\n${problems.join('\n')}`).toEqual([]);
}

async function devToken(userId: string): Promise<string> {
  const response = await fetch(`${server.url}/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  return ((await response.json()) as { token: string }).token;
}

/** The keys of every object in `value`, as `a.b.c` paths. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    `${prefix}${key}`,
    ...keyPaths(inner, `${prefix}${key}.`),
  ]);
}

function packageJsonOf(
  block: CodeBlock,
  filter: string | undefined,
): { name?: string; scripts?: Record<string, string> } {
  const dirs = [
    '.',
    ...['packages', 'examples'].flatMap((g) =>
      readdirSync(path.join(root, g)).map((n) => path.join(g, n)),
    ),
  ];
  const read = (dir: string) =>
    JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8')) as {
      name?: string;
      scripts?: Record<string, string>;
    };
  if (filter === undefined)
    return read(path.dirname(block.file) === 'docs' ? '.' : path.dirname(block.file));
  const dir = dirs.find(
    (d) => existsSync(path.join(root, d, 'package.json')) && read(d).name === filter,
  );
  if (!dir) throw new Error(`${where(block)}: no workspace package is named ${filter}`);
  return read(dir);
}

async function checkShell(block: CodeBlock): Promise<void> {
  for (const command of shellCommands(block.code)) {
    const script = pnpmScript(command);
    if (script) {
      const pkg = packageJsonOf(block, script.filter);
      expect(
        pkg.scripts?.[script.script],
        `${where(block)}: "${command}": ${pkg.name} has no script "${script.script}"`,
      ).toBeDefined();
      continue;
    }
    const address = server.url.replace(/^http:\/\//, '');
    if (command.startsWith('curl ')) {
      const rewritten = command.replace(DEV_ADDRESS, (found) =>
        found.startsWith('http') ? server.url : address,
      );
      const result = await run(
        'sh',
        ['-c', rewritten.replace(/^curl /, 'curl --fail ')],
        root,
        10_000,
      );
      expect(result.code, `${where(block)}: "${command}" failed: ${result.stderr}`).toBe(0);
    } else if (/^node \S+\.js --help$/.test(command)) {
      const cwd = path.join(root, path.dirname(block.file));
      const script = command.split(' ')[1]!;
      // Only once built (`pnpm build`); `pnpm test` builds before it tests.
      if (!existsSync(path.join(cwd, script))) continue;
      const result = await run('node', [script, '--help'], cwd, 10_000);
      expect(result.code, `${where(block)}: "${command}" failed: ${result.stderr}`).toBe(0);
    }
    // Anything else (npm i -g, installs, servers that keep running) is only read.
  }
}

/** The block's `--causette-*` properties are all defined by the kit's tokens. */
function checkCss(block: CodeBlock): void {
  const tokens = readFileSync(path.join(root, 'packages/react/src/styles/tokens.css'), 'utf8');
  const defined = new Set(tokens.match(/--causette-[\w-]+(?=\s*:)/g));
  const used = block.code.match(/--causette-[\w-]+(?=\s*:)/g) ?? [];
  expect(used.length, `${where(block)} sets no --causette-* variable`).toBeGreaterThan(0);
  for (const name of used)
    expect(defined, `${where(block)}: ${name} is not a kit variable`).toContain(name);
  const open = block.code.split('{').length;
  expect(open, `${where(block)}: unbalanced braces`).toBe(block.code.split('}').length);
}

for (const file of files) {
  // Concurrently: most of the time goes to child processes starting up.
  describe.concurrent(file, () => {
    for (const item of planned.filter((p) => p.block.file === file)) {
      const { block, check } = item;
      const title = `${where(block)} (${block.lang || 'plain'}: ${check.kind})`;
      if (check.kind === 'run' || check.kind === 'typecheck' || check.kind === 'vitest') {
        const ext = check.kind === 'vitest' ? '.readme.ts' : check.ext;
        writeBlock(item, ext, moduleText(item).code);
      }
      it(title, async () => {
        switch (check.kind) {
          case 'unchecked':
            throw new Error(`${where(block)}: ${check.why}`);
          case 'typecheck':
            return expectTypes(item);
          case 'run': {
            await expectTypes(item);
            // The server's port is known now: rewrite the development address.
            writeFileSync(
              item.file!,
              moduleText(item).code.replace(DEV_ADDRESS, (found) =>
                found.startsWith('http') ? server.url : server.url.replace(/^http:\/\//, ''),
              ),
            );
            const result = await run(
              'node',
              [
                '--experimental-websocket',
                '--no-warnings',
                '--conditions=@causette/source',
                '--import',
                'tsx',
                item.file!,
              ],
              path.dirname(item.file!),
              45_000,
            );
            expect(
              result.code,
              `${where(block)} failed (module line N is README line ${block.line}+N-${moduleText(item).offset}):\n${result.stderr}${result.stdout}`,
            ).toBe(0);
            return;
          }
          case 'vitest': {
            await expectTypes(item);
            const dir = path.dirname(item.file!);
            writeFileSync(
              path.join(dir, 'vitest.config.mjs'),
              `export default {\n  resolve: { conditions: ['@causette/source', 'module', 'browser', 'development|production'] },\n  ssr: { resolve: { conditions: ['@causette/source', 'module', 'node', 'development|production'] } },\n  test: { include: ['*.readme.ts'], execArgv: ['--experimental-websocket'] },\n};\n`,
            );
            const result = await run(
              'node',
              [
                path.join(root, 'node_modules/vitest/vitest.mjs'),
                'run',
                '--root',
                dir,
                '--config',
                path.join(dir, 'vitest.config.mjs'),
                path.basename(item.file!),
              ],
              dir,
              45_000,
            );
            expect(
              result.code,
              `${where(block)} failed as a vitest file:\n${result.stdout}${result.stderr}`,
            ).toBe(0);
            return;
          }
          case 'json':
            expect(() => JSON.parse(block.code), `${where(block)} is not JSON`).not.toThrow();
            return;
          case 'json-matches': {
            const shown = JSON.parse(block.code) as unknown;
            const response = await fetch(`${server.url}${check.route}`, {
              method: check.method,
              headers: {
                authorization: `Bearer ${await devToken('u-owner-1')}`,
                'content-type': 'application/json',
              },
              body: check.method === 'GET' ? undefined : '{}',
            });
            expect(
              response.ok,
              `${where(block)}: ${check.method} ${check.route} answered ${response.status}`,
            ).toBe(true);
            const real = (await response.json()) as unknown;
            expect(
              keyPaths(shown).sort(),
              `${where(block)}: the keys differ from a real answer of ${check.route}`,
            ).toEqual(keyPaths(real).sort());
            return;
          }
          case 'paths':
            for (const line of block.code.split('\n').filter((l) => l.trim())) {
              const first = line.trim().split(/\s+/)[0]!;
              expect(
                existsSync(path.join(root, first)),
                `${where(block)}: ${first} does not exist`,
              ).toBe(true);
            }
            return;
          case 'sh':
            return checkShell(block);
          case 'css':
            return checkCss(block);
        }
      });
    }
  });
}
