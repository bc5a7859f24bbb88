import { describe, expect, it } from 'vitest';
import { fixtureUser, fixtureUsers } from './fixtures';

describe('fixtures', () => {
  it('has both marketplace roles with unique ids', () => {
    const ids = new Set(fixtureUsers.map((u) => u.id));
    expect(ids.size).toBe(fixtureUsers.length);
    expect(new Set(fixtureUsers.map((u) => u.role))).toEqual(new Set(['advertiser', 'owner']));
  });

  it('finds a user by id and names the unknown one', () => {
    expect(fixtureUser('u-alice').displayName).toBe('Alice Martin');
    expect(() => fixtureUser('nobody')).toThrow(/Unknown fixture user "nobody"/);
  });
});
