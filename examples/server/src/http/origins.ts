import type { AllowedOrigins } from '../config';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether a request's `Origin` may use this server. No `Origin` at all means a non-browser
 * client (a native app, a server, curl), which CORS does not concern: accepted. The opaque
 * origin `null` (sandboxed frames, file: pages) is never accepted. The socket handshake uses
 * the same rule, since CORS does not cover WebSocket.
 */
export function isOriginAllowed(allowed: AllowedOrigins, origin: string | undefined): boolean {
  if (origin === undefined) return true;
  if (origin === 'null' || origin === '') return false;
  switch (allowed.kind) {
    case 'any':
      return true;
    case 'list':
      return allowed.origins.includes(normalize(origin) ?? '');
    case 'local': {
      try {
        const url = new URL(origin);
        return (
          (url.protocol === 'http:' || url.protocol === 'https:') && LOCAL_HOSTS.has(url.hostname)
        );
      } catch {
        return false;
      }
    }
  }
}

function normalize(origin: string): string | undefined {
  try {
    return new URL(origin).origin;
  } catch {
    return undefined;
  }
}
