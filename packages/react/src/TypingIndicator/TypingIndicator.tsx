import { type ChatState, selectConversation } from '@causette/core';
import { useMemo } from 'react';
import { useChatState } from '../hooks/use-chat-state';
import { useTyping } from '../hooks/use-typing';
import type { ChatStrings } from '../i18n';
import { useKitRoot, useStrings } from '../provider/use-kit';
import { memberName } from '../utils/members';

/** Props of {@link TypingIndicator}. */
export interface TypingIndicatorProps {
  /** The conversation whose members' typing is shown. */
  conversationId: string;
  className?: string;
}

const sameNames = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((name, i) => name === b[i]);

/**
 * The names of the other members typing in a conversation. It reads the typing ids and, from the
 * conversation, only those members' names: a new message or a read receipt does not re-render it.
 */
export function useTypingNames(conversationId: string, fallback: string): readonly string[] {
  const typing = useTyping(conversationId);
  const selector = useMemo(() => {
    const conversationOf = selectConversation(conversationId);
    return (state: ChatState): readonly string[] => {
      const conversation = conversationOf(state);
      const me = state.user?.userId;
      return typing.filter((id) => id !== me).map((id) => memberName(conversation, id, fallback));
    };
  }, [conversationId, typing, fallback]);
  return useChatState(selector, sameNames);
}

/** "Marie est en train d'écrire…", "Marie et Bruno…", "3 personnes…", or `''` for nobody. */
export function typingText(names: readonly string[], strings: ChatStrings): string {
  const [first, second] = names;
  if (first === undefined) return '';
  if (second === undefined) return strings.typingOne(first);
  if (names.length === 2) return strings.typingTwo(first, second);
  return strings.typingMany(names.length);
}

/**
 * Who is typing in a conversation, with three animated dots (still under reduced motion). It
 * renders from the typing state only, so a typing signal re-renders nothing else. The text sits
 * in its own small polite status region: a screen reader says "Bruno est en train d'écrire…"
 * once when it starts, without interrupting, and nothing when it stops. The element stays in
 * the page, empty, while nobody types (a live region must exist before its text changes) and
 * keeps its height, so the message list above does not jump at each keystroke of the other side.
 */
export function TypingIndicator({ conversationId, className }: TypingIndicatorProps) {
  const strings = useStrings();
  const root = useKitRoot('causette-typing-indicator', className);
  const names = useTypingNames(conversationId, strings.unknownUser);
  const text = typingText(names, strings);
  return (
    <div role="status" {...root}>
      {text ? (
        <>
          <span className="causette-typing-indicator__dots" aria-hidden="true">
            <span className="causette-typing-indicator__dot" />
            <span className="causette-typing-indicator__dot" />
            <span className="causette-typing-indicator__dot" />
          </span>
          <span className="causette-typing-indicator__text">{text}</span>
        </>
      ) : null}
    </div>
  );
}
