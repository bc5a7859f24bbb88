// Installed versions of the measured packages, read from their package.json as Node would find it:
// the bench package's own dependencies first, then those of the packages before it (pubnub is
// @pubnub/chat's dependency, not the bench's).
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** The package.json of `name` as resolved from `fromDir` (walking up through node_modules). */
export function findPackageJson(name: string, fromDir: string): string | undefined {
  let dir = path.resolve(fromDir);
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function readVersion(file: string): string {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : 'unknown';
}

/** `{ package: version }` for each of `names` ('missing' when not installed). */
export function installedVersions(
  names: readonly string[],
  benchDir: string,
): Record<string, string> {
  const versions: Record<string, string> = {};
  const searchFrom = [benchDir];
  for (const name of names) {
    const file = searchFrom.map((dir) => findPackageJson(name, dir)).find(Boolean);
    versions[name] = file ? readVersion(file) : 'missing';
    // pnpm keeps a package's own dependencies beside its real folder.
    if (file) searchFrom.push(path.dirname(realpathSync(file)));
  }
  return versions;
}

/**
 * `{ dependency: folder }` for a package that is `parent`'s dependency rather than the bench's
 * (an esbuild alias): found beside `parent`'s real folder, as Node would from inside it; empty
 * when either is not installed.
 */
export function dependencyAlias(
  parent: string,
  dependency: string,
  benchDir: string,
): Record<string, string> {
  const parentJson = findPackageJson(parent, benchDir);
  const found = parentJson && findPackageJson(dependency, path.dirname(realpathSync(parentJson)));
  return found ? { [dependency]: path.dirname(found) } : {};
}
