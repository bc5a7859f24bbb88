// For tests that need the Redis of REDIS_URL: a client, a key prefix of their own, and cleanup.
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';

/** The Redis tests talk to; they are skipped (visibly) when it is unset. */
export const TEST_REDIS_URL = process.env.REDIS_URL;

/** A prefix no other test run uses, so runs in parallel never see each other's keys. */
export function testKeyPrefix(): string {
  return `causette-test:${randomUUID()}:`;
}

const newClient = (url: string) => createClient({ url });

/** A node-redis client with the default modules. */
export type TestRedisClient = ReturnType<typeof newClient>;

/** A connected client of REDIS_URL. */
export async function openTestRedis(): Promise<TestRedisClient> {
  if (!TEST_REDIS_URL) throw new Error('REDIS_URL is not set');
  const client = newClient(TEST_REDIS_URL);
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Every key under `prefix`. */
export async function keysUnder(client: TestRedisClient, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 })) {
    keys.push(...batch);
  }
  return keys;
}

/** Deletes every key under `prefix`. */
export async function deleteKeysUnder(client: TestRedisClient, prefix: string): Promise<void> {
  const keys = await keysUnder(client, prefix);
  if (keys.length > 0) await client.del(keys);
}
