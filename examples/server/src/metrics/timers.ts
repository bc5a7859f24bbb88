// Timing at the narrowest places every statement and Redis command passes: the database driver's
// own `query` (drizzle's logger has no timings, and the services run statements in many shapes),
// and the Redis client the presence store and the rate limiter share. Each wrapper reads the
// clock before the call and reports when it settles, on a side branch of the promise: the caller
// gets the driver's own promise, one microtask no later.
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import type { RedisScriptClient } from '../socket/redis-script';

/** Called with `performance.now()` read before the call, once it has settled. */
export type Done = (startedAt: number) => void;

type RawQuery = (...args: unknown[]) => unknown;

/** `run` with `done(startedAt)` called once the promise it returns settles, either way. */
function timed<A extends unknown[], R>(
  run: (...args: A) => Promise<R>,
  done: Done,
): (...args: A) => Promise<R> {
  return (...args) => {
    const startedAt = performance.now();
    const result = run(...args);
    result.then(
      () => done(startedAt),
      () => done(startedAt),
    );
    return result;
  };
}

const timedClients = new WeakSet<object>();

/**
 * Times every statement of `pool`'s clients, from the moment it is given to its connection to its
 * answer (the wait for a free connection not included). A client is wrapped when it is first
 * handed out after this call, so statements run earlier on the pool (migrations) are not timed.
 */
export function timePgPool(pool: pg.Pool, done: Done): void {
  pool.on('acquire', (client) => {
    if (timedClients.has(client)) return;
    timedClients.add(client);
    const target = client as unknown as { query: RawQuery };
    const query = target.query.bind(client) as RawQuery;
    target.query = (...args: unknown[]) => {
      const startedAt = performance.now();
      const last = args.at(-1);
      // `pool.query` calls its client with a callback; drizzle's transactions use the promise.
      if (typeof last === 'function') {
        args[args.length - 1] = (...results: unknown[]) => {
          done(startedAt);
          return (last as RawQuery)(...results);
        };
        return query(...args);
      }
      const result = query(...args);
      if (result instanceof Promise) {
        result.then(
          () => done(startedAt),
          () => done(startedAt),
        );
      }
      return result;
    };
  });
}

/**
 * Times every statement drizzle runs on `client`, transactions included. PGlite runs one
 * statement at a time, so the time includes waiting for the ones ahead of it.
 */
export function timePglite(client: PGlite, done: Done): void {
  client.query = timed(client.query.bind(client), done) as PGlite['query'];
  client.exec = timed(client.exec.bind(client), done);
  const transaction = client.transaction.bind(client);
  client.transaction = <T>(callback: (tx: Transaction) => Promise<T>) =>
    transaction((tx) => {
      tx.query = timed(tx.query.bind(tx), done) as Transaction['query'];
      tx.exec = timed(tx.exec.bind(tx), done);
      return callback(tx);
    });
}

/** `client` with each command timed. */
export function timedScriptClient(client: RedisScriptClient, done: Done): RedisScriptClient {
  return {
    eval: timed((script, options) => client.eval(script, options), done),
    evalSha: timed((sha1, options) => client.evalSha(sha1, options), done),
  };
}
