/** A user the mock server knows, as the host app's JWT would describe them. */
export interface FixtureUser {
  id: string;
  displayName: string;
  role: 'advertiser' | 'owner';
  avatarUrl?: string;
}

/** The marketplace cast shared by tests, stories and the demo seed. */
export const fixtureUsers: readonly FixtureUser[] = [
  { id: 'u-alice', displayName: 'Alice Martin', role: 'advertiser' },
  { id: 'u-bruno', displayName: 'Bruno Lefèvre', role: 'owner' },
  { id: 'u-chloe', displayName: 'Chloé Dubois', role: 'owner' },
];

/** Finds a fixture user, or throws naming the unknown id so a typo in a test fails loudly. */
export function fixtureUser(id: string): FixtureUser {
  const user = fixtureUsers.find((u) => u.id === id);
  if (!user)
    throw new Error(
      `Unknown fixture user "${id}"; known: ${fixtureUsers.map((u) => u.id).join(', ')}`,
    );
  return user;
}
