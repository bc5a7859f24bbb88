import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestDatabase, testBackends } from '../db/test-backends';
import { userIds } from './test-fixtures';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 600_000 });

const subscription = (endpoint: string) => ({
  endpoint,
  expirationTime: null,
  keys: { p256dh: 'p', auth: 'a' },
});

describe.each(testBackends())('push service on $name', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await backend.open();
  }, 600_000);
  afterAll(() => database?.destroy());

  it('keeps previews on until the user turns them off, and an omitted flag changes nothing', async () => {
    const [ana, stranger] = userIds('ana', 'stranger');
    await database.users.upsert({ id: ana, displayName: 'Ana' });
    const first = subscription(`https://push.example.com/${ana}/1`);
    await database.push.subscribe(ana, first);
    expect(await database.push.targets(ana)).toEqual({
      previews: true,
      subscriptions: [{ ...first, userId: ana }],
    });
    await database.push.subscribe(ana, subscription(`https://push.example.com/${ana}/2`), false);
    expect((await database.push.targets(ana)).previews).toBe(false);
    await database.push.subscribe(ana, first);
    const targets = await database.push.targets(ana);
    expect(targets.previews).toBe(false);
    expect(targets.subscriptions).toHaveLength(2);
    await database.push.subscribe(ana, first, true);
    expect((await database.push.targets(ana)).previews).toBe(true);
    expect(await database.push.targets(stranger)).toEqual({ previews: true, subscriptions: [] });
  });

  it('removes a gone endpoint whoever holds it', async () => {
    const [ana] = userIds('ana');
    await database.users.upsert({ id: ana, displayName: 'Ana' });
    const gone = subscription(`https://push.example.com/${ana}/gone`);
    const kept = subscription(`https://push.example.com/${ana}/kept`);
    await database.push.subscribe(ana, gone);
    await database.push.subscribe(ana, kept);
    await database.push.remove(gone.endpoint);
    expect(await database.push.forUser(ana)).toEqual([{ ...kept, userId: ana }]);
  });
});
