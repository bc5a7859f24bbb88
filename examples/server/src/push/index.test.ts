import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { pushOptions } from './index';

const vapidEnv = {
  VAPID_PUBLIC_KEY: `B${'A'.repeat(86)}`,
  VAPID_PRIVATE_KEY: 'A'.repeat(43),
  VAPID_SUBJECT: 'mailto:ops@example.com',
};

describe('pushOptions', () => {
  it('sends nothing without VAPID keys, but still checks endpoints', () => {
    expect(pushOptions(loadConfig({ NODE_ENV: 'test' }))).toEqual({ allowPrivateEndpoints: false });
  });

  it('makes a sender with VAPID keys, checking endpoints unless told otherwise', () => {
    const strict = pushOptions(loadConfig(vapidEnv));
    expect(strict.allowPrivateEndpoints).toBe(false);
    expect(strict.notifier).toBeTypeOf('function');
    const open = pushOptions(loadConfig({ ...vapidEnv, PUSH_ALLOW_PRIVATE_ENDPOINTS: 'true' }));
    expect(open.allowPrivateEndpoints).toBe(true);
  });
});
