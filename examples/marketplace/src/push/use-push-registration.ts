import type { ChatClient } from '@causette/core';
import { useChatClient, useConnection, useNotifications } from '@causette/react';
import { useEffect, useRef, useState } from 'react';
import { PushUnavailableError, registerPush } from './register-push';

/**
 * Where this browser's push subscription stands: `server-off` when the chat server has no VAPID
 * key (it sends no pushes), `unavailable` when this browser or its push service failed.
 */
export type PushState = 'off' | 'registering' | 'registered' | 'unavailable' | 'server-off';

/**
 * Subscribes to Web Push once the user has turned browser notifications on (the permission is
 * granted by then) and the client is connected: once per client.
 */
export function usePushRegistration(): PushState {
  const client = useChatClient();
  const { browser, permission } = useNotifications();
  const connected = useConnection().status === 'connected';
  const wanted = browser && permission === 'granted';
  const [result, setResult] = useState<{ client: ChatClient; state: PushState }>();
  const attempted = useRef<ChatClient | null>(null);

  useEffect(() => {
    if (!wanted || !connected || attempted.current === client) return;
    attempted.current = client;
    registerPush(client).then(
      () => setResult({ client, state: 'registered' }),
      (cause: unknown) => {
        console.warn('Web Push is not available:', cause);
        const serverOff = cause instanceof PushUnavailableError && cause.side === 'server';
        setResult({ client, state: serverOff ? 'server-off' : 'unavailable' });
      },
    );
  }, [client, wanted, connected]);

  if (!wanted) return 'off';
  return result?.client === client ? result.state : 'registering';
}
