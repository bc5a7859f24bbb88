import { type ChatClient, createChatClient } from '@causette/core';
import { serverUrl } from '../config';
import { devLogin, type Session } from './session';

/** A token is fetched again this long before it expires. */
const RENEW_BEFORE_MS = 60_000;

/**
 * The chat client of a signed-in user. The token comes from the development login, fetched
 * again before it expires; `userId` lets a page reloaded offline show its queue at once.
 */
export function createDemoClient(session: Session): ChatClient {
  let cached: { token: string; renewAt: number } | undefined;
  const getToken = async () => {
    if (cached && Date.now() < cached.renewAt) return cached.token;
    const { token, expiresAt } = await devLogin(session.userId);
    cached = { token, renewAt: Date.parse(expiresAt) - RENEW_BEFORE_MS };
    return token;
  };
  return createChatClient({ url: serverUrl, getToken, userId: session.userId });
}
