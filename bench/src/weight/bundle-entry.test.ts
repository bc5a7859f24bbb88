import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleEntry, bundleStylesheet, describeBundleError } from './bundle-entry';
import type { WeightEntry } from './entries';

let dir: string;

/** A package `lib` whose `load()` imports a chunk of its own and an optional peer lazily. */
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'weight-bundle-'));
  const lib = path.join(dir, 'node_modules', 'lib');
  await mkdir(lib, { recursive: true });
  await writeFile(
    path.join(lib, 'package.json'),
    JSON.stringify({ name: 'lib', version: '1.0.0', type: 'module', main: 'index.js' }),
  );
  await writeFile(
    path.join(lib, 'index.js'),
    [
      "import { jsx } from 'react/jsx-runtime';",
      'export const used = (name) => jsx("p", { children: `Bonjour ${name}` });',
      `export const unused = () => ${JSON.stringify('never bundled '.repeat(50))};`,
      "export const load = () => Promise.all([import('./lazy.js'), import('optional-peer')]);",
    ].join('\n'),
  );
  await writeFile(
    path.join(lib, 'styles.css'),
    "@import './parts.css';\n.lib  {  color : red ;  background: url('./font.woff2') }\n",
  );
  await writeFile(path.join(lib, 'parts.css'), '.lib-part { margin: 0px; }\n');
  await writeFile(
    path.join(lib, 'lazy.js'),
    `export const lazy = ${JSON.stringify('chunk loaded on first use '.repeat(40))};\n`,
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const entry = (source: string): WeightEntry => ({
  name: 'test',
  series: 'causette',
  kind: 'client',
  packages: ['lib'],
  source,
});

describe('bundleEntry', () => {
  const app = entry(
    "import { used, load } from 'lib';\nexport const start = () => [used('x'), load()];",
  );

  it('leaves import() targets apart for the initial load, and react out always', async () => {
    const initial = await bundleEntry(app, dir, 'apart');
    const all = await bundleEntry(app, dir, 'inline');
    expect(initial.sizes.min).toBeGreaterThan(0);
    expect(all.sizes.min).toBeGreaterThan(initial.sizes.min + 500);
    expect(initial.unresolved).toEqual([]);
    // The optional peer is not installed: named, left out, not a failure.
    expect(all.unresolved).toEqual(['optional-peer']);
  });

  it('tree-shakes what the entry does not use', async () => {
    const small = await bundleEntry(entry("export { used } from 'lib';"), dir, 'apart');
    const everything = await bundleEntry(entry("export * from 'lib';"), dir, 'apart');
    expect(everything.sizes.min).toBeGreaterThan(small.sizes.min + 400);
  });

  it('fails on a module that does not resolve, with a readable reason', async () => {
    const failure = await bundleEntry(entry("import 'not-installed';"), dir, 'apart').catch(
      (error: unknown) => error,
    );
    expect(describeBundleError(failure)).toMatch(/Could not resolve "not-installed"/);
  });
});

describe('bundleStylesheet', () => {
  it('bundles the imports in, minified, and leaves assets out', async () => {
    const sizes = await bundleStylesheet('lib/styles.css', dir);
    const expected = '.lib-part{margin:0}.lib{color:red;background:url(./font.woff2)}\n';
    expect(sizes.min).toBe(Buffer.byteLength(expected));
  });
});

describe('describeBundleError', () => {
  it('keeps three distinct messages and counts the rest', () => {
    const errors = ['a', 'a', 'b', 'c', 'd', 'e'].map((text) => ({ text, location: null }));
    const failure = Object.assign(new Error('Build failed'), { errors, warnings: [] });
    expect(describeBundleError(failure)).toBe('a; b; c; and 2 more');
    expect(describeBundleError(new Error('plain'))).toBe('plain');
  });
});
