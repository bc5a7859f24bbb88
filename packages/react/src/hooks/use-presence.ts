import type { Presence } from '@causette/protocol';
import { selectPresence } from '@causette/core';
import { useEffect, useMemo } from 'react';
import { useChatClient } from './use-chat-client';
import { useChatState } from './use-chat-state';

/**
 * A user's presence (`online`/`offline`, `lastSeen`), watched while the component is mounted
 * (watches are shared: a hundred rows of one user make one subscription). `undefined` until
 * the server answers.
 */
export function usePresence(userId: string): Presence | undefined {
  const client = useChatClient();
  useEffect(() => client.watchPresence([userId]), [client, userId]);
  const selector = useMemo(() => selectPresence(userId), [userId]);
  return useChatState(selector);
}
