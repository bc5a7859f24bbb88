import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { type LoadedChat, mockChatLoader, withMockChat } from '../storybook/mock-chat';
import { ChatWindow } from './ChatWindow';

const meta = {
  title: 'Components/ChatWindow',
  component: ChatWindow,
  args: { conversationId: 'c-lyon-t2' },
  loaders: [mockChatLoader],
  decorators: [
    (Story) => (
      <div style={{ height: 560, display: 'flex' }}>
        <Story />
      </div>
    ),
    withMockChat,
  ],
} satisfies Meta<typeof ChatWindow>;
export default meta;

type Story = StoryObj<typeof meta>;

const chatOf = (loaded: unknown) => (loaded as { chat: LoadedChat }).chat;

/** Alice (the advertiser) and Bruno about the T2 in Lyon: type and press Enter. */
export const Default: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const { server } = chatOf(loaded);
    const input = await canvas.findByRole('textbox', { name: 'Votre message' });
    await userEvent.type(input, 'Bonjour Bruno, toujours intéressé{Enter}');
    await waitFor(() =>
      expect(server.state.messages('c-lyon-t2').at(-1)?.content).toBe(
        'Bonjour Bruno, toujours intéressé',
      ),
    );
  },
};

/** The other member is typing. */
export const Typing: Story = {
  play: async ({ canvasElement, loaded }) => {
    const { server } = chatOf(loaded);
    server.emit('u-alice', 'typing:update', {
      conversationId: 'c-lyon-t2',
      userId: 'u-bruno',
      isTyping: true,
    });
    await within(canvasElement).findByText(/^Bruno .*est en train d'écrire…$/);
  },
};

/** Offline: the banner shows, a message sent meanwhile waits in the outbox. */
export const Offline: Story = {
  parameters: { mockChat: { offline: true } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText(/^Hors ligne : vos messages partiront/);
  },
};

export const Dark: Story = { globals: { theme: 'dark' } };

export const English: Story = {
  globals: { locale: 'en' },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('textbox', { name: 'Your message' });
  },
};

/** A phone: 360 px wide. */
export const Narrow: Story = {
  decorators: [
    (Story) => (
      <div style={{ width: 360, height: 640, display: 'flex' }}>
        <Story />
      </div>
    ),
  ],
};
