import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createTestPostgres } from './test-postgres';

vi.setConfig({ testTimeout: 120_000 });

const DATABASE_URL = process.env.DATABASE_URL;
const here = import.meta.dirname;
const script = path.join(here, 'migrate-on-signal.test-fixtures.ts');
const journal = JSON.parse(
  readFileSync(path.resolve(here, '../../drizzle/meta/_journal.json'), 'utf8'),
) as { entries: unknown[] };

interface Outcome {
  code: number | null;
  output: string;
}

/** Starts a child and resolves once it has loaded (it then waits for a line on stdin). */
async function startChild(url: string): Promise<{ child: ChildProcess; done: Promise<Outcome> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, url], {
    cwd: path.resolve(here, '../..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const done = new Promise<Outcome>((resolve) =>
    child.once('exit', (code) => resolve({ code, output })),
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  lines.on('line', (line) => (output += `${line}\n`));
  await Promise.race([
    new Promise<void>((resolve) => lines.once('line', () => resolve())),
    done.then(({ output: text }) => {
      throw new Error(`the child exited before it was ready:\n${text}`);
    }),
  ]);
  return { child, done };
}

describe.skipIf(!DATABASE_URL)('migrations on PostgreSQL (DATABASE_URL)', () => {
  const drops: (() => Promise<void>)[] = [];
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    for (const drop of drops) await drop();
  });

  it('run once when three processes start on a fresh database at the same moment', async () => {
    const database = await createTestPostgres(DATABASE_URL as string);
    drops.push(database.drop);
    const started = await Promise.all([1, 2, 3].map(() => startChild(database.url)));
    children.push(...started.map((s) => s.child));
    for (const { child } of started) child.stdin?.write('go\n');
    const outcomes = await Promise.all(started.map((s) => s.done));
    for (const outcome of outcomes) {
      expect(outcome.output).toContain('migrated');
      expect(outcome.code, outcome.output).toBe(0);
    }
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ hash: string; times: string }>(
        'SELECT hash, count(*) AS times FROM drizzle.__drizzle_migrations GROUP BY hash',
      );
      expect(rows).toHaveLength(journal.entries.length);
      expect(rows.every((row) => Number(row.times) === 1)).toBe(true);
    } finally {
      await client.end();
    }
  });
});
