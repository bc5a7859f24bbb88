import { useId, useState } from 'react';
import { useNotifications } from '../hooks/use-notifications';
import { useKitRoot, useStrings } from '../provider/use-kit';

/** Props of {@link NotificationSettings}. */
export interface NotificationSettingsProps {
  className?: string;
}

/**
 * Two switches: a sound for each new message, and browser notifications while the tab is hidden.
 * Both are off until the user turns them on; the browser's permission is asked when the user
 * turns the second one on, never before. A blocked or missing permission is explained. Built on
 * `useNotifications` only.
 */
export function NotificationSettings({ className }: NotificationSettingsProps) {
  const strings = useStrings();
  const root = useKitRoot('causette-notification-settings', className);
  const notifications = useNotifications();
  const id = useId();
  const [asking, setAsking] = useState(false);
  const { permission } = notifications;
  const blocked = permission === 'denied' || permission === 'unsupported';
  const note =
    permission === 'denied'
      ? strings.permissionDenied
      : permission === 'unsupported'
        ? strings.notificationsUnsupported
        : undefined;

  const onBrowserChange = (on: boolean) => {
    if (!on) {
      notifications.disableBrowser();
      return;
    }
    if (asking) return;
    setAsking(true);
    notifications.enableBrowser().finally(() => setAsking(false));
  };

  return (
    <fieldset {...root}>
      <legend className="causette-notification-settings__legend">
        {strings.notificationSettings}
      </legend>
      <label className="causette-notification-settings__option">
        <input
          type="checkbox"
          role="switch"
          className="causette-notification-settings__switch"
          checked={notifications.sound}
          onChange={(event) => notifications.setSound(event.target.checked)}
        />
        <span>{strings.soundLabel}</span>
      </label>
      <label className="causette-notification-settings__option">
        <input
          type="checkbox"
          role="switch"
          className="causette-notification-settings__switch"
          checked={notifications.browser}
          disabled={blocked}
          aria-busy={asking}
          aria-describedby={note ? `${id}-note` : undefined}
          onChange={(event) => onBrowserChange(event.target.checked)}
        />
        <span>{strings.browserNotificationsLabel}</span>
      </label>
      {note ? (
        <p id={`${id}-note`} className="causette-notification-settings__note">
          {note}
        </p>
      ) : null}
    </fieldset>
  );
}
