// Unsigned JWT-shaped tokens: the mock has no secret to check, only claims to read.
import type { HandshakeErrorData } from '@causette/protocol';

/** Claims the mock server reads from a token. */
export interface MockTokenClaims {
  /** The user id. */
  sub: string;
  /** Display name; refreshes the user's name on connect, like the reference server's upsert. */
  name?: string;
  /** Expiry, in seconds since the epoch (JWT `exp`). */
  exp: number;
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(padded + '='.repeat((4 - (padded.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** Builds `base64url(header).base64url(payload).` with `alg: none`. */
export function encodeMockToken(claims: MockTokenClaims): string {
  const header = toBase64Url(JSON.stringify({ alg: 'none', typ: 'JWT' }));
  return `${header}.${toBase64Url(JSON.stringify(claims))}.`;
}

/** Reads a token made by {@link encodeMockToken}; `null` when it is not one. */
export function decodeMockToken(token: string): MockTokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(fromBase64Url(parts[1]));
  } catch {
    return null;
  }
  if (!payload || typeof payload !== 'object') return null;
  const { sub, name, exp } = payload as Record<string, unknown>;
  if (typeof sub !== 'string' || sub === '' || typeof exp !== 'number' || !Number.isFinite(exp))
    return null;
  return typeof name === 'string' ? { sub, name, exp } : { sub, exp };
}

/** Why a handshake is refused, or the user it admits and when their session ends. */
export type HandshakeVerdict =
  | { ok: true; userId: string; name?: string; expiresAt: number }
  | { ok: false; error: HandshakeErrorData };

/** The token from socket.io's CONNECT packet (`auth: { token }`), if any. */
export function readAuthToken(auth: unknown): string | undefined {
  if (!auth || typeof auth !== 'object' || !('token' in auth)) return undefined;
  const token = (auth as { token: unknown }).token;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/** The reference server's handshake rules, over unsigned tokens and a fixed user list. */
export function verifyHandshake(
  auth: unknown,
  isKnownUser: (userId: string) => boolean,
  nowMs: number,
): HandshakeVerdict {
  const token = readAuthToken(auth);
  if (!token) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'missing token' } };
  const claims = decodeMockToken(token);
  if (!claims) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'invalid token' } };
  if (claims.exp * 1000 <= nowMs)
    return { ok: false, error: { code: 'TOKEN_EXPIRED', message: 'token expired' } };
  if (!isKnownUser(claims.sub))
    return { ok: false, error: { code: 'UNAUTHORIZED', message: `unknown user ${claims.sub}` } };
  const verdict: HandshakeVerdict = { ok: true, userId: claims.sub, expiresAt: claims.exp * 1000 };
  if (claims.name !== undefined) verdict.name = claims.name;
  return verdict;
}
