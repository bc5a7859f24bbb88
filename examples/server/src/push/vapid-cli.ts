// `pnpm --filter @causette/example-server vapid`: prints a new VAPID key pair as environment
// lines (add VAPID_SUBJECT, a mailto: or https: contact, beside them).
import webpush from 'web-push';
import { vapidEnvText } from './vapid';

process.stdout.write(vapidEnvText(webpush.generateVAPIDKeys()));
