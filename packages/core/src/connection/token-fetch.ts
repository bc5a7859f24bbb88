/** A pending `getToken()` call. */
export interface TokenFetch {
  /** Resolves a non-empty token; rejects when getToken throws, rejects, or is too slow. */
  token: Promise<string>;
  /** Drops the timeout timer (the caller then ignores the outcome). */
  cancel: () => void;
}

/**
 * Calls `getToken()` with a deadline: a hung token refresh must not stall the connection forever,
 * so after `timeoutMs` the attempt counts as failed and the backoff takes over.
 */
export function fetchToken(
  getToken: () => string | Promise<string>,
  timeoutMs: number,
): TokenFetch {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => clearTimeout(timer);
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no token within ${timeoutMs} ms`)), timeoutMs);
  });
  const fetched = Promise.resolve()
    .then(getToken)
    .then((token) => {
      if (typeof token !== 'string' || !token) {
        throw new TypeError('getToken() must return a non-empty string');
      }
      return token;
    });
  return { token: Promise.race([fetched, timeout]).finally(cancel), cancel };
}
