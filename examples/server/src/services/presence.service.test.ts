import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestDatabase, testBackends } from '../db/test-backends';
import { createPresenceService } from './presence.service';
import { userIds } from './test-fixtures';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 600_000 });

describe.each(testBackends())('presence service on $name', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await backend.open();
  }, 600_000);
  afterAll(() => database?.destroy());

  async function someUsers(count: number, name: string): Promise<string[]> {
    const ids = Array.from({ length: count }, (_, i) => userIds(`${name}${i}`)[0]);
    await Promise.all(ids.map((id) => database.users.upsert({ id, displayName: id })));
    return ids;
  }

  it('writes the connects that arrive together in one statement', async () => {
    const ids = await someUsers(40, 'online');
    let statements = 0;
    const counted = new Proxy(database.db, {
      get(target, property, receiver) {
        if (property === 'insert') statements += 1;
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const presence = createPresenceService(counted);
    await Promise.all(ids.map((id, i) => presence.setOnline(id, `socket-${i}`)));
    expect(statements).toBe(1);
    const stored = await database.presence.get(ids);
    expect(stored.every((p) => p.status === 'online')).toBe(true);
  });

  it("keeps one user's writes in the order they came, the last one standing", async () => {
    const [ana, bruno] = await someUsers(2, 'order');
    const lastSeen = new Date('2026-01-02T03:04:05.678Z');
    await Promise.all([
      database.presence.setOnline(ana as string, 's1'),
      database.presence.setOffline(ana as string, lastSeen),
      database.presence.setOffline(bruno as string, lastSeen),
      database.presence.setOnline(bruno as string, 's2'),
    ]);
    const stored = await database.presence.get([ana as string, bruno as string]);
    expect(stored.find((p) => p.userId === ana)).toEqual({
      userId: ana,
      status: 'offline',
      lastSeen: lastSeen.toISOString(),
    });
    expect(stored.find((p) => p.userId === bruno)).toMatchObject({ status: 'online' });
  });

  it('fails a write alone when it cannot be stored, the others of its statement kept', async () => {
    const [known] = await someUsers(1, 'known');
    const outcomes = await Promise.allSettled([
      database.presence.setOnline(known as string, 's1'),
      // No such user: the row's foreign key refuses it.
      database.presence.setOnline(userIds('ghost')[0], 's2'),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
    expect((await database.presence.get([known as string]))[0]?.status).toBe('online');
  });
});
