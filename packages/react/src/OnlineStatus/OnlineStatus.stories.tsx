import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { mockChatLoader, withMockChat } from '../storybook/mock-chat';
import { OnlineStatus } from './OnlineStatus';

const meta = {
  title: 'Components/OnlineStatus',
  component: OnlineStatus,
  args: { userId: 'u-bruno' },
  loaders: [mockChatLoader],
  decorators: [withMockChat],
  parameters: { mockChat: { controls: false } },
} satisfies Meta<typeof OnlineStatus>;
export default meta;

type Story = StoryObj<typeof meta>;

/** Bruno is connected (a second client of the mock signs him in). */
export const Online: Story = {
  parameters: { mockChat: { controls: false, otherUserIds: ['u-bruno'] } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('En ligne')).toBeVisible();
  },
};

/** Chloé has not connected: when she was last seen, kept up to date by the page's one clock. */
export const OfflineWithLastSeen: Story = {
  args: { userId: 'u-chloe' },
  play: async ({ canvasElement }) => {
    const text = await within(canvasElement).findByText(/^Vu il y a/);
    await expect(text.tagName).toBe('TIME');
  },
};

/** The dot alone, as beside an avatar: its name says the status. */
export const DotOnly: Story = {
  args: { showLabel: false },
  parameters: { mockChat: { controls: false, otherUserIds: ['u-bruno'] } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('img', { name: 'En ligne' })).toBeVisible();
  },
};

/** Before the server answers (here the client never connects): a neutral dot, no text. */
export const Unknown: Story = {
  parameters: { mockChat: { controls: false, connect: false } },
  play: async ({ canvasElement }) => {
    const root = canvasElement.querySelector('.causette-online-status');
    await expect(root).toHaveClass('causette-online-status--unknown');
    await expect(root).toHaveTextContent('');
  },
};
