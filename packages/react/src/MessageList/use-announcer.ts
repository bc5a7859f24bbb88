import type { Message } from '@causette/protocol';
import { useEffect, useState } from 'react';
import { useChatClient } from '../hooks/use-chat-client';
import { useLatest } from './use-latest';

/** At most one announcement in this time, in ms. */
export const ANNOUNCE_INTERVAL_MS = 1000;
/** How long a burst of messages is collected before it is said as one announcement. */
const BATCH_MS = 300;

/**
 * The text of the list's live region: new messages from others in `conversationId`, from the
 * client's `message` events (never the virtualized rows), batched, at most one announcement a
 * second, never the user's own. `describe` turns a batch (count, sender ids) into words.
 */
export function useNewMessageAnnouncer(
  conversationId: string,
  me: string | undefined,
  describe: (count: number, senderIds: readonly string[]) => string,
): string {
  const client = useChatClient();
  const [text, setText] = useState('');
  const describeRef = useLatest(describe);
  const meRef = useLatest(me);

  useEffect(() => {
    const batch: Message[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastAt = Number.NEGATIVE_INFINITY;
    const flush = () => {
      timer = undefined;
      if (batch.length === 0) return;
      const senders = [...new Set(batch.map((m) => m.senderId))];
      const count = batch.length;
      batch.length = 0;
      lastAt = Date.now();
      setText(describeRef.current(count, senders));
    };
    const off = client.on('message', (message) => {
      if (message.conversationId !== conversationId) return;
      if (message.type === 'SYSTEM' || message.senderId === meRef.current) return;
      batch.push(message);
      if (timer !== undefined) return;
      const wait = Math.max(BATCH_MS, lastAt + ANNOUNCE_INTERVAL_MS - Date.now());
      timer = setTimeout(flush, wait);
    });
    return () => {
      off();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [client, conversationId, describeRef, meRef]);

  return text;
}
