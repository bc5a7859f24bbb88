/**
 * The reference server this demo talks to: `VITE_CAUSETTE_SERVER_URL` at build time (what
 * `pnpm dev` and the end-to-end tests pass), else the server `pnpm dev` starts on this host.
 */
export const serverUrl: string = (
  import.meta.env.VITE_CAUSETTE_SERVER_URL || `${location.protocol}//${location.hostname}:3001`
).replace(/\/+$/, '');
