import { type ConnectionSnapshot, selectConnection } from '@causette/core';
import { useChatState } from './use-chat-state';

/**
 * The connection (the seed's `useSocket`): `status` (`idle`, `connecting`, `connected`,
 * `reconnecting`, `offline`, `unauthorized`), failed `attempt`s, `lastError`, `nextRetryAt`.
 */
export function useConnection(): ConnectionSnapshot {
  return useChatState(selectConnection);
}
