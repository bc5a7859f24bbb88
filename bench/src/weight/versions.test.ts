import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dependencyAlias, findPackageJson, installedVersions } from './versions';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'weight-versions-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writePackage(folder: string, name: string, version: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'package.json'), JSON.stringify({ name, version }));
}

describe('installedVersions', () => {
  it("reads the bench's dependencies, and a dependency's own from beside its real folder", async () => {
    // pnpm's layout: bench/node_modules/@pubnub/chat -> .pnpm/x/node_modules/@pubnub/chat,
    // whose dependency pubnub sits in .pnpm/x/node_modules/pubnub.
    const store = path.join(dir, '.pnpm', 'x', 'node_modules');
    await writePackage(path.join(store, '@pubnub', 'chat'), '@pubnub/chat', '1.0.2');
    await writePackage(path.join(store, 'pubnub'), 'pubnub', '11.0.1');
    const bench = path.join(dir, 'bench');
    await mkdir(path.join(bench, 'node_modules', '@pubnub'), { recursive: true });
    await symlink(
      path.join(store, '@pubnub', 'chat'),
      path.join(bench, 'node_modules', '@pubnub', 'chat'),
    );

    expect(installedVersions(['@pubnub/chat', 'pubnub', 'nowhere'], bench)).toEqual({
      '@pubnub/chat': '1.0.2',
      pubnub: '11.0.1',
      nowhere: 'missing',
    });
    expect(dependencyAlias('@pubnub/chat', 'pubnub', bench)).toEqual({
      pubnub: path.join(store, 'pubnub'),
    });
    expect(dependencyAlias('@pubnub/chat', 'nowhere', bench)).toEqual({});
    expect(dependencyAlias('nowhere', 'pubnub', bench)).toEqual({});
  });

  it('walks up from a folder as Node does', async () => {
    await writePackage(path.join(dir, 'node_modules', 'up'), 'up', '2.0.0');
    const deep = path.join(dir, 'a', 'b');
    await mkdir(deep, { recursive: true });
    expect(findPackageJson('up', deep)).toBe(path.join(dir, 'node_modules', 'up', 'package.json'));
    expect(findPackageJson('absent-package-of-this-test', deep)).toBeUndefined();
  });
});
