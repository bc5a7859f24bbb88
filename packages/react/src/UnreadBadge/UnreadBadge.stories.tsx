import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { type LoadedChat, mockChatLoader, withMockChat } from '../storybook/mock-chat';
import { UnreadBadge } from './UnreadBadge';

const meta = {
  title: 'Components/UnreadBadge',
  component: UnreadBadge,
  args: { count: 3 },
} satisfies Meta<typeof UnreadBadge>;
export default meta;

type Story = StoryObj<typeof meta>;

export const Few: Story = {
  play: async ({ canvasElement }) => {
    const badge = within(canvasElement).getByRole('status', { name: '3 messages non lus' });
    await expect(badge).toHaveTextContent('3');
  },
};

export const Many: Story = {
  args: { count: 1204 },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('99+');
  },
};

/** Without `count`, in a site header: the signed-in user's total, live from the mock server. */
export const FromTheClient: Story = {
  args: { count: undefined },
  loaders: [mockChatLoader],
  decorators: [withMockChat],
  render: (args) => (
    <header style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
      <span>Messages</span>
      <UnreadBadge {...args} />
    </header>
  ),
  play: async ({ canvasElement, loaded }) => {
    const { server } = (loaded as { chat: LoadedChat }).chat;
    const canvas = within(canvasElement);
    const before = server.state.unread('u-alice');
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(String(before)));
    server.sendAs('u-bruno', 'c-lyon-t2', 'Toujours disponible ?');
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(String(before + 1)));
  },
};
