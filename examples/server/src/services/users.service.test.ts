import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { users } from '../db/schema';
import { type TestDatabase, testBackends } from '../db/test-backends';
import { userIds } from './test-fixtures';
import { createUsersService } from './users.service';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 600_000 });

describe.each(testBackends())('users service on $name', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await backend.open();
  }, 600_000);
  afterAll(() => database?.destroy());

  const stored = async (id: string) =>
    (await database.db.select().from(users).where(eq(users.id, id)))[0];

  it('stores a storm of concurrent handshakes, each user once', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => userIds(`storm${i}`)[0]);
    await Promise.all(ids.map((id) => database.users.upsert({ id, displayName: `Nom ${id}` })));
    expect(await database.users.missing(ids)).toEqual([]);
    expect((await stored(ids[7] as string))?.displayName).toBe(`Nom ${ids[7]}`);
  });

  it('writes the handshakes that arrive together in one statement', async () => {
    let statements = 0;
    const counted = new Proxy(database.db, {
      get(target, property, receiver) {
        if (property === 'insert') statements += 1;
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const service = createUsersService(counted);
    const ids = Array.from({ length: 40 }, (_, i) => userIds(`group${i}`)[0]);
    await Promise.all(ids.map((id) => service.upsert({ id, displayName: id })));
    expect(statements).toBe(1);
    expect(await database.users.missing(ids)).toEqual([]);
  });

  it('takes the same user twice at once, the later profile last', async () => {
    const [id] = userIds('twice');
    await Promise.all([
      database.users.upsert({ id, displayName: 'Avant' }),
      database.users.upsert({ id, displayName: 'Après', role: 'owner' }),
    ]);
    expect(await stored(id)).toMatchObject({ displayName: 'Après', role: 'owner' });
  });

  it('fails a bad profile alone, the others of its statement stored', async () => {
    const [good, bad, other] = userIds('good', 'bad', 'other');
    const outcomes = await Promise.allSettled([
      database.users.upsert({ id: good, displayName: 'Bon' }),
      database.users.upsert({ id: bad, displayName: 'nul \u0000 ici' }),
      database.users.upsert({ id: other, displayName: 'Autre' }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(await database.users.missing([good, bad, other])).toEqual([bad]);
  });

  it('writes nothing when the profile did not change, and the change when it did', async () => {
    const [id] = userIds('same');
    await database.users.upsert({ id, displayName: 'Même', avatarUrl: 'https://x.test/a.png' });
    const first = await stored(id);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await database.users.upsert({ id, displayName: 'Même', avatarUrl: 'https://x.test/a.png' });
    expect((await stored(id))?.updatedAt).toEqual(first?.updatedAt);
    await database.users.upsert({
      id,
      displayName: 'Autre nom',
      avatarUrl: 'https://x.test/a.png',
    });
    const changed = await stored(id);
    expect(changed?.displayName).toBe('Autre nom');
    expect(changed?.updatedAt.getTime()).toBeGreaterThan(first?.updatedAt.getTime() ?? 0);
  });
});
