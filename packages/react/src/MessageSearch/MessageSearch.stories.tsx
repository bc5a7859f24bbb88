import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { type LoadedChat, mockChatLoader, withMockChat } from '../storybook/mock-chat';
import { MessageSearch } from './MessageSearch';

const meta = {
  title: 'Components/MessageSearch',
  component: MessageSearch,
  args: { onOpenMessage: fn() },
  loaders: [mockChatLoader],
  decorators: [withMockChat],
  render: (args) => (
    <div style={{ maxWidth: 480 }}>
      <MessageSearch {...args} />
    </div>
  ),
} satisfies Meta<typeof MessageSearch>;
export default meta;

type Story = StoryObj<typeof meta>;

/** Type a word, press Enter: the hits show the match highlighted; a click opens one. */
export const Search: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(
      canvas.getByRole('searchbox', { name: 'Rechercher dans les messages' }),
      'balcon{Enter}',
    );
    const list = await canvas.findByRole(
      'list',
      { name: 'Résultats de la recherche' },
      { timeout: 10_000 },
    );
    const [first] = within(list).getAllByRole('button');
    await expect(first!.querySelector('mark')).toHaveTextContent(/^balcon$/i);
    await expect(first).toHaveTextContent('Avec Bruno Lefèvre');
    await userEvent.click(first!);
    await expect(args.onOpenMessage).toHaveBeenCalledWith(
      expect.objectContaining({
        message: expect.objectContaining({ conversationId: 'c-lyon-t2' }),
      }),
    );
  },
};

/** A message with markup in it: shown as the text it is. */
export const MarkupAsText: Story = {
  parameters: {
    mockChat: {
      setup: (server: LoadedChat['server']) => {
        server.sendAs(
          'u-bruno',
          'c-lyon-t2',
          'Le <b>jardin</b> <img src=x onerror=alert(1)> est clos',
        );
      },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('searchbox'), 'jardin{Enter}');
    const list = await canvas.findByRole('list', {}, { timeout: 10_000 });
    const [hit] = within(list).getAllByRole('button');
    await expect(hit).toHaveTextContent('Le <b>jardin</b> <img src=x onerror=alert(1)> est clos');
    await expect(hit!.querySelector('img, b')).toBeNull();
  },
};

/** Nothing matches. */
export const NoResults: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('searchbox'), 'piscine{Enter}');
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('piscine'), {
      timeout: 10_000,
    });
  },
};

/** The server fails the search. */
export const SearchFailed: Story = {
  parameters: {
    mockChat: {
      setup: (server: LoadedChat['server']) =>
        server.failNext('message:search', { code: 'INTERNAL' }),
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('searchbox'), 'balcon{Enter}');
    await waitFor(
      () => expect(canvas.getByText('La recherche a échoué. Réessayez.')).toBeVisible(),
      { timeout: 10_000 },
    );
  },
};

/** Within one conversation, many hits: "Plus de résultats" loads the next page. */
export const OneConversationWithMore: Story = {
  args: { conversationId: 'c-lyon-t2' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('searchbox'), 'samedi{Enter}');
    const more = await canvas.findByRole(
      'button',
      { name: 'Plus de résultats' },
      { timeout: 10_000 },
    );
    await userEvent.click(more);
    await waitFor(
      () => expect(within(canvas.getByRole('list')).getAllByRole('button')).toHaveLength(40),
      {
        timeout: 10_000,
      },
    );
  },
};

/** In English, dark. */
export const EnglishDark: Story = {
  globals: { locale: 'en', theme: 'dark' },
  render: (args) => (
    <div style={{ maxWidth: 480, background: '#15171b', padding: 12 }}>
      <MessageSearch {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(
      canvas.getByRole('searchbox', { name: 'Search messages' }),
      'meuble{Enter}',
    );
    const list = await canvas.findByRole('list', { name: 'Search results' }, { timeout: 10_000 });
    await expect(list).toHaveTextContent('With Chloé Dubois');
  },
};

/** 360 px wide. */
export const Narrow: Story = {
  render: (args) => (
    <div style={{ width: 360 }}>
      <MessageSearch {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('searchbox'), 'disponible{Enter}');
    await canvas.findByRole('list', {}, { timeout: 10_000 });
  },
};
