import { NotificationSettings } from '@causette/react';
import { useAppLocale } from '../i18n/locale';
import type { PushState } from '../push/use-push-registration';

/** The settings panel: the kit's notification switches, and whether push reached the server. */
export function SettingsPage({ push }: { push: PushState }) {
  const { strings } = useAppLocale();
  return (
    <main className="page settings">
      <h1>{strings.settingsTitle}</h1>
      <p>{strings.settingsIntro}</p>
      <NotificationSettings />
      {push === 'registered' ? <p role="status">{strings.pushRegistered}</p> : null}
      {push === 'unavailable' ? <p role="status">{strings.pushUnavailable}</p> : null}
      {push === 'server-off' ? <p role="status">{strings.pushServerOff}</p> : null}
    </main>
  );
}
