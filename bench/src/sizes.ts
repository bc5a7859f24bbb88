// Prints the size of each built package entry; peer SDK sizes join this table with the bench issue.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileSizes } from './gzip-size';

const root = path.resolve(import.meta.dirname, '../..');
const entries = ['protocol', 'core', 'react', 'testing'].map((name) =>
  path.join(root, 'packages', name, 'dist/index.js'),
);
const rows = entries
  .filter((file) => existsSync(file))
  .map((file) => ({
    entry: path.relative(root, file),
    ...fileSizes(file),
  }));
console.table(rows);
