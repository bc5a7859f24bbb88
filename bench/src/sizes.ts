// Prints the size of each built package entry; peer SDK sizes join this table with the bench issue.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileSizes } from './gzip-size';

const root = path.resolve(import.meta.dirname, '../..');
const PACKAGES = ['protocol', 'core', 'react', 'testing'];

/** Prints the built entries' sizes; `pnpm bench` does not build, so missing ones are named. */
export function printSizes(): void {
  const entries = PACKAGES.map((name) => path.join(root, 'packages', name, 'dist/index.js'));
  const rows = entries
    .filter((file) => existsSync(file))
    .map((file) => ({
      entry: path.relative(root, file),
      ...fileSizes(file),
    }));
  console.table(rows);
  const missing = entries.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    console.log(
      `Not built (run \`pnpm build\` first): ${missing.map((f) => path.relative(root, f)).join(', ')}`,
    );
  }
}
