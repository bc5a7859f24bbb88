// The control bar above each story: acts on the mock server as a flaky network or the other
// member would. Plain HTML: it is Storybook's furniture, not part of the kit.
import type { MockChatServer } from '@causette/testing';
import { useState } from 'react';

export interface MockControlsProps {
  server: MockChatServer;
  /** Where "message from the other member" and "they type" act. */
  conversationId: string;
  /** The signed-in user (the other member is whoever else is in the conversation). */
  userId: string;
}

const replies = [
  'Bonjour, le logement est-il toujours disponible ?',
  'Je peux visiter samedi à 10 h.',
  'Le loyer inclut-il les charges ?',
  "Merci, je reviens vers vous d'ici ce soir.",
];

export function MockControls({ server, conversationId, userId }: MockControlsProps) {
  const [offline, setOffline] = useState(!server.online);
  const [sent, setSent] = useState(0);
  const other = () =>
    server.state.conversation(conversationId, userId).members.find((m) => m.userId !== userId)
      ?.userId;
  return (
    <div
      role="group"
      aria-label="Mock server"
      style={{ display: 'flex', gap: 8, flexWrap: 'wrap', font: '13px system-ui' }}
    >
      <button
        type="button"
        onClick={() => {
          if (offline) server.goOnline();
          else server.goOffline();
          setOffline(!offline);
        }}
      >
        {offline ? 'Go online' : 'Go offline'}
      </button>
      <button type="button" onClick={() => server.dropNextAck('message:send')}>
        Drop next ack
      </button>
      <button type="button" onClick={() => server.failNext('message:send', { code: 'INVALID' })}>
        Fail next send
      </button>
      <button
        type="button"
        onClick={() => {
          const from = other();
          if (!from) return;
          server.sendAs(from, conversationId, replies[sent % replies.length] ?? '…');
          setSent(sent + 1);
        }}
      >
        Message from the other member
      </button>
      <button
        type="button"
        onClick={() => {
          const from = other();
          if (from)
            server.emit(userId, 'typing:update', { conversationId, userId: from, isTyping: true });
        }}
      >
        The other member types
      </button>
    </div>
  );
}
