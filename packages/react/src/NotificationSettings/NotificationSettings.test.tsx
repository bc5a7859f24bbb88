import { render, screen, waitFor } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { destroyClients, makeClient, server } from '../hooks/test-chat.test-fixtures';
import { notificationPreferencesKey } from '../hooks/use-notifications';
import { ChatProvider } from '../provider';
import { NotificationSettings } from './NotificationSettings';

/** A Notification API whose permission the test decides. */
function fakeNotificationApi(permission: NotificationPermission, answer = permission) {
  const api = Object.assign(function FakeNotification() {}, {
    permission,
    requestPermission: vi.fn(async () => {
      api.permission = answer;
      return answer;
    }),
  });
  return api;
}

beforeAll(() => server.listen());
beforeEach(() => localStorage.clear());
afterEach(() => {
  destroyClients();
  server.reset();
  vi.unstubAllGlobals();
});
afterAll(() => server.close());

async function setup(locale: 'fr' | 'en' = 'fr') {
  const client = makeClient('u-alice');
  client.connect();
  await client.waitForConnection();
  render(
    <ChatProvider client={client} locale={locale}>
      <NotificationSettings className="mine" />
    </ChatProvider>,
  );
  return client;
}

describe('NotificationSettings', () => {
  it('turns the sound on and off, stored for the user', async () => {
    vi.stubGlobal('Notification', fakeNotificationApi('default'));
    await setup();
    expect(screen.getByRole('group', { name: 'Notifications' })).toHaveClass(
      'causette',
      'causette-notification-settings',
      'mine',
    );
    const sound = screen.getByRole('switch', { name: 'Son à chaque nouveau message' });
    expect(sound).not.toBeChecked();
    await userEvent.click(sound);
    expect(sound).toBeChecked();
    expect(localStorage.getItem(notificationPreferencesKey('u-alice'))).toContain('"sound":true');
    await userEvent.click(sound);
    expect(sound).not.toBeChecked();
  });

  it('asks the permission on the click only, and turns browser notifications on', async () => {
    const api = fakeNotificationApi('default', 'granted');
    vi.stubGlobal('Notification', api);
    await setup();
    const browser = screen.getByRole('switch', { name: 'Notifications du navigateur' });
    expect(api.requestPermission).not.toHaveBeenCalled();
    await userEvent.click(browser);
    await waitFor(() => expect(browser).toBeChecked());
    expect(api.requestPermission).toHaveBeenCalledOnce();
    await userEvent.click(browser);
    expect(browser).not.toBeChecked();
    expect(api.requestPermission).toHaveBeenCalledOnce();
  });

  it('explains a refusal, made now or before', async () => {
    const api = fakeNotificationApi('default', 'denied');
    vi.stubGlobal('Notification', api);
    await setup('en');
    const browser = screen.getByRole('switch', { name: 'Browser notifications' });
    await userEvent.click(browser);
    await waitFor(() => expect(browser).toBeDisabled());
    expect(browser).not.toBeChecked();
    expect(browser).toHaveAccessibleDescription(
      'The browser blocks notifications from this site: allow them in its settings.',
    );
  });

  it('says when the browser has no notifications', async () => {
    vi.stubGlobal('Notification', undefined);
    await setup();
    const browser = screen.getByRole('switch', { name: 'Notifications du navigateur' });
    expect(browser).toBeDisabled();
    expect(browser).toHaveAccessibleDescription('Ce navigateur ne permet pas les notifications.');
  });

  it('renders on a server with a client that is not connected', () => {
    const html = renderToString(
      <ChatProvider client={makeClient()}>
        <NotificationSettings />
      </ChatProvider>,
    );
    expect(html).toContain('causette-notification-settings');
    expect(html).toContain('role="switch"');
  });
});
