// Who may start a conversation with whom: a hook of the server, asked before `conversation:open`
// creates (or returns) a conversation. Without it, anyone could open a conversation with any user
// id, learn their display name from the answer and then watch their presence.
import type { ConversationOpenRequest, ConversationSubject } from '@causette/protocol';
import { conversationRefused } from '../services/errors';

/** A `conversation:open` as a policy sees it. */
export interface ConversationOpenAttempt {
  /** Who asks. */
  userId: string;
  /** The others it names: distinct, never the caller, at least one. */
  participantIds: readonly string[];
  subject?: ConversationSubject;
}

/**
 * Decides whether `userId` may open a conversation with `participantIds` about `subject`. A
 * refusal is answered `FORBIDDEN` with `CONVERSATION_OPEN_REFUSED`, the very answer an unknown
 * participant gets, so a policy need not check that the users exist.
 */
export interface ConversationPolicy {
  canOpen(attempt: ConversationOpenAttempt): boolean | Promise<boolean>;
}

/**
 * Anyone with anyone, about anything: for tests and development (`CONVERSATION_POLICY=open`),
 * never for production, where it gives back everything the policy is there to prevent.
 */
export const openConversationPolicy: ConversationPolicy = { canOpen: () => true };

/** The two sides of a listing: the advertiser who publishes it and the owner it belongs to. */
export interface ListingParties {
  advertiserId: string;
  ownerId: string;
}

/** Finds a listing by id; undefined when there is none. */
export type FindListing = (
  listingId: string,
) => ListingParties | undefined | Promise<ListingParties | undefined>;

/**
 * The marketplace's rule (seed story PH2-004, advertisers and owners talk about a listing): the
 * subject is `{ type: 'listing', id }` naming a listing `findListing` knows, and the conversation
 * is between that listing's advertiser and its owner, opened by either of them.
 */
export function listingConversationPolicy(findListing: FindListing): ConversationPolicy {
  return {
    async canOpen({ userId, participantIds, subject }) {
      if (subject?.type !== 'listing' || participantIds.length !== 1) return false;
      const listing = await findListing(subject.id);
      if (!listing) return false;
      const sides = [listing.advertiserId, listing.ownerId];
      const other = participantIds[0];
      return other !== undefined && sides.includes(userId) && sides.includes(other);
    },
  };
}

/**
 * Throws {@link conversationRefused} unless `policy` lets `userId` make this request. A request
 * that names nobody but the caller is left to the conversations service, which answers `INVALID`.
 */
export async function assertMayOpen(
  policy: ConversationPolicy,
  userId: string,
  request: ConversationOpenRequest,
): Promise<void> {
  const participantIds = [...new Set(request.participantIds)].filter((id) => id !== userId);
  if (participantIds.length === 0) return;
  const attempt: ConversationOpenAttempt = request.subject
    ? { userId, participantIds, subject: request.subject }
    : { userId, participantIds };
  if (!(await policy.canOpen(attempt))) throw conversationRefused();
}
