// Sums the JSON results every vitest run wrote into the closing line CI readers look for.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const skip = new Set(['node_modules', '.git', 'dist', '.turbo', 'storybook-static']);

function* resultFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (skip.has(name)) continue;
    const full = path.join(dir, name);
    if (name === '.vitest-results.json') yield full;
    else if (statSync(full).isDirectory()) yield* resultFiles(full);
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of resultFiles(root)) {
  const result = JSON.parse(readFileSync(file, 'utf8'));
  passed += result.numPassedTests ?? 0;
  // A file that failed to load, or an unhandled error, fails the run without a failing test.
  const failedHere = (result.numFailedTests ?? 0) || (result.success === false ? 1 : 0);
  failed += failedHere;
  skipped += (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
  console.log(
    `${path.relative(root, path.dirname(file))}: ${result.numPassedTests} passed, ${failedHere} failed`,
  );
}
// A step that failed before or outside vitest (lint, types, build) counts as one failure.
const status = Number(process.argv[2] ?? 0);
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
