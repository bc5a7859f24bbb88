import { ChatError } from '../errors';

/** Who a token says the user is, read from its payload (never verified here: the server does). */
export interface TokenClaims {
  /** `sub`. */
  userId: string;
  /** `name`, or `sub` when the token has no name. */
  displayName: string;
  /** `avatar`. */
  avatarUrl?: string;
  /** `role`. */
  role?: string;
  /** `exp` in epoch milliseconds. */
  expiresAt?: number;
}

function malformed(reason: string): ChatError {
  return new ChatError('UNAUTHORIZED', `malformed token: ${reason}`);
}

function decodeBase64Url(segment: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(segment) || segment.length % 4 === 1) {
    throw malformed('the payload is not base64url');
  }
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  try {
    // atob yields one char per byte: names such as "Chloé" need a real UTF-8 decode.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw malformed('the payload is not UTF-8');
  }
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Reads the user's identity from a JWT's payload, without verifying its signature: the server
 * does that at the handshake. Throws ChatError('UNAUTHORIZED') for anything that is not a JWT
 * with a string `sub`.
 */
export function decodeTokenClaims(token: string): TokenClaims {
  if (typeof token !== 'string' || token === '') throw malformed('expected a non-empty string');
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) {
    throw malformed('expected three dot-separated parts (header.payload.signature)');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(decodeBase64Url(parts[1]));
  } catch (error) {
    if (error instanceof ChatError) throw error;
    throw malformed('the payload is not JSON');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw malformed('the payload is not a JSON object');
  }
  const claims = payload as Record<string, unknown>;
  const userId = optionalString(claims.sub);
  if (!userId) throw malformed('no "sub" claim');
  const result: TokenClaims = { userId, displayName: optionalString(claims.name) ?? userId };
  const avatarUrl = optionalString(claims.avatar);
  if (avatarUrl) result.avatarUrl = avatarUrl;
  const role = optionalString(claims.role);
  if (role) result.role = role;
  if (typeof claims.exp === 'number' && Number.isFinite(claims.exp)) {
    result.expiresAt = claims.exp * 1000;
  }
  return result;
}
