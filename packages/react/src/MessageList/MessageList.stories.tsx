import type { MockChatServer } from '@causette/testing';
import type { Message } from '@causette/protocol';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { useChatClient } from '../hooks/use-chat-client';
import { type LoadedChat, mockChatLoader, withMockChat } from '../storybook/mock-chat';
import { MessageList } from './MessageList';

const CONV = 'c-lyon-t2';
const WAIT = { timeout: 8000 };

const meta = {
  title: 'Components/MessageList',
  component: MessageList,
  args: { conversationId: CONV },
  loaders: [mockChatLoader],
  decorators: [
    (Story) => (
      <div style={{ height: 480, maxWidth: 640, border: '1px solid #d9dde3' }}>
        <Story />
      </div>
    ),
    withMockChat,
  ],
} satisfies Meta<typeof MessageList>;
export default meta;

type Story = StoryObj<typeof meta>;

const chatOf = (loaded: unknown) => (loaded as { chat: LoadedChat }).chat;

const PICTURE =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" height="600" fill="#6a9fb5"/><circle cx="560" cy="200" r="90" fill="#ffd166"/><path d="M0 600 L260 300 L470 520 L600 400 L800 600Z" fill="#2f5233"/></svg>',
  );

/** An image message from Bruno, pushed as the server would (the mock has no upload route). */
function pushImage(server: MockChatServer, caption = ''): Message {
  const seq = (server.state.messages(CONV).at(-1)?.seq ?? 0) + 1;
  const message: Message = {
    id: `story-image-${seq}`,
    clientId: `story-image-${seq}`,
    conversationId: CONV,
    seq,
    senderId: 'u-bruno',
    type: 'IMAGE',
    content: caption,
    attachment: {
      url: PICTURE,
      publicId: 'causette/balcon',
      width: 800,
      height: 600,
      bytes: 4096,
      format: 'png',
    },
    createdAt: new Date().toISOString(),
    readAt: null,
  };
  server.emit('u-alice', 'message:new', { message });
  return message;
}

/** 120 messages between Alice and Bruno, three unread: it opens at the bottom and reads them. */
export const LongThread: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { server } = chatOf(loaded);
    const canvas = within(canvasElement);
    const log = canvas.getByRole('log', { name: 'Messages' });
    await waitFor(() => expect(canvas.getByText(/\(120\)/)).toBeVisible(), WAIT);
    await waitFor(() => expect(server.state.unread('u-alice', CONV)).toBe(0), WAIT);
    expect(log.querySelectorAll('[data-row-key]').length).toBeLessThan(40);
    server.sendAs('u-bruno', CONV, 'Vous avez pu voir les photos ?');
    await waitFor(
      () => expect(canvas.getByText('Vous avez pu voir les photos ?')).toBeVisible(),
      WAIT,
    );
  },
};

function EmptyConversation() {
  const client = useChatClient();
  const [id, setId] = useState<string>();
  useEffect(() => {
    // Bruno and Chloé share no conversation: opening one gives an empty thread.
    client
      .openConversation({ participantIds: ['u-chloe'] })
      .then((conversation) => setId(conversation.id))
      .catch(() => undefined);
  }, [client]);
  return id ? <MessageList conversationId={id} /> : null;
}

/** A conversation without any message yet. */
export const Empty: Story = {
  parameters: { mockChat: { userId: 'u-bruno', controls: false } },
  render: () => <EmptyConversation />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(
      () => expect(canvas.getByText(/Aucun message pour le moment/)).toBeVisible(),
      WAIT,
    );
  },
};

/** A client that never connects: the list waits. */
export const Loading: Story = {
  parameters: { mockChat: { connect: false, controls: false } },
  play: async ({ canvasElement }) => {
    const log = within(canvasElement).getByRole('log');
    await expect(log).toHaveAttribute('aria-busy', 'true');
    await expect(within(log).getByText('Chargement…')).toBeVisible();
  },
};

/** One message refused by the server, then the network drops: the next ones wait. */
export const OfflineWithPendingAndFailed: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { server, client } = chatOf(loaded);
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByText(/\(120\)/)).toBeVisible(), WAIT);
    server.failNext('message:send', { code: 'INVALID', message: 'Message refusé' });
    client.sendMessage(CONV, { content: 'Celui-ci a échoué' });
    await waitFor(() => expect(canvas.getByText("Échec de l'envoi")).toBeVisible(), WAIT);
    server.goOffline();
    await waitFor(() => expect(client.getSnapshot().connection.status).not.toBe('connected'), WAIT);
    client.sendMessage(CONV, { content: 'Envoyé hors ligne' });
    await waitFor(() => expect(canvas.getByText('Envoyé hors ligne')).toBeVisible(), WAIT);
    await waitFor(() => expect(canvas.getByText('En attente')).toBeVisible(), WAIT);
    await expect(canvas.getByRole('button', { name: 'Réessayer' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Supprimer' })).toBeVisible();
  },
};

/** Images keep their size while loading; a click opens them full size. */
export const Images: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { server, client } = chatOf(loaded);
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByText(/\(120\)/)).toBeVisible(), WAIT);
    pushImage(server, 'Vue du balcon');
    const image = await canvas.findByRole('img', { name: /Image envoyée par Bruno/ }, WAIT);
    await expect(image).toHaveAttribute('width', '800');
    await waitFor(() => expect(canvas.getByText('Vue du balcon')).toBeVisible(), WAIT);
    // A picture of your own, waiting for the network: its local preview.
    server.goOffline();
    await waitFor(() => expect(client.getSnapshot().connection.status).not.toBe('connected'), WAIT);
    const blob = await (await fetch(PICTURE)).blob();
    client.sendMessage(CONV, { image: blob });
    const preview = await canvas.findByRole('img', { name: 'Image envoyée par Vous' }, WAIT);
    await expect(preview.getAttribute('src')).toMatch(/^blob:/);
  },
};

/** The retry interaction: a failed message, "Réessayer", and it is sent. */
export const Retry: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { server, client } = chatOf(loaded);
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByText(/\(120\)/)).toBeVisible(), WAIT);
    server.failNext('message:send', { code: 'INVALID' });
    client.sendMessage(CONV, { content: 'Deuxième essai' });
    const retry = await canvas.findByRole('button', { name: 'Réessayer' }, WAIT);
    await userEvent.click(retry);
    await waitFor(
      () => expect(canvas.queryByRole('button', { name: 'Réessayer' })).toBeNull(),
      WAIT,
    );
    const bubble = canvas.getByText('Deuxième essai').closest('.causette-message-bubble');
    await waitFor(() => expect(bubble).toHaveTextContent('Envoyé'), WAIT);
    await expect(server.state.messages(CONV).at(-1)?.content).toBe('Deuxième essai');
  },
};

/** The dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByText(/\(120\)/)).toBeVisible(), WAIT);
    const root = canvasElement.querySelector('.causette-message-list');
    await expect(root).toHaveAttribute('data-causette-theme', 'dark');
  },
};

/** In English. */
export const English: Story = {
  globals: { locale: 'en' },
  play: async ({ canvasElement, loaded }) => {
    const { client } = chatOf(loaded);
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByText(/\(120\)/)).toBeVisible(), WAIT);
    client.sendMessage(CONV, { content: 'See you on Saturday' });
    const bubble = (await canvas.findByText('See you on Saturday', {}, WAIT)).closest(
      '.causette-message-bubble',
    );
    await waitFor(() => expect(bubble).toHaveTextContent('Sent'), WAIT);
  },
};

/** On a 360 px wide phone. */
export const Narrow: Story = {
  decorators: [
    (Story) => (
      <div style={{ width: 360, height: 560 }}>
        <Story />
      </div>
    ),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByText(/\(120\)/)).toBeVisible(), WAIT);
    const log = canvas.getByRole('log');
    await expect(log.scrollWidth).toBeLessThanOrEqual(log.clientWidth);
  },
};
