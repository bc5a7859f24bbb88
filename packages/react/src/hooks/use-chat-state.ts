import type { ChatState } from '@causette/core';
import { useRef, useSyncExternalStore } from 'react';
import { useChatClient } from './use-chat-client';

interface Selection<T> {
  state: ChatState;
  selector: (state: ChatState) => T;
  value: T;
}

/**
 * A slice of the client's state: the component re-renders only when the slice changes (by
 * `isEqual`, `Object.is` by default). Core's selectors (`selectConversation(id)`...) return
 * stable references; a selector that builds a new object or array needs an `isEqual` that
 * compares its content, else every change of the state re-renders.
 */
export function useChatState<T>(
  selector: (state: ChatState) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const client = useChatClient();
  const last = useRef<Selection<T> | null>(null);
  const select = (): T => {
    const state = client.getSnapshot();
    const previous = last.current;
    if (previous && previous.state === state && previous.selector === selector) {
      return previous.value;
    }
    const value = selector(state);
    // Keep the previous reference when equal, so React sees no change.
    const kept = previous && isEqual(previous.value, value) ? previous.value : value;
    last.current = { state, selector, value: kept };
    return kept;
  };
  return useSyncExternalStore(client.subscribe, select, select);
}

/** Whether the client is connected, for effects that run once it is. */
export const selectConnected = (state: ChatState): boolean =>
  state.connection.status === 'connected';
