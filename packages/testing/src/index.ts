export { fixtureUser, fixtureUsers } from './fixtures';
export type { FixtureUser } from './fixtures';
