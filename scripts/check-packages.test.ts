// The packaging check catches real problems: it runs on a copy of @causette/protocol as it is
// (no problem), then on a copy with one fault of each kind the check exists for.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PackageCheck, checkPackage } from './check-packages';

const root = path.resolve(import.meta.dirname, '..');
const temp = mkdtempSync(path.join(os.tmpdir(), 'causette-check-test-'));
const protocol: PackageCheck = { dir: 'packages/protocol', optionalPeers: { zod: ['./schemas'] } };

/** A copy of packages/protocol (built, without node_modules) under `<copy root>/packages/protocol`. */
function copyProtocol(name: string): string {
  const copyRoot = path.join(temp, name);
  cpSync(path.join(root, 'packages/protocol'), path.join(copyRoot, 'packages/protocol'), {
    recursive: true,
    filter: (source) => !source.split(path.sep).includes('node_modules'),
  });
  return copyRoot;
}

function editJson(file: string, edit: (json: Record<string, unknown>) => void) {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(json);
  writeFileSync(file, JSON.stringify(json, null, 2));
}

beforeAll(async () => {
  // The tarball holds dist/ (instant when turbo's cache has it).
  await promisify(execFile)(
    path.join(root, 'node_modules/.bin/turbo'),
    ['run', 'build', '--filter=@causette/protocol', '--output-logs=errors-only'],
    { cwd: root, env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } },
  );
}, 180_000);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('check-packages', () => {
  it('finds nothing wrong with @causette/protocol as it is', async () => {
    expect(await checkPackage(protocol, { cwd: copyProtocol('as-is') })).toEqual([]);
  }, 60_000);

  it('reports each kind of fault', async () => {
    const copyRoot = copyProtocol('broken');
    const dir = path.join(copyRoot, 'packages/protocol');
    editJson(path.join(dir, 'package.json'), (json) => {
      type Conditions = Record<string, string>;
      const exports = json.exports as Record<string, Conditions>;
      const published = (json.publishConfig as { exports: Record<string, Conditions> }).exports;
      // No default condition: require() cannot load the entry.
      delete exports['./schemas']!.default;
      delete published['./schemas']!.default;
      // Published types that do not exist: publint and Are the Types Wrong both see it.
      published['.']!.types = './dist/nowhere.d.ts';
      delete json.homepage;
      // The sources ship again.
      json.files = ['dist', 'src'];
    });
    rmSync(path.join(dir, 'README.md'));
    writeFileSync(path.join(dir, 'dist/schemas/helpers.test.js'), 'export {};\n');
    // An error that does not say what to do.
    const shim = path.join(dir, 'dist/schemas/zod-node.js');
    const message = 'install it (npm install zod@${ZOD_RANGE}).';
    expect(readFileSync(shim, 'utf8')).toContain(message);
    writeFileSync(shim, readFileSync(shim, 'utf8').replace(message, 'see the docs.'));

    const problems = (await checkPackage(protocol, { cwd: copyRoot })).join('\n');
    expect(problems).toContain('exports["./schemas"]: no "default" condition last');
    expect(problems).toMatch(
      /require\(\) @causette\/protocol\/schemas fails: .*not defined by "exports"/,
    );
    expect(problems).toContain('publishConfig.exports must be "exports" without');
    expect(problems).toMatch(/publint: .*nowhere\.d\.ts/);
    expect(problems).toContain('Are the Types Wrong');
    expect(problems).toContain('package.json: no homepage');
    expect(problems).toContain('the tarball has no README.md');
    expect(problems).toContain('the tarball ships dist/schemas/helpers.test.js');
    expect(problems).toMatch(/the tarball ships \d+ TypeScript sources/);
    expect(problems).toMatch(
      /without zod: import @causette\/protocol\/schemas fails without saying to install zod/,
    );
  }, 60_000);
});
