import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ChatProvider } from '../provider';
import { type LoadedChat, mockChatLoader, withMockChat } from '../storybook/mock-chat';
import { ChatWindow } from './ChatWindow';

/**
 * The advertiser (Alice, left) and the owner (Bruno, right) chat through the mock server: what
 * one types shows at the other's, with typing and presence on both sides.
 */
const meta = {
  title: 'Components/ChatWindow/Two users',
  component: ChatWindow,
  args: { conversationId: 'c-lyon-t2' },
  loaders: [mockChatLoader],
  decorators: [withMockChat],
  parameters: { mockChat: { otherUserIds: ['u-bruno'] }, layout: 'fullscreen' },
  render: (args, { loaded, globals }) => {
    const { others } = (loaded as { chat: LoadedChat }).chat;
    const bruno = others['u-bruno'];
    return (
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: '1fr 1fr',
          gridTemplateRows: 'minmax(0, 1fr)',
          gap: 16,
          height: 560,
        }}
      >
        <div style={{ display: 'flex', minWidth: 0 }} data-testid="alice">
          <ChatWindow {...args} />
        </div>
        {bruno ? (
          <ChatProvider
            client={bruno}
            locale={(globals as { locale?: 'fr' | 'en' }).locale ?? 'fr'}
            theme={(globals as { theme?: 'light' | 'dark' }).theme ?? 'light'}
          >
            <div style={{ display: 'flex', minWidth: 0 }} data-testid="bruno">
              <ChatWindow {...args} />
            </div>
          </ChatProvider>
        ) : null}
      </div>
    );
  },
} satisfies Meta<typeof ChatWindow>;
export default meta;

type Story = StoryObj<typeof meta>;

export const SideBySide: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const alice = within(await canvas.findByTestId('alice'));
    const bruno = within(await canvas.findByTestId('bruno'));
    // Each sees the other online.
    await alice.findByText('En ligne');
    await bruno.findByText('En ligne');
    const input = await alice.findByRole('textbox', { name: 'Votre message' });
    await userEvent.type(input, 'Le T2 est toujours libre');
    await bruno.findByText(/^Alice .*est en train d'écrire…$/);
    await userEvent.keyboard('{Enter}');
    await waitFor(() =>
      expect(bruno.getByRole('log')).toHaveTextContent('Le T2 est toujours libre'),
    );
  },
};
