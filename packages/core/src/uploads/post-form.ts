import { failedRequest, fetchAnswer, throwIfAborted, type HttpAnswer } from './http';

/** Options of {@link postForm}. */
export interface PostFormOptions {
  signal?: AbortSignal;
  /** Bytes of the request body sent so far, with XMLHttpRequest only. */
  onUploadProgress?: (loaded: number, total: number) => void;
  /** What the request is, for error messages ("The upload"). */
  what: string;
}

/**
 * POSTs a multipart form: with XMLHttpRequest where there is one (browsers: it alone reports
 * upload progress), otherwise with `fetch` (Node, workers). Resolves with any HTTP answer;
 * rejects with `ChatError('ABORTED')` when `signal` aborts and `ChatError('UNAVAILABLE')` on a
 * network failure.
 */
export function postForm(
  url: string,
  body: FormData,
  options: PostFormOptions,
): Promise<HttpAnswer> {
  throwIfAborted(options.signal, options.what);
  return typeof XMLHttpRequest === 'function'
    ? postWithXhr(url, body, options)
    : postWithFetch(url, body, options);
}

function postWithXhr(url: string, body: FormData, options: PostFormOptions): Promise<HttpAnswer> {
  const { signal, onUploadProgress, what } = options;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    const settle = (outcome: () => void) => {
      signal?.removeEventListener('abort', abort);
      outcome();
    };
    xhr.open('POST', url);
    if (onUploadProgress && xhr.upload) {
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onUploadProgress(event.loaded, event.total);
      };
    }
    xhr.onload = () =>
      settle(() =>
        resolve({
          status: xhr.status,
          text: String(xhr.responseText ?? ''),
          header: (name) => xhr.getResponseHeader(name),
        }),
      );
    xhr.onerror = xhr.ontimeout = () =>
      settle(() => reject(failedRequest(what, signal, new Error('XMLHttpRequest failed'))));
    xhr.onabort = () => settle(() => reject(failedRequest(what, signal, signal?.reason)));
    signal?.addEventListener('abort', abort, { once: true });
    xhr.send(body);
  });
}

function postWithFetch(url: string, body: FormData, { signal, what }: PostFormOptions) {
  return fetchAnswer(
    fetch,
    url,
    signal ? { method: 'POST', body, signal } : { method: 'POST', body },
    what,
  );
}
