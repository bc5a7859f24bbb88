// The conversation policy the reference server runs with when the embedding app names none.
import type { ServerConfig } from './config';
import { findSeedListing } from './seed';
import {
  type ConversationPolicy,
  listingConversationPolicy,
  openConversationPolicy,
} from './socket';

/**
 * The policy CONVERSATION_POLICY names: `listing`, the marketplace's rule over its listings (the
 * demo listings of `src/seed`, which the marketplace app shows too), or `open` (tests and
 * development; the configuration refuses it in production).
 */
export function conversationPolicyOf(
  config: Pick<ServerConfig, 'conversationPolicy'>,
): ConversationPolicy {
  return config.conversationPolicy === 'open'
    ? openConversationPolicy
    : listingConversationPolicy(findSeedListing);
}
