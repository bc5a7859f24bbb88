// The demo's sign-in: one of the server's seeded users, through its development login. A real
// marketplace has its own accounts and a backend route that signs the chat token.
import { serverUrl } from '../config';

export type Role = 'advertiser' | 'owner';

/** Who is signed in, kept in localStorage so every tab of this browser is the same person. */
export interface Session {
  userId: string;
  displayName: string;
  role: Role;
}

const KEY = 'causette-demo:session';

export function readSession(): Session | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    return isSession(value) ? value : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  localStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}

/** Calls `listener` when another tab signs in or out. Returns the unsubscribe. */
export function onSessionChange(listener: (session: Session | null) => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === KEY || event.key === null) listener(readSession());
  };
  addEventListener('storage', onStorage);
  return () => removeEventListener('storage', onStorage);
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const { userId, displayName, role } = value as Record<string, unknown>;
  return (
    typeof userId === 'string' &&
    typeof displayName === 'string' &&
    (role === 'advertiser' || role === 'owner')
  );
}

interface DevLoginAnswer {
  token: string;
  expiresAt: string;
  user: { userId: string; displayName: string; role: Role };
}

/** `POST /auth/dev-login`: a token for a seeded user (the server must run in development). */
export async function devLogin(userId: string): Promise<DevLoginAnswer> {
  const response = await fetch(`${serverUrl}/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  if (!response.ok) throw new Error(await errorText(response));
  return (await response.json()) as DevLoginAnswer;
}

/** `GET /auth/dev-users`: the seeded users the login page offers. */
export async function listDevUsers(): Promise<Session[]> {
  const response = await fetch(`${serverUrl}/auth/dev-users`);
  if (!response.ok) throw new Error(await errorText(response));
  const { users } = (await response.json()) as { users: Session[] };
  return users.filter(isSession);
}

async function errorText(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
  return typeof body?.message === 'string' ? body.message : `HTTP ${response.status}`;
}
