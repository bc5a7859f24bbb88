import { MESSAGE_WRITER_CONCURRENCY } from '../services/message-writer';
import { type Store, createStore } from '../services/store';
import { type ConnectionOptions, type Db, openConnection } from './connection';

export type { ConnectionOptions, Db } from './connection';

/** The server's storage: every domain service, the raw drizzle handle, and `close()`. */
export interface Database extends Store {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Whether the database answers now; feeds `GET /readyz`. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Opens PostgreSQL when `databaseUrl` is given, PGlite in `pgliteDir` otherwise (`memory://`
 * keeps it in memory), and applies the committed migrations to either.
 */
export async function openDatabase(options: ConnectionOptions): Promise<Database> {
  const connection = await openConnection(options);
  return {
    ...createStore(connection.db, {
      messageWriterConcurrency: MESSAGE_WRITER_CONCURRENCY[connection.kind],
    }),
    kind: connection.kind,
    db: connection.db,
    isReady: connection.isReady,
    close: connection.close,
  };
}
