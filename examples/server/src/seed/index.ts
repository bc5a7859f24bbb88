export { seedConversationId, seedConversations, seedPresence } from './conversations';
export { stableUuidV4, stableUuidV7 } from './ids';
export type {
  SeedConversation,
  SeedListing,
  SeedMember,
  SeedMessage,
  SeedPresence,
  SeedRole,
  SeedUser,
} from './types';
export { findSeedListing, findSeedUser, seedListings, seedUsers } from './users';
