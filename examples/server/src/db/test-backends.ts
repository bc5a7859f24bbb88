// Storage backends for tests: PGlite always, PostgreSQL too when DATABASE_URL is set.
// Each opened database is private to its caller, so test files and repeated runs never clash.
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Database, openDatabase } from './index';
import { createTestPostgres } from './test-postgres';

export interface TestDatabase extends Database {
  /** Closes the database and deletes everything it stored. */
  destroy(): Promise<void>;
}

export interface TestBackend {
  name: 'pglite' | 'postgres';
  open(): Promise<TestDatabase>;
}

const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../drizzle',
);

/**
 * A fresh temp dir holding a copy of the migrated PGlite template, for a server a test starts:
 * initdb in wasm is far too slow to run per file. The caller removes it.
 */
export async function migratedPgliteDir(): Promise<string> {
  const template = await pgliteTemplate();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'causette-pglite-'));
  cpSync(template, dir, { recursive: true });
  return dir;
}

/** Opens a copy of the migrated PGlite template ({@link migratedPgliteDir}). */
export async function openTestPglite(): Promise<TestDatabase & { dir: string }> {
  const dir = await migratedPgliteDir();
  const database = await openDatabase({ pgliteDir: dir, migrationsFolder });
  return {
    ...database,
    dir,
    async destroy() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A template build takes minutes on a slow machine; a lock older than this was abandoned. */
const STALE_LOCK_MS = 15 * 60_000;

async function pgliteTemplate(): Promise<string> {
  const journal = readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'));
  const sqlFiles = JSON.parse(journal.toString()).entries.map((e: { tag: string }) =>
    readFileSync(path.join(migrationsFolder, `${e.tag}.sql`)),
  );
  const hash = createHash('sha256')
    .update(journal)
    .update(Buffer.concat(sqlFiles))
    .digest('hex')
    .slice(0, 16);
  const template = path.join(os.tmpdir(), `causette-pglite-template-${hash}`);
  const lock = `${template}.lock`;
  for (;;) {
    if (existsSync(template)) return template;
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker is building it, or one that died left its lock behind.
      const lockInfo = statSync(lock, { throwIfNoEntry: false });
      if (lockInfo && Date.now() - lockInfo.mtimeMs > STALE_LOCK_MS) {
        rmSync(lock, { recursive: true, force: true });
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    if (existsSync(template)) return template;
    const building = `${template}.building-${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    const database = await openDatabase({ pgliteDir: building, migrationsFolder });
    await database.close();
    renameSync(building, template);
    return template;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A migrated database of its own on the PostgreSQL server of DATABASE_URL, dropped by `destroy()`. */
export async function openTestPostgres(databaseUrl: string): Promise<TestDatabase> {
  const created = await createTestPostgres(databaseUrl);
  const database = await openDatabase({
    databaseUrl: created.url,
    pgliteDir: 'memory://',
    migrationsFolder,
  });
  return {
    ...database,
    async destroy() {
      await database.close();
      await created.drop();
    },
  };
}

/** PGlite always; PostgreSQL as well when DATABASE_URL is set (never skipped silently then). */
export function testBackends(): TestBackend[] {
  const backends: TestBackend[] = [{ name: 'pglite', open: openTestPglite }];
  const url = process.env.DATABASE_URL;
  if (url) backends.push({ name: 'postgres', open: () => openTestPostgres(url) });
  return backends;
}
