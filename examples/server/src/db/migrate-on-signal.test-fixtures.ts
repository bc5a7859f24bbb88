// A child process of migration-lock.test.ts: loads everything, says "ready", then opens (and so
// migrates) the database of argv[2] when the parent writes a line, so that several children
// migrate at the same moment rather than one after the other as they finish loading.
import { createInterface } from 'node:readline';
import { openConnection } from './connection';

const databaseUrl = process.argv[2];
if (!databaseUrl) throw new Error('usage: migrate-on-signal <database url>');
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
await new Promise<void>((resolve) => lines.once('line', () => resolve()));
lines.close();
const connection = await openConnection({ databaseUrl, pgliteDir: 'memory://' });
await connection.close();
process.stdout.write('migrated\n');
