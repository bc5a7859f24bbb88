import { isErrorCode } from '@causette/protocol';
import { ChatError, type ChatErrorCode } from '../errors';

/** A finished HTTP exchange, whichever API carried it. */
export interface HttpAnswer {
  status: number;
  text: string;
  header(name: string): string | null;
}

/** The parsed JSON body, or `undefined` when it is not JSON. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

// 420 is Cloudinary's rate limit; 400 with this message is its size limit.
const CODE_BY_STATUS: Readonly<Record<number, ChatErrorCode>> = {
  401: 'UNAUTHORIZED',
  403: 'UNAUTHORIZED',
  404: 'NOT_FOUND',
  408: 'UNAVAILABLE',
  413: 'TOO_LARGE',
  420: 'RATE_LIMITED',
  429: 'RATE_LIMITED',
};

/**
 * The error for a non-2xx answer, from both Cloudinary (`{ error: { message } }`) and the
 * reference server (`{ error: { code, message } }`, whose `code` wins). Statuses that say "try
 * later" (408, 420, 429, 5xx) give transient codes; every other one a permanent code.
 */
export function httpError({ status, text, header }: HttpAnswer, what: string): ChatError {
  const error = (parseJson(text) as { error?: { code?: unknown; message?: unknown } } | null)
    ?.error;
  const detail = typeof error?.message === 'string' && error.message;
  const message = `${what} failed${detail ? `: ${detail}` : ` with HTTP ${status}`}`;
  const retryAfter = Number(header('retry-after') ?? NaN);
  const code: ChatErrorCode =
    status === 401 && /expired/i.test(header('www-authenticate') ?? '')
      ? 'TOKEN_EXPIRED'
      : isErrorCode(error?.code)
        ? error.code
        : /file size too large/i.test(message)
          ? 'TOO_LARGE'
          : (CODE_BY_STATUS[status] ??
            (status >= 500 ? 'UNAVAILABLE' : status >= 400 ? 'INVALID' : 'INTERNAL'));
  return new ChatError(code, message, retryAfter >= 0 ? { retryAfterMs: retryAfter * 1000 } : {});
}

/**
 * Sends a request with `fetch` and reads the whole answer. Rejects with `ChatError('ABORTED')`
 * when `init.signal` aborts and `ChatError('UNAVAILABLE')` on a network failure.
 */
export async function fetchAnswer(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit,
  what: string,
): Promise<HttpAnswer> {
  try {
    const response = await fetchImpl(url, init);
    const text = await response.text();
    return { status: response.status, text, header: (name) => response.headers.get(name) };
  } catch (cause) {
    throw failedRequest(what, init.signal ?? undefined, cause);
  }
}

/** The JSON body of a 2xx answer; the {@link httpError} of any other. */
export function readJson(answer: HttpAnswer, what: string): unknown {
  if (answer.status < 200 || answer.status > 299) throw httpError(answer, what);
  return parseJson(answer.text);
}

/** Rejects at once when `signal` is already aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw failedRequest(what, signal, signal.reason);
}

/** The error for a request that got no answer: aborted, or a (transient) network failure. */
export function failedRequest(
  what: string,
  signal: AbortSignal | undefined,
  cause: unknown,
): ChatError {
  return signal?.aborted
    ? new ChatError('ABORTED', `${what} was cancelled`, { cause })
    : new ChatError('UNAVAILABLE', `${what} failed: network error`, { cause });
}
