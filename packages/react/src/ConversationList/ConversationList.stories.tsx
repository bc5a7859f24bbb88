import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, screen, userEvent, waitFor, within } from 'storybook/test';
import type { MockChatServer } from '@causette/testing';
import {
  type LoadedChat,
  type MockChatParameters,
  mockChatLoader,
  withMockChat,
} from '../storybook/mock-chat';
import { ConversationList, type ConversationListProps } from './ConversationList';

/** The list with its own selection state, as an app's page holds it. */
function Selectable(props: ConversationListProps) {
  const [selectedId, setSelectedId] = useState(props.selectedId);
  return (
    <ConversationList
      {...props}
      selectedId={selectedId}
      onSelect={(id) => {
        setSelectedId(id);
        props.onSelect(id);
      }}
    />
  );
}

const meta = {
  title: 'Components/ConversationList',
  component: ConversationList,
  args: { onSelect: fn() },
  loaders: [mockChatLoader],
  decorators: [withMockChat],
  render: (args) => (
    <div style={{ maxWidth: 420 }}>
      <Selectable {...args} />
    </div>
  ),
} satisfies Meta<typeof ConversationList>;
export default meta;

type Story = StoryObj<typeof meta>;

/** Alice's conversations from the mock: previews, times, unread badges, newest first. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const list = await canvas.findByRole('list', { name: 'Conversations' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    await expect(canvas.getByText('3 messages non lus')).toBeVisible();
  },
};

/** A user with no conversation yet. */
export const Empty: Story = {
  parameters: {
    mockChat: {
      userId: 'u-dana',
      controls: false,
      setup: (server: MockChatServer) =>
        server.addUser({ id: 'u-dana', displayName: 'Dana Petit', role: 'advertiser' }),
    } satisfies MockChatParameters,
  },
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByText('Aucune conversation pour le moment.'),
    ).toBeVisible();
  },
};

/** Before the first page: skeleton rows, busy for assistive technologies. */
export const Loading: Story = {
  parameters: { mockChat: { connect: false, controls: false } },
  play: async ({ canvasElement }) => {
    const busy = within(canvasElement).getByRole('status');
    await expect(busy).toHaveAttribute('aria-busy', 'true');
  },
};

/** The conversation shown beside the list is highlighted (`aria-current`). */
export const Selected: Story = {
  args: { selectedId: 'c-croix-rousse' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() =>
      expect(
        canvasElement.querySelector('[data-causette-conversation="c-croix-rousse"]'),
      ).toHaveAttribute('aria-current', 'true'),
    );
    await expect(canvas.getByText('Chloé Dubois')).toBeVisible();
  },
};

export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('list', { name: 'Conversations' });
  },
};

export const English: Story = {
  globals: { locale: 'en' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByRole('searchbox', { name: 'Filter conversations' }),
    ).toBeVisible();
    await expect(await canvas.findByText('3 unread messages')).toBeVisible();
  },
};

/** On a phone, 360 px wide: names and previews are cut with an ellipsis. */
export const Narrow: Story = {
  parameters: { mockChat: { controls: false } },
  render: (args) => (
    <div style={{ width: 360, border: '1px solid #d9dde3' }}>
      <Selectable {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const list = await within(canvasElement).findByRole('list', { name: 'Conversations' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    await expect(list.scrollWidth).toBeLessThanOrEqual(360);
  },
};

/**
 * Mark as unread from a row's menu: Alice has just answered Chloé, so that conversation is read;
 * "Marquer comme non lu" brings its badge back, on the server too.
 */
export const MarkUnread: Story = {
  parameters: {
    mockChat: {
      conversationId: 'c-croix-rousse',
      setup: (server: MockChatServer) => {
        server.sendAs('u-alice', 'c-croix-rousse', 'Parfait, je regarde votre dossier ce soir.');
      },
    } satisfies MockChatParameters,
  },
  play: async ({ canvasElement, loaded }) => {
    const { server } = (loaded as { chat: LoadedChat }).chat;
    const canvas = within(canvasElement);
    const name = 'Actions pour la conversation avec Chloé Dubois';
    const row = (await canvas.findByRole('button', { name })).closest('li') as HTMLElement;
    // The row moves to the top when the set-up's message reaches the list; a click while it
    // moves can land where it was.
    await within(row).findByText(/Parfait, je regarde/, {}, { timeout: 10_000 });
    await expect(within(row).queryByText(/non lu/)).toBeNull();
    // Asked again: the button found first may have been the stand-in shown while the menu's
    // code loads, since replaced.
    await userEvent.click(within(row).getByRole('button', { name }));
    // The menu is portalled to the page's body; a loaded CI machine can take over a second.
    const menu = await screen.findByRole('menu', {}, { timeout: 10_000 });
    await userEvent.click(within(menu).getByRole('menuitem', { name: 'Marquer comme non lu' }));
    await expect(
      await within(row).findByText('1 message non lu', {}, { timeout: 10_000 }),
    ).toBeVisible();
    await waitFor(() => expect(server.state.unread('u-alice', 'c-croix-rousse')).toBe(1), {
      timeout: 10_000,
    });
  },
};
