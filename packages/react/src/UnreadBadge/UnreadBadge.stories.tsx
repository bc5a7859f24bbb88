import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
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
    const badge = within(canvasElement).getByRole('status', { name: '3 unread messages' });
    await expect(badge).toHaveTextContent('3');
  },
};

export const Many: Story = {
  args: { count: 1204 },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('99+');
  },
};
