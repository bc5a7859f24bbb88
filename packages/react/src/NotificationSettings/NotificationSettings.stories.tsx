import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { notificationPreferencesKey } from '../hooks/use-notifications';
import { mockChatLoader, withMockChat } from '../storybook/mock-chat';
import { NotificationSettings } from './NotificationSettings';

/**
 * Puts a stand-in Notification API on the page for the story (the real prompt cannot be answered
 * by a test), with fresh preferences; returns the cleanup Storybook runs after the story.
 */
function withNotificationApi(
  permission: NotificationPermission | 'unsupported',
  answer = permission,
) {
  return () => {
    const scope = globalThis as { Notification?: unknown };
    const had = Object.prototype.hasOwnProperty.call(scope, 'Notification');
    const original = scope.Notification;
    localStorage.removeItem(notificationPreferencesKey('u-alice'));
    if (permission === 'unsupported') {
      scope.Notification = undefined;
    } else {
      const standIn = Object.assign(function Notification() {}, {
        permission,
        requestPermission: async () => {
          if (answer !== 'unsupported') standIn.permission = answer;
          return standIn.permission;
        },
      });
      scope.Notification = standIn;
    }
    return () => {
      if (had) scope.Notification = original;
      else delete scope.Notification;
      localStorage.removeItem(notificationPreferencesKey('u-alice'));
    };
  };
}

const meta = {
  title: 'Components/NotificationSettings',
  component: NotificationSettings,
  loaders: [mockChatLoader],
  decorators: [withMockChat],
  beforeEach: withNotificationApi('default', 'granted'),
  render: (args) => (
    <div style={{ maxWidth: 420 }}>
      <NotificationSettings {...args} />
    </div>
  ),
} satisfies Meta<typeof NotificationSettings>;
export default meta;

type Story = StoryObj<typeof meta>;

/** Both off by default; turning browser notifications on asks the permission (granted here). */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const sound = canvas.getByRole('switch', { name: 'Son à chaque nouveau message' });
    const browser = canvas.getByRole('switch', { name: 'Notifications du navigateur' });
    await expect(sound).not.toBeChecked();
    await expect(browser).not.toBeChecked();
    await userEvent.click(sound);
    await expect(sound).toBeChecked();
    await userEvent.click(browser);
    await waitFor(() => expect(browser).toBeChecked());
  },
};

/** The browser blocks notifications for the site: the switch is off, and why is said. */
export const PermissionDenied: Story = {
  beforeEach: withNotificationApi('denied'),
  play: async ({ canvasElement }) => {
    const browser = within(canvasElement).getByRole('switch', {
      name: 'Notifications du navigateur',
    });
    await expect(browser).toBeDisabled();
    await expect(browser).toHaveAccessibleDescription(/Le navigateur bloque les notifications/);
  },
};

/** A browser without notifications. */
export const Unsupported: Story = {
  beforeEach: withNotificationApi('unsupported'),
  play: async ({ canvasElement }) => {
    await expect(
      within(canvasElement).getByText('Ce navigateur ne permet pas les notifications.'),
    ).toBeVisible();
  },
};

/** In English, dark. */
export const EnglishDark: Story = {
  globals: { locale: 'en', theme: 'dark' },
  render: (args) => (
    <div style={{ maxWidth: 420, background: '#15171b', padding: 12 }}>
      <NotificationSettings {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    await expect(
      within(canvasElement).getByRole('group', { name: 'Notifications' }),
    ).toHaveTextContent('Sound on each new message');
  },
};

/** Denied, in English, 360 px wide. */
export const NarrowDeniedEnglish: Story = {
  globals: { locale: 'en' },
  beforeEach: withNotificationApi('denied'),
  render: (args) => (
    <div style={{ width: 360 }}>
      <NotificationSettings {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(/The browser blocks notifications/)).toBeVisible();
  },
};
