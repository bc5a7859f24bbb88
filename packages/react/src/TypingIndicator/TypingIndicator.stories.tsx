import type { MockChatServer } from '@causette/testing';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { expect, waitFor, within } from 'storybook/test';
import { useChatClient } from '../hooks/use-chat-client';
import { type LoadedChat, mockChatLoader, withMockChat } from '../storybook/mock-chat';
import { TypingIndicator } from './TypingIndicator';

const CONV = 'c-lyon-t2';
// Core forgets a typist 6 s after their last signal: the stories keep them typing.
const RESIGNAL_MS = 4000;

const serverOf = (loaded: unknown) => (loaded as { chat: LoadedChat }).chat.server;

/** Tells Alice, every few seconds, that these users type in the conversation. */
function KeepTyping({
  server,
  conversationId,
  userIds,
}: {
  server: MockChatServer;
  conversationId: string;
  userIds: readonly string[];
}) {
  useEffect(() => {
    const signal = () => {
      for (const userId of userIds) {
        server.emit('u-alice', 'typing:update', { conversationId, userId, isTyping: true });
      }
    };
    signal();
    const timer = setInterval(signal, RESIGNAL_MS);
    return () => clearInterval(timer);
  }, [server, conversationId, userIds]);
  return null;
}

/** Alice's group conversation with Bruno and Chloé, opened on the mock server. */
function GroupTyping({ server, className }: { server: MockChatServer; className?: string }) {
  const client = useChatClient();
  const [conversationId, setConversationId] = useState<string>();
  useEffect(() => {
    client
      .openConversation({
        participantIds: ['u-bruno', 'u-chloe'],
        subject: { type: 'listing', id: 'L-9', title: 'Maison à Rezé' },
      })
      .then((conversation) => setConversationId(conversation.id))
      .catch(() => undefined);
  }, [client]);
  if (!conversationId) return null;
  return (
    <>
      <KeepTyping
        server={server}
        conversationId={conversationId}
        userIds={['u-bruno', 'u-chloe']}
      />
      <TypingIndicator conversationId={conversationId} className={className} />
    </>
  );
}

const meta = {
  title: 'Components/TypingIndicator',
  component: TypingIndicator,
  args: { conversationId: CONV },
  loaders: [mockChatLoader],
  decorators: [withMockChat],
  render: (args, { loaded }) => (
    <>
      <KeepTyping server={serverOf(loaded)} conversationId={CONV} userIds={['u-bruno']} />
      <TypingIndicator {...args} />
    </>
  ),
} satisfies Meta<typeof TypingIndicator>;
export default meta;

type Story = StoryObj<typeof meta>;

/** Bruno types in his conversation with Alice; the control bar's "The other member types" too. */
export const OnePersonTyping: Story = {
  play: async ({ canvasElement }) => {
    const status = within(canvasElement).getByRole('status');
    await waitFor(() => expect(status).toHaveTextContent("Bruno Lefèvre est en train d'écrire…"));
  },
};

/** Bruno and Chloé type in a group conversation. */
export const TwoPeopleTyping: Story = {
  render: (args, { loaded }) => (
    <GroupTyping server={serverOf(loaded)} className={args.className} />
  ),
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(within(canvasElement).getByRole('status')).toHaveTextContent(
        "Bruno Lefèvre et Chloé Dubois sont en train d'écrire…",
      ),
    );
  },
};

/** In English. */
export const English: Story = {
  globals: { locale: 'en' },
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(within(canvasElement).getByRole('status')).toHaveTextContent(
        'Bruno Lefèvre is typing…',
      ),
    );
  },
};

/** Dark theme, two people. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  render: (args, { loaded }) => (
    <div style={{ background: '#15171b', padding: 8 }}>
      <GroupTyping server={serverOf(loaded)} className={args.className} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(within(canvasElement).getByRole('status')).toHaveTextContent('sont en train'),
    );
  },
};

/** 360 px wide: a long sentence is cut with an ellipsis, on one line. */
export const Narrow: Story = {
  render: (args, { loaded }) => (
    <div style={{ width: 360 }}>
      <GroupTyping server={serverOf(loaded)} className={args.className} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(within(canvasElement).getByRole('status')).toHaveTextContent('sont en train'),
    );
  },
};
