// Finds the fenced code blocks of the READMEs and decides how each one is checked
// (readme-examples.test.ts runs the checks). A block is checked by its language unless an HTML
// comment on the line before its fence says otherwise:
//
//   <!-- readme-test: typecheck-only (browser APIs) -->    compiled, not run
//   <!-- readme-test: typecheck-only (...); declare const x: T -->   with declarations for
//                                                           what the prose says the snippet assumes
//   <!-- readme-test: setup NAME -->                        runs, and is what `run after NAME` means
//   <!-- readme-test: run after NAME -->                    runs after the code of the `setup NAME`
//                                                           block of the same file, as one module
//   <!-- readme-test: vitest -->                            a vitest test file: run by vitest
//   <!-- readme-test: json-matches POST /uploads/sign -->   JSON whose keys are those of a real answer
//   <!-- readme-test: paths -->                             each line starts with a path that exists
// A `css` block parses, and every `--causette-*` property it sets is one the kit's stylesheet
// defines (a theming example cannot name a variable that does nothing).
//
// Defaults: ts, typescript, tsx, js, mjs run; json parses; sh is checked (pnpm scripts exist) and
// its safe commands run. A block with no language and no marker, or an unknown language, is an
// error: every block has a way of being checked.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface CodeBlock {
  /** The README, relative to the repository root. */
  file: string;
  /** The line of the opening fence (1-based). */
  line: number;
  lang: string;
  code: string;
  /** The text of a `<!-- readme-test: ... -->` marker on the line before the fence. */
  marker?: string;
}

export type BlockCheck =
  | { kind: 'run'; ext: '.ts' | '.tsx' | '.mjs'; setup?: string; after?: string }
  | { kind: 'vitest' }
  | { kind: 'typecheck'; ext: '.ts' | '.tsx'; declarations: string }
  | { kind: 'json' }
  | { kind: 'json-matches'; method: string; route: string }
  | { kind: 'paths' }
  | { kind: 'sh' }
  | { kind: 'css' }
  | { kind: 'unchecked'; why: string };

const MARKER = /^<!--\s*readme-test:\s*(.*?)\s*-->$/;

/** Every fenced block of a Markdown file, with its language, line and marker. */
export function extractBlocks(markdown: string, file: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const at = (n: number): string => lines[n] ?? '';
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(at(i));
    if (!open) continue;
    const [, indent = '', fence = '```', lang = ''] = open;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !at(j).trimStart().startsWith(fence)) {
      body.push(at(j).startsWith(indent) ? at(j).slice(indent.length) : at(j));
      j++;
    }
    let k = i - 1;
    while (k >= 0 && at(k).trim() === '') k--;
    const marker = k >= 0 ? MARKER.exec(at(k).trim())?.[1] : undefined;
    blocks.push({
      file,
      line: i + 1,
      lang: lang.toLowerCase(),
      code: body.join('\n') + '\n',
      ...(marker !== undefined ? { marker } : {}),
    });
    i = j;
  }
  return blocks;
}

/** How a block is checked. */
export function planBlock(block: CodeBlock): BlockCheck {
  const tsLike = ['ts', 'typescript', 'tsx', 'js', 'javascript', 'mjs'].includes(block.lang);
  const ext =
    block.lang === 'tsx'
      ? '.tsx'
      : ['js', 'javascript', 'mjs'].includes(block.lang)
        ? '.mjs'
        : '.ts';
  if (block.marker !== undefined) {
    const [head = '', ...rest] = block.marker.split(';');
    const words = head.trim().split(/\s+/);
    switch (words[0]) {
      case 'typecheck-only':
        if (!tsLike)
          return { kind: 'unchecked', why: 'typecheck-only on a block that is not code' };
        return {
          kind: 'typecheck',
          ext: ext === '.tsx' ? '.tsx' : '.ts',
          declarations: rest.join(';').trim(),
        };
      case 'vitest':
        return tsLike
          ? { kind: 'vitest' }
          : { kind: 'unchecked', why: 'vitest on a block that is not code' };
      case 'json-matches':
        return words[1] && words[2] && words.length === 3
          ? { kind: 'json-matches', method: words[1], route: words[2] }
          : { kind: 'unchecked', why: 'json-matches needs a method and a route' };
      case 'paths':
        return { kind: 'paths' };
      case 'setup':
        return tsLike && words.length === 2 && words[1]
          ? { kind: 'run', ext, setup: words[1] }
          : { kind: 'unchecked', why: 'setup needs a name, on a code block' };
      case 'run':
        if (words.length === 1) break;
        return tsLike && words.length === 3 && words[1] === 'after' && words[2]
          ? { kind: 'run', ext, after: words[2] }
          : { kind: 'unchecked', why: `"${block.marker}": say "run" or "run after NAME"` };
      default:
        return { kind: 'unchecked', why: `unknown marker "${block.marker}"` };
    }
  }
  if (tsLike) return { kind: 'run', ext };
  if (block.lang === 'json') return { kind: 'json' };
  if (block.lang === 'css') return { kind: 'css' };
  if (block.lang === 'sh' || block.lang === 'bash' || block.lang === 'shell') return { kind: 'sh' };
  return {
    kind: 'unchecked',
    why: `no way to check a "${block.lang || 'plain'}" block: add a <!-- readme-test: ... --> marker`,
  };
}

/** `README.md:12` (what a failure names). */
export function where(block: CodeBlock): string {
  return `${block.file}:${block.line}`;
}

/** The packages a block imports by name (`node:` builtins and relative paths left out). */
export function bareImports(code: string): string[] {
  const names = new Set<string>();
  for (const match of code.matchAll(/(?:from\s+|import\s*\(?\s*)['"]([^'"]+)['"]/g)) {
    const spec = match[1] ?? '.';
    if (spec.startsWith('.') || spec.startsWith('node:') || spec.startsWith('/')) continue;
    const parts = spec.split('/');
    names.add(parts.slice(0, spec.startsWith('@') ? 2 : 1).join('/'));
  }
  return [...names];
}

/** Whether `name` resolves from `dir` the way Node looks packages up (or is the package itself). */
export function resolvesFrom(dir: string, name: string): boolean {
  const own = path.join(dir, 'package.json');
  if (
    existsSync(own) &&
    (JSON.parse(readFileSync(own, 'utf8')) as { name?: string }).name === name
  ) {
    return true;
  }
  for (let at = dir; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, 'node_modules', name, 'package.json'))) return true;
    if (path.dirname(at) === at) return false;
  }
}

/** The commands of a shell block, one per `&&`, `;` or line (comments dropped). */
export function shellCommands(code: string): string[] {
  return code
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean)
    .flatMap((line) => line.split(/&&|;/).map((part) => part.trim()))
    .filter(Boolean);
}

const PNPM_BUILTINS = new Set(['install', 'i', 'add', 'exec', 'dlx', 'run', 'why', 'list', 'ls']);

/**
 * The script a `pnpm` command runs: `{ filter, script }` (`filter` undefined for the current
 * package), or undefined for pnpm's own commands.
 */
export function pnpmScript(command: string): { filter?: string; script: string } | undefined {
  const words = command.split(/\s+/);
  if (words[0] !== 'pnpm') return undefined;
  let filter: string | undefined;
  let i = 1;
  while (words[i]?.startsWith('-')) {
    if (words[i] === '--filter' || words[i] === '-F') filter = words[++i];
    i++;
  }
  if (words[i] === 'run') i++;
  else if (PNPM_BUILTINS.has(words[i] ?? '')) return undefined;
  const script = words[i];
  if (!script) return undefined;
  return filter === undefined ? { script } : { filter, script };
}
